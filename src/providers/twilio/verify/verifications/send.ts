import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { newSid } from '../../../../core/ids.js';
import { VERIFY_ATTEMPTS, type VerificationAttempt } from '../attempts/model.js';
import { messagingServiceFor } from '../messaging-configurations/routes.js';
import { checkRateLimits, parseRateLimits, recordRateLimitHits } from '../rate-limits/enforce.js';
import { isSafelisted } from '../safelist/routes.js';
import type { VerifyService } from '../services/model.js';
import { requireService } from '../services/routes.js';
import { checkStart, type Start } from './start-checks.js';
import { armExpiry, expireIfDue } from './lifecycle.js';
import { composeMessage } from './message.js';
import { VERIFICATIONS_BY_TO, MAX_SENDS, VERIFICATION_TTL_MS, VERIFY_MESSAGES, VERIFY_VERIFICATIONS, type SendAttempt, type SentMessage, type Verification } from './model.js';
import type { CreateParams } from './serialize.js';
import { emitMessageEvents, emitVerificationEvent } from './stream-events.js';
import { verifyError } from '../errors.js';
import { carrierFor } from './phone.js';

/** Twilio's list prices per send, for `price` on attempts (illustrative, in USD). */
const PRICE: Record<string, string> = { sms: '0.0083', whatsapp: '0.0050', call: '0.0130', email: '0.0000', sna: '0.0000' };

/** `length` digits from the (possibly seeded) random stream. */
export const newCode = (ctx: Context, length: number) => Array.from({ length }, () => Math.floor(ctx.random.float() * 10)).join('');

/** The verification still pending for this destination in this Service, after applying any due expiry. */
export function pendingFor(ctx: Context, accountSid: string, serviceSid: string, to: string): Verification | undefined {
  const verifications = createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS);
  for (const v of verifications.by(accountSid, VERIFICATIONS_BY_TO, `${serviceSid} ${to}`).filter((x) => x.status === 'pending')) {
    if (expireIfDue(ctx, v).status === 'pending') return v;
  }
  return undefined;
}

/**
 * CreateVerification: a new verification for the destination, or — while one is pending — another send
 * of the same code ("the token remains the same during its validity period"), up to 5 sends (60203).
 * Records the attempt, the message that would have been sent, and announces both on Event Streams.
 * @see https://www.twilio.com/docs/verify/api/verification
 */
export async function startVerification(ctx: Context, accountSid: string, service: VerifyService, p: CreateParams, origin: string): Promise<Verification> {
  const start = await checkStart(ctx, service, p, origin);
  // The service may have been deleted while the number was being checked.
  requireService(ctx, accountSid, service.sid);
  const hits = checkRateLimits(ctx, accountSid, service.sid, parseRateLimits(p.rateLimits));
  const verifications = createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS);
  const now = ctx.clock.now();
  const attempt: SendAttempt = { attemptSid: newSid(ctx.random, 'verificationAttempt'), channel: start.channel, time: toIsoSeconds(now) };
  const existing = pendingFor(ctx, accountSid, service.sid, p.to);
  let v: Verification;
  if (existing) {
    if (existing.sendCodeAttempts.length >= MAX_SENDS && !(start.phone && isSafelisted(ctx, accountSid, p.to))) throw verifyError(429, 60203, 'Max send attempts reached');
    v = verifications.replace(accountSid, {
      ...existing,
      channel: start.channel,
      ...(p.customCode === undefined ? {} : { code: p.customCode, customCode: true }),
      locale: start.locale,
      sendCodeAttempts: [...existing.sendCodeAttempts, attempt],
      dateUpdated: toIsoSeconds(now),
    });
  } else {
    v = verifications.insert(accountSid, {
      sid: newSid(ctx.random, 'verification'),
      accountSid,
      serviceSid: service.sid,
      to: p.to,
      channel: start.channel,
      status: 'pending',
      code: p.customCode ?? newCode(ctx, service.codeLength),
      customCode: p.customCode !== undefined,
      locale: start.locale,
      country: start.phone?.country ?? null,
      amount: service.psd2Enabled ? (p.amount ?? null) : null,
      payee: service.psd2Enabled ? (p.payee ?? null) : null,
      lookup: start.lookup,
      sna: null,
      customFriendlyName: p.customFriendlyName ?? null,
      tags: p.tags ?? null,
      sendCodeAttempts: [attempt],
      checkAttempts: [],
      dateCreated: toIsoSeconds(now),
      dateUpdated: toIsoSeconds(now),
      expiresAt: now.getTime() + VERIFICATION_TTL_MS,
      endedAt: null,
    });
    if (start.channel === 'sna') v = verifications.replace(accountSid, { ...v, sna: { url: start.snaUrl(v.sid), visited: false } });
  }
  recordRateLimitHits(ctx, accountSid, hits);
  record(ctx, service, v, attempt, start, p);
  armExpiry(ctx, v);
  emitVerificationEvent(ctx, service, v);
  emitMessageEvents(ctx, service, v, attempt, carrierFor(v.country));
  return v;
}

/** The Attempts API's row and the message that would have been sent, for one send. */
function record(ctx: Context, service: VerifyService, v: Verification, attempt: SendAttempt, start: Start, p: CreateParams): void {
  const attempts = createCollection<VerificationAttempt>(ctx.store, VERIFY_ATTEMPTS);
  const messages = createCollection<SentMessage>(ctx.store, VERIFY_MESSAGES);
  attempts.insert(v.accountSid, {
    sid: attempt.attemptSid,
    accountSid: v.accountSid,
    serviceSid: v.serviceSid,
    verificationSid: v.sid,
    channel: attempt.channel,
    to: v.to,
    conversionStatus: 'unconverted',
    attemptStatus: 'unconfirmed',
    country: v.country,
    codeLength: v.code.length,
    locale: v.locale,
    carrier: carrierFor(v.country),
    price: { value: PRICE[attempt.channel]!, currency: 'usd' },
    dateCreated: attempt.time,
    dateUpdated: attempt.time,
  });
  messages.insert(v.accountSid, {
    sid: attempt.attemptSid,
    accountSid: v.accountSid,
    serviceSid: v.serviceSid,
    verificationSid: v.sid,
    to: v.to,
    channel: attempt.channel,
    code: v.code,
    body: composeMessage({ service, channel: attempt.channel, code: v.code, locale: v.locale, customFriendlyName: v.customFriendlyName, template: start.template, appHash: p.appHash }),
    locale: v.locale,
    messagingServiceSid: attempt.channel === 'sms' ? (messagingServiceFor(ctx, v.accountSid, v.serviceSid, v.country ?? undefined) ?? null) : null,
    sentAt: ctx.clock.now().toISOString(),
  });
}
