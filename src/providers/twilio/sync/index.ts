import { createCollection } from '../../../core/collection.js';
import { defineProvider } from '../../provider.js';
import { SYNC_OPERATIONS } from './operations.js';
import { syncData } from './events/types.js';
import { SYNC_TABLES, type SyncService } from './model.js';
import { twilioScope } from '../common/auth.js';
import { createTwilioApp } from '../common/app.js';
import { describeSyncEvent, setupSync } from './events/catalog.js';
import { buildClientEvent } from './events/client-events.js';
import { matchSyncEvents } from './events/matcher.js';
import { SYNC_EVENT_TYPES } from './events/types.js';
import { routeSyncItems } from './items/routes.js';
import { routeSyncObjects } from './objects/routes.js';
import { SYNC_HOST } from './paths.js';
import { routeSyncPermissions } from './permissions/routes.js';
import { routeSyncServices } from './services/routes.js';
import { routeSyncStreams } from './streams/routes.js';
import { twilioSigner } from '../common/signer.js';
import { dropHeldDisconnects } from './events/reachability.js';

/**
 * Twilio Sync, all 48 operations: services, documents, lists, maps and their items, permissions, streams,
 * and the Sync webhooks — from the REST API (with `webhooks_from_rest_enabled`) and as if from client SDKs
 * (subject to ACLs with `acl_enabled`), including reachability.
 * @see https://www.twilio.com/docs/sync/webhooks
 */
export const syncProvider = defineProvider({
  name: 'twilio.sync',
  signer: twilioSigner,
  tablePrefix: 'sync.',
  restored: dropHeldDisconnects,
  title: 'Twilio Sync',
  entryPath: '/v1/Services',
  hosts: [SYNC_HOST],
  eventTypes: SYNC_EVENT_TYPES,
  operations: SYNC_OPERATIONS,
  routes(ctx) {
    const app = createTwilioApp(ctx, ['/v1/Services']);
    routeSyncServices(app, ctx);
    for (const kind of ['document', 'list', 'map'] as const) {
      routeSyncObjects(app, ctx, kind);
      routeSyncPermissions(app, ctx, kind);
    }
    routeSyncStreams(app, ctx);
    routeSyncItems(app, ctx, 'list');
    routeSyncItems(app, ctx, 'map');
    return app;
  },
  matcher: matchSyncEvents,
  whyNoDelivery: (ctx, event) => {
    const d = syncData(event);
    const service = createCollection<SyncService>(ctx.store, SYNC_TABLES.services).get(event.scope, d.serviceSid);
    if (!service?.webhookUrl) return `service ${d.serviceSid} has no webhook_url: set it (POST /v1/Services/${d.serviceSid} WebhookUrl=…)`;
    if (d.deferredUntil !== undefined) return `the disconnect is held for the debouncing window, until ${d.deferredUntil}`;
    if (d.suppressed !== undefined) return `the event was debounced: ${d.suppressed}`;
    if (d.actor.fromRest && !service.webhooksFromRestEnabled) return `REST changes are sent only with webhooks_from_rest_enabled on service ${service.sid}`;
    if (event.type.startsWith('endpoint_') && !service.reachabilityWebhooksEnabled) return `reachability events are sent only with reachability_webhooks_enabled on service ${service.sid}`;
    return 'no target matched';
  },
  describe: describeSyncEvent,
  setup: setupSync,
  buildEvent: (ctx, emit) => buildClientEvent(ctx, twilioScope(ctx, emit.scope), emit),
});
