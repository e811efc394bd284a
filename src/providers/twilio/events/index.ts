import { createCollection } from '../../../core/collection.js';
import { defineProvider } from '../../provider.js';
import { EVENTS_OPERATIONS } from './operations.js';
import { streamData } from './cloudevents.js';
import { EVENTS_SUBSCRIPTIONS, type Subscription } from './subscriptions/model.js';
import { twilioScope } from '../common/auth.js';
import { createTwilioApp } from '../common/app.js';
import { EVENT_TYPES } from './catalog/catalog.js';
import { routeCatalog } from './catalog/routes.js';
import { describeStreamEvent, setupStreams } from './catalog/setup.js';
import { EVENTS_HOST, EVENTS_PREFIXES } from './paths.js';
import { routeSinks } from './sinks/routes.js';
import { buildStreamEvent, matchStreamEvents } from './stream-events.js';
import { routeSubscribedEvents } from './subscriptions/subscribed-events.js';
import { routeSubscriptions } from './subscriptions/routes.js';
import { twilioSigner } from '../common/signer.js';

/**
 * Twilio Event Streams (Events v1): sinks with the Test/Validate handshake, subscriptions by type and
 * schema version, the type/schema catalogue, and signed CloudEvents deliveries to webhook sinks.
 * @see https://www.twilio.com/docs/events/webhook-quickstart
 */
export const eventsProvider = defineProvider({
  name: 'twilio.events',
  signer: twilioSigner,
  tablePrefix: 'events.',
  title: 'Twilio Event Streams',
  entryPath: '/v1/Sinks',
  hosts: [EVENTS_HOST],
  eventTypes: EVENT_TYPES.map((t) => t.type),
  operations: EVENTS_OPERATIONS,
  routes(ctx) {
    const app = createTwilioApp(ctx, EVENTS_PREFIXES);
    routeSinks(app, ctx);
    routeSubscribedEvents(app, ctx);
    routeSubscriptions(app, ctx);
    routeCatalog(app, ctx);
    return app;
  },
  matcher: matchStreamEvents,
  whyNoDelivery: (ctx, event) => {
    const subs = createCollection<Subscription>(ctx.store, EVENTS_SUBSCRIPTIONS).list(event.scope);
    if (subs.length === 0) return `no subscription in account ${event.scope}: create an active sink and subscribe it to ${event.type} (hookyard trigger --setup --webhook <url> does both)`;
    return `no subscription lists ${event.type}${streamData(event).schemaVersion === undefined ? '' : ` at schema version ${streamData(event).schemaVersion}`}`;
  },
  describe: describeStreamEvent,
  setup: setupStreams,
  buildEvent: (ctx, emit) => buildStreamEvent(ctx, twilioScope(ctx, emit.scope), emit),
});
