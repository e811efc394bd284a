import { isDeepStrictEqual } from 'node:util';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { verifyError } from '../errors.js';
import { MAX_TOTP_FAILURES, type Factor } from '../factors/model.js';
import { verifyFactorJwt } from '../factors/push.js';
import { totpMatches } from '../factors/update.js';
import { emitPushEvent } from '../push/events.js';
import { VERIFY_CHALLENGES, type Challenge } from './model.js';
import { SIGNATURE_FIELDS, toChallengeJson } from './serialize.js';

const challenges = (ctx: Context) => createCollection<Challenge>(ctx.store, VERIFY_CHALLENGES);

/** A pending challenge past its `expiration_date` is `expired` (no webhook: Twilio sends none for expiry). */
export function expireIfDue(ctx: Context, ch: Challenge): Challenge {
  if (ch.status !== 'pending' || ctx.clock.now().getTime() < Date.parse(ch.expirationDate)) return ch;
  return challenges(ctx).replace(ch.accountSid, { ...ch, status: 'expired', dateUpdated: toIsoSeconds(ctx.clock.now()) });
}

/** Ends a challenge as approved or denied, announcing `challenge.approved|denied`. */
export function settle(ctx: Context, ch: Challenge, factor: Factor, status: 'approved' | 'denied', metadata: Record<string, string> | undefined): Challenge {
  const now = toIsoSeconds(ctx.clock.now());
  const row = challenges(ctx).replace(ch.accountSid, { ...ch, status, respondedReason: 'none', dateResponded: now, dateUpdated: now, metadata: metadata ?? ch.metadata });
  emitPushEvent(ctx, status === 'approved' ? 'challenge.approved' : 'challenge.denied', factor, row);
  return row;
}

/** A TOTP code for a challenge: right → approved; wrong → still pending; after 5 wrong, 429 / 60308. */
export function answerTotp(ctx: Context, ch: Challenge, factor: Factor, code: string, metadata?: Record<string, string>): Challenge {
  if (ch.failedAttempts >= MAX_TOTP_FAILURES) throw verifyError(429, 60308, 'Challenge verification attempts reached: too many wrong codes');
  if (totpMatches(ctx, factor, code)) return settle(ctx, ch, factor, 'approved', metadata);
  return challenges(ctx).replace(ch.accountSid, { ...ch, failedAttempts: ch.failedAttempts + 1, dateUpdated: toIsoSeconds(ctx.clock.now()) });
}

/**
 * A Push answer, as Twilio's mobile SDKs make it: `AuthPayload` is an ES256 JWT signed with the factor's
 * key whose payload holds every field named by `Twilio-Verify-Signature-Fields`, as fetched, plus
 * `status: approved|denied`. Any other signature, a field that differs, or another status → 403 / 60324.
 */
export async function answerPush(ctx: Context, ch: Challenge, factor: Factor, authPayload: string, origin: string, metadata?: Record<string, string>): Promise<Challenge> {
  const invalid = (why: string) => verifyError(403, 60324, `AuthPayload invalid: ${why}`, 'AuthPayload');
  if (factor.binding.kind !== 'push') throw invalid('the factor is not a push factor');
  const jwt = await verifyFactorJwt(factor.binding.publicKey, authPayload, ctx.clock.now());
  if (!jwt) throw invalid('not an ES256 JWT signed with the factor key');
  const status = jwt.payload['status'];
  if (status !== 'approved' && status !== 'denied') throw invalid('status must be approved or denied');
  // The row as it is now: another answer may have landed while the signature was being checked.
  const now = challenges(ctx).get(ch.accountSid, ch.sid);
  if (!now || now.status !== 'pending') throw verifyError(409, 20409, `Challenge ${ch.sid} is already ${now?.status ?? 'deleted'}`);
  const current = toChallengeJson(now, origin) as Record<string, unknown>;
  const changed = SIGNATURE_FIELDS.find((k) => !isDeepStrictEqual(jwt.payload[k], current[k]));
  if (changed !== undefined) throw invalid(`the signed ${changed} is not the challenge's`);
  return settle(ctx, now, factor, status, metadata);
}
