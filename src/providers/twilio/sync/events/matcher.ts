import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import type { DeliveryPlan, HookyardEvent } from '../../../../events/event.js';
import { toFormRequest, twilioDeliveryOptions } from '../../common/form-delivery.js';
import { SYNC_TABLES, type SyncService } from '../model.js';
import { toSyncParams } from './params.js';
import { syncData } from './types.js';

/**
 * The service's `webhook_url` gets the event when the service has one, and: REST-caused changes only with
 * `webhooks_from_rest_enabled`; reachability events only with `reachability_webhooks_enabled`; a debounced
 * disconnect only once its window has passed (its timer emits it again without the deferral).
 */
export function matchSyncEvents(ctx: Context) {
  const services = createCollection<SyncService>(ctx.store, SYNC_TABLES.services);
  const match = (event: HookyardEvent): DeliveryPlan[] => {
    const d = syncData(event);
    const service = services.get(event.scope, d.serviceSid);
    const token = ctx.twilio.accounts.get(event.scope);
    if (!service?.webhookUrl || token === undefined || d.deferredUntil !== undefined || d.suppressed !== undefined) return [];
    if (d.actor.fromRest && !service.webhooksFromRestEnabled) return [];
    if (event.type.startsWith('endpoint_') && !service.reachabilityWebhooksEnabled) return [];
    return [
      {
        target: { kind: 'sync.service', id: service.sid, url: service.webhookUrl },
        events: [event],
        request: toFormRequest(token, ctx.publicUrls.route(service.webhookUrl), toSyncParams(event), event.id),
        ...twilioDeliveryOptions(service.webhookUrl),
      },
    ];
  };
  return (events: readonly HookyardEvent[]) => events.flatMap(match);
}
