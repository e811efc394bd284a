import { createCollection, type Row } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { isSid } from '../../../../core/ids.js';
import { CHALLENGES_BY_FACTOR, NOTIFICATIONS_BY_CHALLENGE, VERIFY_CHALLENGES, VERIFY_NOTIFICATIONS, type Challenge, type Notification } from '../challenges/model.js';
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
  const notifications = createCollection<Notification>(ctx.store, VERIFY_NOTIFICATIONS);
  for (const c of [...challenges.by(f.accountSid, CHALLENGES_BY_FACTOR, f.sid)]) {
    challenges.remove(f.accountSid, c.sid);
    notifications.removeBy(f.accountSid, NOTIFICATIONS_BY_CHALLENGE, c.sid);
  }
  emitPushEvent(ctx, 'factor.deleted', f);
}
