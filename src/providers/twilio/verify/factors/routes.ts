import type { Hono } from 'hono';
import type { Context } from '../../../../core/context.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { requireEntity } from '../entities/store.js';
import { verifyError } from '../errors.js';
import { VERIFY_PATHS } from '../paths.js';
import { requireService } from '../services/routes.js';
import { createFactor } from './create.js';
import { toFactorJson, toNewFactorJson } from './serialize.js';
import { factorsOf, removeFactor, requireFactor } from './store.js';
import { applyFactorUpdate } from './update.js';
import { FACTORS_BY_ENTITY } from './model.js';

/**
 * Factors: createNewFactor, listFactor, fetchFactor, updateFactor (verification), deleteFactor; each
 * state change announced to the Service's webhooks (`factor.created|verified|deleted`).
 * @see https://www.twilio.com/docs/verify/api/factor
 */
export function routeFactors(app: Hono<TwilioEnv>, ctx: Context): void {
  const find = (accountSid: string, serviceSid: string, identity: string, sid: string) => requireFactor(ctx, accountSid, requireService(ctx, accountSid, serviceSid).sid, identity, sid);

  app.post(VERIFY_PATHS.factors, async function createNewFactor(c) {
    const form = await readForm(c);
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    // An Access Token creates one push factor for its identity (the path already matched it).
    if (c.get('principal')?.kind === 'access_token' && form.get('FactorType')?.at(-1) !== 'push') throw verifyError(403, 60407, 'Authentication Token Error: this Access Token creates push factors only');
    const { factor, binding } = createFactor(ctx, c.get('accountSid'), service, c.req.param('Identity'), form);
    await ctx.store.commit();
    return c.json(toNewFactorJson(factor, publicOrigin(c), binding), 201);
  });

  app.get(VERIFY_PATHS.factors, function listFactor(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const entity = requireEntity(ctx, c.get('accountSid'), service.sid, c.req.param('Identity'));
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'factors', factorsOf(ctx).by(c.get('accountSid'), FACTORS_BY_ENTITY, entity.sid), (f) => toFactorJson(f, origin)));
  });

  app.get(VERIFY_PATHS.factor, function fetchFactor(c) {
    return c.json(toFactorJson(find(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Identity'), c.req.param('Sid')), publicOrigin(c)));
  });

  app.post(VERIFY_PATHS.factor, async function updateFactor(c) {
    const form = await readForm(c);
    const f = find(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Identity'), c.req.param('Sid'));
    const row = applyFactorUpdate(ctx, f, form);
    await ctx.store.commit();
    return c.json(toFactorJson(row, publicOrigin(c)));
  });

  app.delete(VERIFY_PATHS.factor, async function deleteFactor(c) {
    removeFactor(ctx, find(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Identity'), c.req.param('Sid')));
    await ctx.store.commit();
    return c.body(null, 204);
  });
}
