// The baseline: a bare Hono server doing the same work as hookyard's Verify Services routes, written flat in
// one file — so the ratio measures what hookyard's structure costs, not what its features do. Per request it
// checks the Host header and the body size, checks Basic auth, parses the form, type-checks every parameter
// createService takes, stores the row (array + SID map), answers the same Twilio-shaped JSON (lists paged
// with a token), and journals the call (raw parts, bounded), as hookyard does. With `--db <file>` every
// create is also appended to a log as a JSON line with group commit and fdatasync, as hookyard's --db does.
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const ACCOUNT = 'AC00000000000000000000000000000000';
const AUTH = 'Basic ' + Buffer.from(`${ACCOUNT}:hookyard_auth_token`).toString('base64');
const dbAt = process.argv.indexOf('--db');
const dbFile = dbAt > 0 ? process.argv[dbAt + 1] : undefined;

const rows = [];
const bySid = new Map();
let seq = 0;
const journal = [];
const JOURNAL_LIMIT = 10_000;

// Group commit: one append + fdatasync in flight; every row stored before it starts is acknowledged with it.
let pending = [];
let waiters = [];
let flushing = false;
async function flush() {
  flushing = true;
  while (pending.length > 0) {
    const lines = pending.map((r) => JSON.stringify({ op: 'put', table: 'verify.services', scope: ACCOUNT, row: r })).join('\n') + '\n';
    const done = waiters;
    pending = [];
    waiters = [];
    const h = await open(dbFile, 'a');
    await h.appendFile(lines);
    await h.datasync();
    await h.close();
    for (const w of done) w();
  }
  flushing = false;
}
const commit = (row) => {
  if (!dbFile) return undefined;
  pending.push(row);
  const p = new Promise((r) => waiters.push(r));
  if (!flushing) void flush();
  return p;
};

const toJson = (r, origin) => {
  const url = `${origin}/v2/Services/${r.sid}`;
  return {
    sid: r.sid, account_sid: ACCOUNT, friendly_name: r.friendlyName, code_length: r.codeLength,
    lookup_enabled: r.lookupEnabled, psd2_enabled: r.psd2Enabled, skip_sms_to_landlines: r.skipSmsToLandlines, dtmf_input_required: r.dtmfInputRequired, tts_name: r.ttsName,
    do_not_share_warning_enabled: r.doNotShareWarningEnabled, custom_code_enabled: r.customCodeEnabled,
    push: { include_date: r.push.includeDate, apn_credential_sid: r.push.apnCredentialSid, fcm_credential_sid: r.push.fcmCredentialSid },
    totp: { issuer: r.totp.issuer, time_step: r.totp.timeStep, code_length: r.totp.codeLength, skew: r.totp.skew }, default_template_sid: r.defaultTemplateSid,
    whatsapp: { msg_service_sid: r.whatsapp.msgServiceSid, from: r.whatsapp.from },
    passkeys: { relying_party: { id: null, name: null, origins: [] }, authenticator_attachment: null, discoverable_credentials: null, user_verification: null },
    verify_event_subscription_enabled: r.verifyEventSubscriptionEnabled, date_created: r.dateCreated, date_updated: r.dateUpdated, url,
    links: {
      verification_checks: `${url}/VerificationCheck`, verifications: `${url}/Verifications`, rate_limits: `${url}/RateLimits`,
      messaging_configurations: `${url}/MessagingConfigurations`, entities: `${url}/Entities`, webhooks: `${url}/Webhooks`, access_tokens: `${url}/AccessTokens`,
    },
  };
};

const bad = (c, param) => c.json({ code: 60200, message: `Invalid parameter: ${param}`, more_info: 'https://www.twilio.com/docs/errors/60200', status: 400 }, 400);
const last = (form, k) => form.get(k)?.at(-1);
const BOOLS = ['LookupEnabled', 'Psd2Enabled', 'SkipSmsToLandlines', 'DtmfInputRequired', 'DoNotShareWarningEnabled', 'CustomCodeEnabled', 'VerifyEventSubscriptionEnabled', 'Push.IncludeDate'];
const INTS = { CodeLength: [4, 10], 'Totp.TimeStep': [20, 60], 'Totp.CodeLength': [3, 8], 'Totp.Skew': [0, 2] };
const STRS = ['TtsName', 'DefaultTemplateSid', 'Push.ApnCredentialSid', 'Push.FcmCredentialSid', 'Totp.Issuer', 'Whatsapp.MsgServiceSid', 'Whatsapp.From', 'Passkeys.RelyingParty.Id', 'Passkeys.RelyingParty.Name'];

