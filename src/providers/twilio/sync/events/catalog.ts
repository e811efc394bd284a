import type { EventDescription, HookyardApi, SetupResult } from '../../../provider.js';
import { expectCreated } from '../../../setup-check.js';

/** The Sync webhook events, as Twilio's "Sync Webhooks" page describes them. @see https://www.twilio.com/docs/sync/webhooks */
const DESCRIPTIONS: Record<string, string> = {
  document_created: 'A new document has been created',
  document_updated: 'Existing document has been updated',
  document_removed: 'Document has been deleted',
  list_created: 'A new list collection has been created',
  list_removed: 'List collection has been deleted entirely',
  list_item_added: 'A new item has been added to existing list collection',
  list_item_updated: 'Existing item has been updated in the list collection',
  list_item_removed: 'Item has been removed from the list collection',
  map_created: 'A new map collection has been created',
  map_removed: 'Map collection has been deleted entirely',
  map_item_added: 'A new item has been added to existing map collection',
  map_item_updated: 'Existing item has been updated in the map collection',
  map_item_removed: 'Item has been removed from the map collection',
  endpoint_connected: 'A client endpoint has connected to Sync',
  endpoint_disconnected: 'An online client endpoint has been disconnected from Sync',
};

export const describeSyncEvent = (type: string): EventDescription => ({
  name: `sync.${type}`,
  description: DESCRIPTIONS[type] ?? type,
  requires: [
    'serviceSid: a Sync Service with a webhook_url',
    ...(type.startsWith('endpoint_') ? ['reachability_webhooks_enabled on the service', 'identity'] : ['uniqueName or sid of the document/list/map (create: true makes it)']),
  ],
});

/** A Sync Service whose webhook_url is `webhookUrl`, with reachability webhooks on; the object is created on first use. */
export async function setupSync(api: HookyardApi, type: string, webhookUrl: string): Promise<SetupResult> {
  const form = { FriendlyName: 'hookyard trigger', WebhookUrl: webhookUrl, ReachabilityWebhooksEnabled: 'true' };
  const service = expectCreated(await api.request('POST', '/v1/Services', { form }, 'twilio'), 'a Sync Service');
  return { input: { serviceSid: service.sid, uniqueName: `hookyard-${type.split('_')[0]}`, create: true }, created: [`Sync Service ${service.sid} → ${webhookUrl}`] };
}
