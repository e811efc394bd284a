import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { isSid } from '../../../../core/ids.js';
import { str, type Form } from '../../common/params.js';
import { verifyError, verifyInvalid, verifyNotFound } from '../errors.js';
import type { VerifyService } from '../services/model.js';
import { endVerification, expireIfDue } from './lifecycle.js';
import { VERIFICATIONS_BY_TO, MAX_CHECKS, VERIFY_VERIFICATIONS, type Verification } from './model.js';
import { toCheckJson } from './serialize.js';

/** The SNA error a check reports while the device has not opened the SNA URL (hookyard's choice of code). */
export const SNA_NOT_VISITED = 60519;

/**
 * The verification a check (or fetch) means: by SID, or the newest for `To` in the Service. Ended ones
 * answer 20404, as on Twilio (which deletes them), except one ended by too many wrong checks: 60202.
 */
function findForCheck(ctx: Context, accountSid: string, service: VerifyService, by: { sid?: string; to?: string }): Verification {
  const verifications = createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS);
  const mine = by.sid !== undefined
    ? [verifications.get(accountSid, by.sid)].filter((v): v is Verification => v !== undefined && v.serviceSid === service.sid)
    : verifications.by(accountSid, VERIFICATIONS_BY_TO, `${service.sid} ${by.to}`);
  const newest = mine.at(-1) && expireIfDue(ctx, mine.at(-1)!);
  if (newest?.status === 'max_attempts_reached') throw verifyError(429, 60202, 'Max check attempts reached');
  if (!newest || newest.status !== 'pending') throw verifyNotFound(`/Services/${service.sid}/VerificationCheck`);
  return newest;
}

/**
 * CreateVerificationCheck: the right code approves the verification; a wrong one leaves it pending
 * (200, `valid: false`); the 5th wrong one ends it as `max_attempts_reached`, and later checks are 60202.
 * An sna verification is approved once its SNA URL was opened. With PSD2, `Amount` and `Payee` must match.
 * @see https://www.twilio.com/docs/verify/api/verification-check
 */
export function checkVerification(ctx: Context, accountSid: string, service: VerifyService, form: Form) {
  const to = str(form, 'To');
  const sid = str(form, 'VerificationSid');
  if (to === undefined && sid === undefined) throw verifyInvalid('To', 'either To or VerificationSid is required');
  if (sid !== undefined && !isSid(sid, 'verification')) throw verifyInvalid('VerificationSid', `${sid} is not a Verification SID (VE…)`);
  const code = str(form, 'Code');
  const v = findForCheck(ctx, accountSid, service, sid !== undefined ? { sid } : { to: to! });
  if (v.channel === 'sna') {
    if (v.sna?.visited) return toCheckJson(approve(ctx, v), []);
    const attemptSid = v.sendCodeAttempts.at(-1)!.attemptSid;
    return toCheckJson(v, [{ attempt_sid: attemptSid, code: SNA_NOT_VISITED }]);
  }
  if (code === undefined || code.length < 4 || code.length > 10) throw verifyInvalid('Code', 'must be 4 to 10 characters');
  const psd2Match = !service.psd2Enabled || (str(form, 'Amount') === v.amount && str(form, 'Payee') === v.payee);
  if (code === v.code && psd2Match) return toCheckJson(approve(ctx, v));
  const verifications = createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS);
  const now = ctx.clock.now();
  const checked = verifications.replace(accountSid, { ...v, checkAttempts: [...v.checkAttempts, { time: now.toISOString(), status: 'PENDING' }], dateUpdated: toIsoSeconds(now) });
  return toCheckJson(checked.checkAttempts.length >= MAX_CHECKS ? endVerification(ctx, checked, 'max_attempts_reached') : checked);
}

function approve(ctx: Context, v: Verification): Verification {
  const verifications = createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS);
  const checked = verifications.replace(v.accountSid, { ...v, checkAttempts: [...v.checkAttempts, { time: ctx.clock.now().toISOString(), status: 'APPROVED' }] });
  return endVerification(ctx, checked, 'approved');
}
