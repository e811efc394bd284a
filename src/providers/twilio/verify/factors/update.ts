import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { str, type Form } from '../../common/params.js';
import { verifyError } from '../errors.js';
import { emitPushEvent } from '../push/events.js';
import { MAX_TOTP_FAILURES, VERIFY_FACTORS, type Factor, type PushConfig, type TotpConfig } from './model.js';
import { checkFactorSignature } from './push.js';
import { parsePushConfig, parseTotpConfig } from './serialize.js';
import { checkTotp, fromBase32 } from './totp.js';

/** A TOTP code checked against a factor's secret and config, on hookyard's clock. */
export function totpMatches(ctx: Context, f: Factor, code: string): boolean {
  if (f.binding.kind !== 'totp') return false;
  return checkTotp(fromBase32(f.binding.secret)!, code, ctx.clock.now().getTime(), f.config as TotpConfig);
}

/**
 * UpdateFactor: `AuthPayload` verifies an unverified factor — Push: the DER ECDSA signature over the factor
 * SID (a bad one is 403 / 60311); TOTP: the current code (a wrong one answers 200 still `unverified`, as
 * Twilio does since 2021; after 5 wrong codes, 429 / 60310). Success announces `factor.verified`.
 * `FriendlyName` and `Config.*` update the rest.
 * @see https://www.twilio.com/docs/verify/api/factor#update-a-factor-resource
 */
export function applyFactorUpdate(ctx: Context, f: Factor, form: Form): Factor {
  const factors = createCollection<Factor>(ctx.store, VERIFY_FACTORS);
  const friendlyName = str(form, 'FriendlyName', { max: 64 }) ?? f.friendlyName;
  const config = f.factorType === 'push' ? parsePushConfig(form, f.config as PushConfig, '') : f.factorType === 'totp' ? parseTotpConfig(form, f.config as TotpConfig) : f.config;
  let next: Factor = { ...f, friendlyName, config, dateUpdated: toIsoSeconds(ctx.clock.now()) };
  const authPayload = str(form, 'AuthPayload');
  if (authPayload !== undefined && f.status === 'unverified') {
    if (f.factorType === 'push') {
      if (f.binding.kind !== 'push' || !checkFactorSignature(f.binding.publicKey, f.sid, authPayload)) throw verifyError(403, 60311, 'Factor verification failed: AuthPayload is not a valid signature of the factor SID with its key');
      next = { ...next, status: 'verified' };
    } else if (f.factorType === 'totp') {
      if (f.failedVerifications >= MAX_TOTP_FAILURES) throw verifyError(429, 60310, 'Factor verification attempts reached: too many wrong codes');
      next = totpMatches(ctx, f, authPayload) ? { ...next, status: 'verified' } : { ...next, failedVerifications: f.failedVerifications + 1 };
    }
  }
  // Read before the replace: the collection updates the stored row (which `f` may be) in place.
  const wasUnverified = f.status === 'unverified';
  const row = factors.replace(f.accountSid, next);
  if (wasUnverified && row.status === 'verified') emitPushEvent(ctx, 'factor.verified', row);
  return row;
}