const app = new Hono();
app.use('*', async (c, next) => {
  const started = performance.now();
  const host = c.req.header('host') ?? '';
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) return c.json({ code: 20403, message: 'Forbidden host', status: 403 }, 403);
  if (Number(c.req.header('content-length') ?? 0) > 1_048_576) return c.json({ code: 20001, message: 'Body too large', status: 413 }, 413);
  await next();
  const text = c.req.method === 'GET' ? undefined : await c.req.text();
  journal.push({ atMs: Date.now(), method: c.req.method, path: c.req.path, url: c.req.url, host, contentType: c.req.header('content-type') ?? '', text, status: c.res.status, durationMs: performance.now() - started });
  if (journal.length > JOURNAL_LIMIT) journal.shift();
});
app.use('/v2/*', async (c, next) => {
  if (c.req.header('authorization') !== AUTH) return c.json({ code: 20003, message: 'Authenticate', status: 401 }, 401);
  await next();
});
app.get('/_hookyard/health', (c) => c.json({ status: 'ok' }));
app.get('/v2/Services', (c) => {
  const size = Number(c.req.query('PageSize') ?? 50);
  const token = c.req.query('PageToken');
  const after = token ? Number(Buffer.from(token.slice(2), 'base64url').toString().slice(1)) : 0;
  let lo = 0;
  for (let hi = rows.length; lo < hi; ) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]._seq <= after) lo = mid + 1;
    else hi = mid;
  }
  const url = new URL(c.req.url);
  const items = rows.slice(lo, lo + size);
  const next = lo + size < rows.length ? `${url.origin}${url.pathname}?PageSize=${size}&Page=1&PageToken=PA${Buffer.from(`a${items.at(-1)._seq}`).toString('base64url')}` : null;
  return c.json({ services: items.map((r) => toJson(r, url.origin)), meta: { page: 0, page_size: size, first_page_url: `${url.origin}${url.pathname}?PageSize=${size}&Page=0`, previous_page_url: null, url: url.href, next_page_url: next, key: 'services' } });
});
app.post('/v2/Services', async (c) => {
  const form = new Map();
  for (const [k, v] of new URLSearchParams(await c.req.text())) form.set(k, [...(form.get(k) ?? []), v]);
  const name = last(form, 'FriendlyName');
  if (!name) return c.json({ code: 20001, message: 'Missing required parameter FriendlyName in the post body', status: 400 }, 400);
  if (name.length > 32) return bad(c, 'FriendlyName');
  const p = {};
  for (const k of BOOLS) {
    const v = last(form, k);
    if (v !== undefined && v !== 'true' && v !== 'false') return bad(c, k);
    p[k] = v === undefined ? undefined : v === 'true';
  }
  for (const [k, [min, max]] of Object.entries(INTS)) {
    const v = last(form, k);
    if (v !== undefined && (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max)) return bad(c, k);
    p[k] = v === undefined ? undefined : Number(v);
  }
  for (const k of STRS) p[k] = last(form, k);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const row = {
    sid: 'VA' + randomBytes(16).toString('hex'), accountSid: ACCOUNT, friendlyName: name, codeLength: p.CodeLength ?? 6,
    lookupEnabled: p.LookupEnabled ?? false, psd2Enabled: p.Psd2Enabled ?? false, skipSmsToLandlines: p.SkipSmsToLandlines ?? false, dtmfInputRequired: p.DtmfInputRequired ?? false,
    ttsName: p.TtsName ?? null, doNotShareWarningEnabled: p.DoNotShareWarningEnabled ?? false, customCodeEnabled: p.CustomCodeEnabled ?? false, verifyEventSubscriptionEnabled: p.VerifyEventSubscriptionEnabled ?? false,
    push: { includeDate: p['Push.IncludeDate'] ?? false, apnCredentialSid: p['Push.ApnCredentialSid'] ?? null, fcmCredentialSid: p['Push.FcmCredentialSid'] ?? null },
    totp: { issuer: p['Totp.Issuer'] ?? name, timeStep: p['Totp.TimeStep'] ?? 30, codeLength: p['Totp.CodeLength'] ?? 6, skew: p['Totp.Skew'] ?? 1 },
    defaultTemplateSid: p.DefaultTemplateSid ?? null, whatsapp: { msgServiceSid: p['Whatsapp.MsgServiceSid'] ?? null, from: p['Whatsapp.From'] ?? null },
    dateCreated: now, dateUpdated: now, _seq: ++seq,
  };
  rows.push(row);
  bySid.set(row.sid, row);
  await commit(row);
  return c.json(toJson(row, new URL(c.req.url).origin), 201);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`HOOKYARD_URL=http://127.0.0.1:${info.port}\n`));
