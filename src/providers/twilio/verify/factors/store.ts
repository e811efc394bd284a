import { createCollection, type Row } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { isSid } from '../../../../core/ids.js';
import { VERIFY_CHALLENGES, VERIFY_NOTIFICATIONS, type Challenge, type Notification } from '../challenges/model.js';
import { requireEntity } from '../entities/store.js';
import { verifyError } from '../errors.js';
import { emitPushEvent } from '../push/events.js';
import { VERIFY_DEVICES, VERIFY_FACTORS, type Factor } from './model.js';

export const factorsOf = (ctx: Context) => createCollection<Factor>(ctx.store, VERIFY_FACTORS);

/** A factor of the entity, or 404 / 60390 "Factor not found". */
export function requireFactor(ctx: Context, accountSid: string, serviceSid: string, identity: string, sid: string): Factor {
  const entity = requireEntity(ctx, accountSid, serviceSid, identity);
  const f = isSid(sid, 'verifyFactor') ? factorsOf(ctx).get(accountSid, sid) : undefined;
  if (!f || f.entitySid !== entity.sid) throw verifyError(404, 60390, `Factor ${sid} not found`);
  return f;
}

/** Deletes a factor with its challenges and notifications, announcing `factor.deleted`. */
export function removeFactor(ctx: Context, f: Factor): void {
  factorsOf(ctx).remove(f.accountSid, f.sid);
  createCollection<Row>(ctx.store, VERIFY_DEVICES).remove(f.accountSid, f.sid);
  const challenges = createCollection<Challenge>(ctx.store, VERIFY_CHALLENGES);
  const gone = new Set(challenges.list(f.accountSid, (c) => c.factorSid === f.sid).map((c) => c.sid));
  challenges.removeWhere(f.accountSid, (c) => gone.has(c.sid));
  createCollection<Notification>(ctx.store, VERIFY_NOTIFICATIONS).removeWhere(f.accountSid, (n) => gone.has(n.challengeSid));
  emitPushEvent(ctx, 'factor.deleted', f);
}
