import type { Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { notFound } from '../../../../core/errors.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { int, str } from '../../common/params.js';
import { EVENTS_PATHS } from '../paths.js';
import { EVENTS_SUBSCRIPTIONS, type SubscribedType, type Subscription } from './model.js';
import { requireSubscription } from './routes.js';
import { toSubscribedEventJson, toSubscribedType } from './serialize.js';

/**
 * SubscribedEvents, keyed by type under a subscription: list (key `types`), create (an existing type is
 * updated and answered with 200, the spec's second success code), fetch, update, delete.
 * @see https://www.twilio.com/docs/events/subscribed-event-resource
 */
export function routeSubscribedEvents(app: Hono<TwilioEnv>, ctx: Context): void {
  const subscriptions = createCollection<Subscription>(ctx.store, EVENTS_SUBSCRIPTIONS);
  const save = async (sub: Subscription, types: SubscribedType[]) => {
    const row = subscriptions.replace(sub.accountSid, { ...sub, types, dateUpdated: toIsoSeconds(ctx.clock.now()) });
    await ctx.store.commit();
    return row;
  };
  const requireType = (sub: Subscription, type: string) => {
    const t = sub.types.find((x) => x.type === type);
    if (!t) throw notFound(`The requested resource /Subscriptions/${sub.sid}/SubscribedEvents/${type} was not found`);
    return t;
  };

  app.get(EVENTS_PATHS.subscribedEvents, function listSubscribedEvent(c) {
    const sub = requireSubscription(ctx, c.get('accountSid'), c.req.param('SubscriptionSid'));
    const origin = publicOrigin(c);
    const rows = sub.types.map((t, i) => ({ sid: t.type, _seq: i + 1, t }));
    return c.json(toPageJson(c, 'types', rows, (r) => toSubscribedEventJson(sub, r.t, origin)));
  });

  app.post(EVENTS_PATHS.subscribedEvents, async function createSubscribedEvent(c) {
    const form = await readForm(c);
    const sub = requireSubscription(ctx, c.get('accountSid'), c.req.param('SubscriptionSid'));
    const t = toSubscribedType(str(form, 'Type', { required: true }), int(form, 'SchemaVersion', { min: 1, max: 1000 }), 'Type');
    const exists = sub.types.some((x) => x.type === t.type);
    const row = await save(sub, exists ? sub.types.map((x) => (x.type === t.type ? t : x)) : [...sub.types, t]);
    return c.json(toSubscribedEventJson(row, t, publicOrigin(c)), exists ? 200 : 201);
  });

  app.get(EVENTS_PATHS.subscribedEvent, function fetchSubscribedEvent(c) {
    const sub = requireSubscription(ctx, c.get('accountSid'), c.req.param('SubscriptionSid'));
    return c.json(toSubscribedEventJson(sub, requireType(sub, c.req.param('Type')), publicOrigin(c)));
  });

  app.post(EVENTS_PATHS.subscribedEvent, async function updateSubscribedEvent(c) {
    const form = await readForm(c);
    const sub = requireSubscription(ctx, c.get('accountSid'), c.req.param('SubscriptionSid'));
    const current = requireType(sub, c.req.param('Type'));
    const version = int(form, 'SchemaVersion', { min: 1, max: 1000 });
    const t = version === undefined ? current : toSubscribedType(current.type, version, 'SchemaVersion');
    const row = await save(sub, sub.types.map((x) => (x.type === t.type ? t : x)));
    return c.json(toSubscribedEventJson(row, t, publicOrigin(c)));
  });

  app.delete(EVENTS_PATHS.subscribedEvent, async function deleteSubscribedEvent(c) {
    const sub = requireSubscription(ctx, c.get('accountSid'), c.req.param('SubscriptionSid'));
    const t = requireType(sub, c.req.param('Type'));
    await save(sub, sub.types.filter((x) => x !== t));
    return c.body(null, 204);
  });
}
