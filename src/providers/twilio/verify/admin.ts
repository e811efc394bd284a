import { Hono } from 'hono';
import { createCollection } from '../../../core/collection.js';
import type { Context } from '../../../core/context.js';
import { invalidParam, notFound } from '../../../core/errors.js';
import { toChallengeJson } from './challenges/serialize.js';
import { answerAsDevice, createDevice, currentTotp, type DeviceRequest } from './devices/device.js';
import type { PushConfig } from './factors/model.js';
import { VERIFY_MESSAGES, VERIFY_VERIFICATIONS, type SentMessage, type Verification } from './verifications/model.js';

/** What `GET /_hookyard/verify/codes` and `hook.verify.codes()` filter on. */
export interface CodeFilter {
  to?: string | undefined;
  serviceSid?: string | undefined;
  verificationSid?: string | undefined;
  accountSid?: string | undefined;
}

/** One message Verify would have sent, with the code in it. */
export interface SentCode {
  to: string;
  channel: string;
  code: string;
  verificationSid: string;
  serviceSid: string;
  accountSid: string;
  sentAt: string;
  body: string;
  locale: string;
  messagingServiceSid: string | null;
}

const FILTER_KEYS = ['to', 'serviceSid', 'verificationSid', 'accountSid'] as const;

/** Every sent code of every account, newest first. */
export function listCodes(ctx: Context, filter: CodeFilter = {}): SentCode[] {
  const bad = Object.keys(filter).find((k) => !(FILTER_KEYS as readonly string[]).includes(k));
  if (bad !== undefined) throw invalidParam(bad, `unknown filter '${bad}'; use ${FILTER_KEYS.join(', ')}`);
  const scopes = Object.values(ctx.store.data.tables[VERIFY_MESSAGES] ?? {}) as SentMessage[][];
  return scopes
    .flat()
    .filter((m) => (filter.to === undefined || m.to === filter.to) && (filter.serviceSid === undefined || m.serviceSid === filter.serviceSid) && (filter.verificationSid === undefined || m.verificationSid === filter.verificationSid) && (filter.accountSid === undefined || m.accountSid === filter.accountSid))
    .sort((a, b) => b.sentAt.localeCompare(a.sentAt) || (b._seq ?? 0) - (a._seq ?? 0))
    .map(({ to, channel, code, verificationSid, serviceSid, accountSid, sentAt, body, locale, messagingServiceSid }) => ({ to, channel, code, verificationSid, serviceSid, accountSid, sentAt, body, locale, messagingServiceSid }));
}

/** A simulated device, as `POST /_hookyard/verify/devices` answers it. */
export interface SimulatedDevice {
  factorSid: string;
  serviceSid: string;
  identity: string;
  status: string;
  credentialSid: string;
  /** PKCS#8 PEM: sign with it yourself to act as the device. */
  privateKey: string;
}

/** `hook.verify`: what a test reads and does in place of a phone. */
export interface VerifyHelpers {
  /** What Verify would have sent, newest first: `codes({ to })[0]?.code`. */
  codes(filter?: CodeFilter): SentCode[];
  /** Enrolls a simulated Push device (a push factor with a key hookyard holds), verified unless `verify: false`. */
  createDevice(req: { serviceSid: string; identity: string; friendlyName?: string; accountSid?: string; verify?: boolean }): Promise<SimulatedDevice>;
  /** Answers a challenge as its device would (push: a signed JWT; TOTP: the current code). */
  approve(challengeSid: string): Promise<Record<string, unknown>>;
  deny(challengeSid: string): Promise<Record<string, unknown>>;
  /** The code a TOTP factor's authenticator app shows now, on hookyard's clock. */
  totp(factorSid: string): { code: string; validUntil: string };
}

export function createVerifyHelpers(ctx: Context, origin = ''): VerifyHelpers {
  const answer = async (sid: string, status: 'approved' | 'denied') => {
    const ch = await answerAsDevice(ctx, sid, status);
    await ctx.store.commit();
    return toChallengeJson(ch, origin);
  };
  return {
    codes: (filter) => listCodes(ctx, filter),
    async createDevice(req) {
      const { factor, privateKeyPem } = createDevice(ctx, req);
      await ctx.store.commit();
      return { factorSid: factor.sid, serviceSid: factor.serviceSid, identity: factor.identity, status: factor.status, credentialSid: (factor.config as PushConfig).credentialSid, privateKey: privateKeyPem };
    },
    approve: (sid) => answer(sid, 'approved'),
    deny: (sid) => answer(sid, 'denied'),
    totp: (sid) => currentTotp(ctx, sid),
  };
}

/** The pending sna verification an SNA URL names, in whichever account holds it. */
function findSna(ctx: Context, sid: string): Verification | undefined {
  for (const scope of Object.keys(ctx.store.data.tables[VERIFY_VERIFICATIONS] ?? {})) {
    const v = createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS).get(scope, sid);
    if (v) return v;
  }
  return undefined;
}

/**
 * `/_hookyard/verify/*`: the codes Verify "sent" (what a test reads instead of a phone), the SNA URL a
 * device would open over mobile data — a GET there completes Silent Network Auth for that verification —
 * simulated Push devices (`POST /verify/devices` enrolls one, `POST /verify/challenges/{YC}/approve` and
 * `…/deny` answer a challenge as its device, or for TOTP with the current code), and `GET /verify/totp/{YF}`,
 * the code a TOTP factor's authenticator app would show now.
 */
export function createVerifyAdmin(ctx: Context): Hono {
  const app = new Hono();
  app.get('/verify/codes', (c) => {
    const q = c.req.queries();
    // No prototype: a `__proto__` query key becomes an unknown filter, not the object's prototype.
    const filter: Record<string, string> = Object.create(null);
    // `?to=+1…` unencoded arrives as a space; this is local tooling, so be forgiving.
    for (const [k, v] of Object.entries(q)) filter[k] = k === 'to' ? v.at(-1)!.replace(/^ (?=\d)/, '+') : v.at(-1)!;
    return c.json({ codes: listCodes(ctx, filter) });
  });
  app.get('/verify/sna/:sid', async (c) => {
    const v = findSna(ctx, c.req.param('sid'));
    if (!v || v.channel !== 'sna' || v.status !== 'pending' || !v.sna) throw notFound(`No pending SNA verification ${c.req.param('sid')}`);
    createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS).replace(v.accountSid, { ...v, sna: { ...v.sna, visited: true } });
    await ctx.store.commit();
    return c.json({ verification_sid: v.sid, status: 'sna_completed', message: 'The carrier confirmed the device; check the verification now' });
  });
  app.post('/verify/devices', async (c) => {
    const body = (await c.req.json().catch(() => null)) as DeviceRequest | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidParam('body', 'send {"serviceSid": "VA…", "identity": "user-0001", "friendlyName"?, "verify"?: true}');
    return c.json(await createVerifyHelpers(ctx).createDevice(body as never), 201);
  });
  app.get('/verify/totp/:factorSid', (c) => c.json(currentTotp(ctx, c.req.param('factorSid'))));
  for (const verb of ['approve', 'deny'] as const) {
    app.post(`/verify/challenges/:sid/${verb}`, async (c) => c.json(await createVerifyHelpers(ctx, new URL(c.req.url).origin)[verb](c.req.param('sid'))));
  }
  return app;
}
