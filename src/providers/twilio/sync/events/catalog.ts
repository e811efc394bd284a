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

/**
 * A Sync Service whose webhook_url is `webhookUrl`, with reachability webhooks on — the one an earlier
 * `--setup` made for that URL when there is one; the object is created on first use.
 */
export async function setupSync(api: HookyardApi, type: string, webhookUrl: string): Promise<SetupResult> {
  const input = (sid: string) => ({ serviceSid: sid, uniqueName: `hookyard-${type.split('_')[0]}`, create: true });
  const services = expectCreated(await api.request('GET', '/v1/Services?PageSize=100', undefined, 'twilio'), 'the Sync Service list').services as { sid: string; friendly_name: string; webhook_url: string | null; reachability_webhooks_enabled: boolean }[];
  const mine = services.find((s) => s.friendly_name === 'hookyard trigger' && s.webhook_url === webhookUrl);
  if (mine) {
    if (!mine.reachability_webhooks_enabled) expectCreated(await api.request('POST', `/v1/Services/${mine.sid}`, { form: { ReachabilityWebhooksEnabled: 'true' } }, 'twilio'), 'the Sync Service update');
    return { input: input(mine.sid), created: [`reusing Sync Service ${mine.sid} → ${webhookUrl}`] };
  }
  const form = { FriendlyName: 'hookyard trigger', WebhookUrl: webhookUrl, ReachabilityWebhooksEnabled: 'true' };
  const service = expectCreated(await api.request('POST', '/v1/Services', { form }, 'twilio'), 'a Sync Service');
  return { input: input(service.sid), created: [`Sync Service ${service.sid} → ${webhookUrl}`] };
}
