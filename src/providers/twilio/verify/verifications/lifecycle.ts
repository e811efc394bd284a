import { createCollection } from '../../../../core/collection.js';
import type { Timer } from '../../../../core/clock.js';
import { toIsoSeconds } from '../../../../core/clock.js';
import type { Context } from '../../../../core/context.js';
import { ATTEMPTS_BY_VERIFICATION, VERIFY_ATTEMPTS, type VerificationAttempt } from '../attempts/model.js';
import { VERIFY_SERVICES, type VerifyService } from '../services/model.js';
import { VERIFY_VERIFICATIONS, type Verification, type VerificationStatus } from './model.js';
import { emitVerificationEvent } from './stream-events.js';

/** Expiry timers by verification SID, per hookyard (two in one process never share them). */
const timers = new WeakMap<Context, Map<string, Timer>>();
const timersOf = (ctx: Context) => {
  let t = timers.get(ctx);
  if (!t) timers.set(ctx, (t = new Map()));
  return t;
};

/**
 * Ends a pending verification: its status, the Attempts API's view of its sends, and the Event Streams
 * event Twilio announces (`…verification.approved|canceled|expired|max_attempts_reached`).
 */
export function endVerification(ctx: Context, v: Verification, status: Exclude<VerificationStatus, 'pending'>): Verification {
  const verifications = createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS);
  const attempts = createCollection<VerificationAttempt>(ctx.store, VERIFY_ATTEMPTS);
  const now = ctx.clock.now();
  timersOf(ctx).get(v.sid)?.cancel();
  timersOf(ctx).delete(v.sid);
  const row = verifications.replace(v.accountSid, { ...v, status, dateUpdated: toIsoSeconds(now), endedAt: now.toISOString() });
  for (const a of attempts.by(v.accountSid, ATTEMPTS_BY_VERIFICATION, v.sid)) {
    if (status === 'approved') attempts.replace(v.accountSid, { ...a, conversionStatus: 'converted', attemptStatus: 'confirmed', dateUpdated: toIsoSeconds(now) });
    else if (status === 'expired') attempts.replace(v.accountSid, { ...a, attemptStatus: 'expired', dateUpdated: toIsoSeconds(now) });
  }
  const service = createCollection<VerifyService>(ctx.store, VERIFY_SERVICES).get(v.accountSid, v.serviceSid);
  if (service) emitVerificationEvent(ctx, service, row);
  return row;
}

/** A pending verification past its 10 minutes is expired: whoever reads it first (timer or request) ends it. */
export function expireIfDue(ctx: Context, v: Verification): Verification {
  return v.status === 'pending' && ctx.clock.now().getTime() >= v.expiresAt ? endVerification(ctx, v, 'expired') : v;
}

/** Schedules the expiry of a pending verification on hookyard's clock (so `POST /_hookyard/clock` drives it). */
export function armExpiry(ctx: Context, v: Verification): void {
  const mine = timersOf(ctx);
  mine.get(v.sid)?.cancel();
  const timer = ctx.clock.setTimer(Math.max(0, v.expiresAt - ctx.clock.now().getTime()), () => {
    mine.delete(v.sid);
    const current = createCollection<Verification>(ctx.store, VERIFY_VERIFICATIONS).get(v.accountSid, v.sid);
    if (!current || current.status !== 'pending') return;
    expireIfDue(ctx, current);
    ctx.store.commit().catch((err: Error) => ctx.log.error(`could not store the expiry of ${v.sid}: ${err.message}`));
  });
  mine.set(v.sid, timer);
}

/** After a restart with --db, or a state import: every verification still pending (and only those) has its expiry timer. */
export function armAllExpiries(ctx: Context): void {
  for (const t of timersOf(ctx).values()) t.cancel();
  timersOf(ctx).clear();
  const table = ctx.store.data.tables[VERIFY_VERIFICATIONS] ?? {};
  for (const rows of Object.values(table)) for (const v of rows as Verification[]) if (v.status === 'pending') armExpiry(ctx, v);
}
