import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { newSid } from '../../../../core/ids.js';
import { verifyError } from '../errors.js';
import { ENTITIES_BY_IDENTITY, VERIFY_ENTITIES, type Entity } from './model.js';

const entities = (ctx: Context) => createCollection<Entity>(ctx.store, VERIFY_ENTITIES);

/**
 * `Identity`: 8–64 characters of letters, digits and dashes — immutable, not PII (a user id, not an email).
 * @see https://www.twilio.com/docs/api/errors/60367
 */
export function parseIdentity(identity: string | undefined): string {
  if (identity === undefined || !/^[A-Za-z0-9-]{8,64}$/.test(identity)) throw verifyError(400, 60367, `Invalid entity identity '${identity ?? ''}': 8 to 64 letters, digits or dashes (a user id, not PII)`, 'Identity');
  return identity;
}

export function findEntity(ctx: Context, accountSid: string, serviceSid: string, identity: string): Entity | undefined {
  const wanted = identity.toLowerCase();
  return entities(ctx).by(accountSid, ENTITIES_BY_IDENTITY, `${serviceSid} ${wanted}`)[0];
}

/** The entity, or 404 / 60392 "Entity not found". */
export function requireEntity(ctx: Context, accountSid: string, serviceSid: string, identity: string): Entity {
  const e = findEntity(ctx, accountSid, serviceSid, identity);
  if (!e) throw verifyError(404, 60392, `Entity ${identity} not found in Service ${serviceSid}`);
  return e;
}

/** Factors create their entity on first use, as the mobile SDKs' flow expects (it never calls CreateEntity). */
export function ensureEntity(ctx: Context, accountSid: string, serviceSid: string, identity: string): Entity {
  const existing = findEntity(ctx, accountSid, serviceSid, identity);
  if (existing) return existing;
  const now = toIsoSeconds(ctx.clock.now());
  return entities(ctx).insert(accountSid, { sid: newSid(ctx.random, 'verifyEntity'), accountSid, serviceSid, identity: parseIdentity(identity), dateCreated: now, dateUpdated: now });
}
