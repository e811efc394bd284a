import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { isSid, newSid } from '../../../../core/ids.js';
import { str, type Form } from '../../common/params.js';
import { verifyError, verifyInvalid } from '../errors.js';
import type { Factor } from '../factors/model.js';
import { requireFactor } from '../factors/store.js';
import type { VerifyService } from '../services/model.js';
import { CHALLENGE_TTL_MS, MAX_CHALLENGE_TTL_MS, VERIFY_CHALLENGES, type Challenge } from './model.js';
import { recordPushNotification } from './notify.js';
import { answerTotp } from './respond.js';
import { parseDetails, parseHiddenDetails } from './serialize.js';

/** `ExpirationDate`: in the future, at most an hour away; default five minutes. */
function expiration(ctx: Context, text: string | undefined): string {
  const now = ctx.clock.now().getTime();
  if (text === undefined) return toIsoSeconds(new Date(now + CHALLENGE_TTL_MS));
  const at = /^\d{4}-\d\d-\d\dT/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at) || at <= now || at - now > MAX_CHALLENGE_TTL_MS) throw verifyError(400, 60384, 'Invalid challenge timeout: ExpirationDate must be in the future and at most one hour away', 'ExpirationDate');
  return toIsoSeconds(new Date(at));
}

/**
 * CreateChallenge on a verified factor (else 403 / 60318). A push challenge records the notification its
 * device would get; a TOTP challenge created with the right `AuthPayload` is approved at once.
 * @see https://www.twilio.com/docs/verify/api/challenge
 */
export function openChallenge(ctx: Context, accountSid: string, service: VerifyService, identity: string, form: Form): Challenge {
  const factorSid = str(form, 'FactorSid', { required: true })!;
  if (!isSid(factorSid, 'verifyFactor')) throw verifyInvalid('FactorSid', `${factorSid} is not a Factor SID (YF…)`);
  const factor: Factor = requireFactor(ctx, accountSid, service.sid, identity, factorSid);
  if (factor.factorType === 'passkeys') throw verifyError(400, 60369, 'Passkey challenges are created with POST /v2/Services/{ServiceSid}/Passkeys/Challenges', 'FactorSid');
  if (factor.status !== 'verified') throw verifyError(403, 60318, 'Factor is unverified: verify it before creating challenges', 'FactorSid');
  const details = parseDetails(form, factor.factorType === 'push');
  const authPayload = str(form, 'AuthPayload');
  if (authPayload !== undefined && (factor.factorType !== 'totp' || authPayload.length < 3 || authPayload.length > 8)) throw verifyInvalid('AuthPayload', 'only a TOTP code of 3 to 8 characters can be given at creation');
  const now = ctx.clock.now();
  const row = createCollection<Challenge>(ctx.store, VERIFY_CHALLENGES).insert(accountSid, {
    sid: newSid(ctx.random, 'verifyChallenge'),
    accountSid,
    serviceSid: service.sid,
    entitySid: factor.entitySid,
    identity: factor.identity,
    factorSid: factor.sid,
    factorType: factor.factorType,
    status: 'pending',
    respondedReason: 'none',
    details: details && service.push.includeDate ? { ...details, date: now.toISOString() } : details,
    hiddenDetails: parseHiddenDetails(form),
    metadata: null,
    expirationDate: expiration(ctx, str(form, 'ExpirationDate')),
    dateResponded: null,
    failedAttempts: 0,
    dateCreated: toIsoSeconds(now),
    dateUpdated: toIsoSeconds(now),
  });
  recordPushNotification(ctx, factor, row, 300);
  return authPayload === undefined ? row : answerTotp(ctx, row, factor, authPayload);
}
