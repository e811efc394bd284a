import { Hono } from 'hono';
import { createCollection } from '../../../core/collection.js';
import type { Context } from '../../../core/context.js';
import { invalidParam, notFound } from '../../../core/errors.js';
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

/** The pending sna verification an SNA URL names, in whichever account holds it. */
function findSna(ctx: Context, sid: string): Verification | undefined {
  for (const scope of Object.keys(ctx.store.data.tables[VERIFY_VERIFICATIONS] ?? {})) {
    const v = createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS).get(scope, sid);
    if (v) return v;
  }
  return undefined;
}

/**
 * `/_hookyard/verify/*`: the codes Verify "sent" (what a test reads instead of a phone), and the SNA URL a
 * device would open over mobile data — a GET there completes Silent Network Auth for that verification.
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
  return app;
}
