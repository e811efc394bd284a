import type { Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { newSid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { str } from '../../common/params.js';
import { verifyError } from '../errors.js';
import { factorsOf, removeFactor } from '../factors/store.js';
import { VERIFY_PATHS } from '../paths.js';
import { requireService } from '../services/routes.js';
import { ENTITIES_BY_SERVICE, VERIFY_ENTITIES, type Entity } from './model.js';
import { findEntity, parseIdentity, requireEntity } from './store.js';
import { FACTORS_BY_ENTITY } from '../factors/model.js';

/** Model → `verify.v2.service.entity` JSON. */
export function toEntityJson(e: Entity, origin: string) {
  const url = `${origin}/v2/Services/${e.serviceSid}/Entities/${e.identity}`;
  return {
    sid: e.sid,
    identity: e.identity,
    account_sid: e.accountSid,
    service_sid: e.serviceSid,
    date_created: e.dateCreated,
    date_updated: e.dateUpdated,
    url,
    links: { factors: `${url}/Factors`, new_factors: `${url}/Factors`, challenges: `${url}/Challenges` },
  };
}

/**
 * Entities: createEntity, listEntity, fetchEntity, deleteEntity (which deletes its factors, each
 * announcing `factor.deleted`, and their challenges). Creating one that exists is 409 (hookyard's choice).
 * @see https://www.twilio.com/docs/verify/api/entity
 */
export function routeEntities(app: Hono<TwilioEnv>, ctx: Context): void {
  const entities = createCollection<Entity>(ctx.store, VERIFY_ENTITIES);

  app.post(VERIFY_PATHS.entities, async function createEntity(c) {
    const form = await readForm(c);
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const identity = parseIdentity(str(form, 'Identity'));
    if (findEntity(ctx, c.get('accountSid'), service.sid, identity)) throw verifyError(409, 20409, `Entity ${identity} already exists in Service ${service.sid}`, 'Identity');
    const now = toIsoSeconds(ctx.clock.now());
    const row = entities.insert(c.get('accountSid'), { sid: newSid(ctx.random, 'verifyEntity'), accountSid: c.get('accountSid'), serviceSid: service.sid, identity, dateCreated: now, dateUpdated: now });
    await ctx.store.commit();
    return c.json(toEntityJson(row, publicOrigin(c)), 201);
  });

  app.get(VERIFY_PATHS.entities, function listEntity(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'entities', entities.by(c.get('accountSid'), ENTITIES_BY_SERVICE, service.sid), (e) => toEntityJson(e, origin)));
  });

  app.get(VERIFY_PATHS.entity, function fetchEntity(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    return c.json(toEntityJson(requireEntity(ctx, c.get('accountSid'), service.sid, c.req.param('Identity')), publicOrigin(c)));
  });

  app.delete(VERIFY_PATHS.entity, async function deleteEntity(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const entity = requireEntity(ctx, c.get('accountSid'), service.sid, c.req.param('Identity'));
    for (const f of [...factorsOf(ctx).by(c.get('accountSid'), FACTORS_BY_ENTITY, entity.sid)]) removeFactor(ctx, f);
    entities.remove(c.get('accountSid'), entity.sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });
}
