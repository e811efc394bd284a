// The baseline: a bare Hono server doing the same work as hookyard's Verify Services routes
// (Basic auth check, form parsing, an in-memory row per create, Twilio-shaped JSON lists).
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const AUTH = 'Basic ' + Buffer.from('AC00000000000000000000000000000000:hookyard_auth_token').toString('base64');
const rows = [];
// The same body hookyard returns for a Verify Service (verify.v2.service), so both serialise as much.
const toJson = (r, origin) => {
  const url = `${origin}/v2/Services/${r.sid}`;
  return {
    sid: r.sid, account_sid: 'AC00000000000000000000000000000000', friendly_name: r.friendlyName, code_length: 6,
    lookup_enabled: false, psd2_enabled: false, skip_sms_to_landlines: false, dtmf_input_required: false, tts_name: null,
    do_not_share_warning_enabled: false, custom_code_enabled: false,
    push: { include_date: true, apn_credential_sid: null, fcm_credential_sid: null },
    totp: { issuer: r.friendlyName, time_step: 30, code_length: 6, skew: 1 }, default_template_sid: null,
    whatsapp: { msg_service_sid: null, from: null },
    passkeys: { relying_party: { id: null, name: null, origins: [] }, authenticator_attachment: null, discoverable_credentials: null, user_verification: null },
    verify_event_subscription_enabled: false, date_created: r.dateCreated, date_updated: r.dateUpdated, url,
    links: {
      verification_checks: `${url}/VerificationCheck`, verifications: `${url}/Verifications`, rate_limits: `${url}/RateLimits`,
      messaging_configurations: `${url}/MessagingConfigurations`, entities: `${url}/Entities`, webhooks: `${url}/Webhooks`, access_tokens: `${url}/AccessTokens`,
    },
  };
};
const app = new Hono();
app.use('/v2/*', async (c, next) => {
  if (c.req.header('authorization') !== AUTH) return c.json({ code: 20003, message: 'Authenticate', status: 401 }, 401);
  await next();
});
app.get('/_hookyard/health', (c) => c.json({ status: 'ok' }));
app.get('/v2/Services', (c) => {
  const size = Number(c.req.query('PageSize') ?? 50);
  const url = new URL(c.req.url);
  const page = rows.slice(0, size).map((r) => toJson(r, url.origin));
  return c.json({ services: page, meta: { page: 0, page_size: size, first_page_url: url.href, previous_page_url: null, url: url.href, next_page_url: null, key: 'services' } });
});
app.post('/v2/Services', async (c) => {
  const form = new URLSearchParams(await c.req.text());
  const name = form.get('FriendlyName');
  if (!name) return c.json({ code: 20001, message: 'Missing required parameter FriendlyName in the post body', status: 400 }, 400);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const row = { sid: 'VA' + randomBytes(16).toString('hex'), friendlyName: name, dateCreated: now, dateUpdated: now };
  rows.push(row);
  return c.json(toJson(row, new URL(c.req.url).origin), 201);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`HOOKYARD_URL=http://127.0.0.1:${info.port}\n`));
