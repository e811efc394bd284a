import type { Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { invalidParam, missingParam } from '../../../../core/errors.js';
import { isSid, newSid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { requireRow } from '../../common/resource.js';
import { toPageJson } from '../../common/page.js';
import { str, toForm } from '../../common/params.js';
import { EVENTS_PATHS } from '../paths.js';
import { requireSink } from '../sinks/routes.js';
import { EVENTS_SUBSCRIPTIONS, SUBSCRIPTIONS_BY_SINK, type Subscription } from './model.js';
import { parseTypes, toSubscriptionJson } from './serialize.js';

export function requireSubscription(ctx: Context, accountSid: string, sid: string): Subscription {
  return requireRow(createCollection<Subscription>(ctx.store, EVENTS_SUBSCRIPTIONS), accountSid, sid, 'eventSubscription', `/Subscriptions/${sid}`);
}

/**
 * Subscriptions: createSubscription, listSubscription, fetchSubscription, updateSubscription,
 * deleteSubscription. The sink must be `active` (validated), as Twilio's reference states.
 * @see https://www.twilio.com/docs/events/subscription-resource
 */
export function routeSubscriptions(app: Hono<TwilioEnv>, ctx: Context): void {
  const subscriptions = createCollection<Subscription>(ctx.store, EVENTS_SUBSCRIPTIONS);

  app.post(EVENTS_PATHS.subscriptions, async function createSubscription(c) {
    const form = await readForm(c);
    const description = str(form, 'Description', { required: true })!;
    const sinkSid = str(form, 'SinkSid', { required: true })!;
    const rawTypes = form.get('Types')?.filter((t) => t !== '') ?? [];
    if (rawTypes.length === 0) throw missingParam('Types');
    const types = parseTypes(rawTypes);
    if (!isSid(sinkSid, 'eventSink')) throw invalidParam('SinkSid', `Invalid parameter SinkSid: '${sinkSid}' is not a Sink SID (DG…)`);
    const sink = requireSink(ctx, c.get('accountSid'), sinkSid);
    if (sink.status !== 'active') {
      throw invalidParam('SinkSid', `Sink ${sink.sid} is ${sink.status}, not active: POST /v1/Sinks/${sink.sid}/Test, then Validate with the test_id it delivers`);
    }
    const now = toIsoSeconds(ctx.clock.now());
    const row = subscriptions.insert(c.get('accountSid'), {
      sid: newSid(ctx.random, 'eventSubscription'),
      accountSid: c.get('accountSid'),
      description,
      sinkSid: sink.sid,
      types,
      dateCreated: now,
      dateUpdated: now,
    });
    await ctx.store.commit();
    return c.json(toSubscriptionJson(row, publicOrigin(c)), 201);
  });

  app.get(EVENTS_PATHS.subscriptions, function listSubscription(c) {
    const sinkSid = str(toForm(new URL(c.req.url).search.slice(1)), 'SinkSid');
    const rows = sinkSid === undefined ? subscriptions.list(c.get('accountSid')) : subscriptions.by(c.get('accountSid'), SUBSCRIPTIONS_BY_SINK, sinkSid);
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'subscriptions', rows, (s) => toSubscriptionJson(s, origin), { SinkSid: sinkSid }));
  });

  app.get(EVENTS_PATHS.subscription, function fetchSubscription(c) {
    return c.json(toSubscriptionJson(requireSubscription(ctx, c.get('accountSid'), c.req.param('Sid')), publicOrigin(c)));
  });

  app.post(EVENTS_PATHS.subscription, async function updateSubscription(c) {
    const form = await readForm(c);
    const sub = requireSubscription(ctx, c.get('accountSid'), c.req.param('Sid'));
    const description = str(form, 'Description');
    const row = subscriptions.replace(c.get('accountSid'), { ...sub, description: description ?? sub.description, dateUpdated: toIsoSeconds(ctx.clock.now()) });
    await ctx.store.commit();
    return c.json(toSubscriptionJson(row, publicOrigin(c)));
  });

  app.delete(EVENTS_PATHS.subscription, async function deleteSubscription(c) {
    const sub = requireSubscription(ctx, c.get('accountSid'), c.req.param('Sid'));
    subscriptions.remove(c.get('accountSid'), sub.sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });
}
