import twilio from 'twilio';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type Hookyard, type ManualClock } from '../../src/index.js';
import { SYNC_EVENT_TYPES } from '../../src/providers/twilio/sync/events/types.js';
import { formParams, type Received, type Receiver } from '../helpers/receiver.js';
import { useHookAndReceiver } from '../helpers/suite.js';
import { sdk } from '../helpers/twilio.js';

/** The parameters each event carries per Twilio's "Sync Webhooks" page (the seed), besides the common ones. */
const TABLE: Record<string, string[]> = {
  document_created: ['DocumentData', 'DocumentRevision', 'DocumentSid', 'DocumentUniqueName'],
  document_updated: ['DocumentData', 'DocumentRevision', 'DocumentSid', 'DocumentUniqueName'],
  document_removed: ['DocumentRevision', 'DocumentSid', 'DocumentUniqueName'],
  list_created: ['ListRevision', 'ListSid', 'ListUniqueName'],
  list_removed: ['ListRevision', 'ListSid', 'ListUniqueName'],
  list_item_added: ['EventId', 'ItemData', 'ItemIndex', 'ItemRevision', 'ListRevision', 'ListSid', 'ListUniqueName'],
  list_item_updated: ['EventId', 'ItemData', 'ItemIndex', 'ItemRevision', 'ListRevision', 'ListSid', 'ListUniqueName'],
  list_item_removed: ['EventId', 'ItemIndex', 'ListRevision', 'ListSid', 'ListUniqueName'],
  map_created: ['MapRevision', 'MapSid', 'MapUniqueName'],
  map_removed: ['MapRevision', 'MapSid', 'MapUniqueName'],
  map_item_added: ['EventId', 'ItemData', 'ItemKey', 'ItemRevision', 'MapRevision', 'MapSid', 'MapUniqueName'],
  map_item_updated: ['EventId', 'ItemData', 'ItemKey', 'ItemRevision', 'MapRevision', 'MapSid', 'MapUniqueName'],
  map_item_removed: ['EventId', 'ItemKey', 'MapRevision', 'MapSid', 'MapUniqueName'],
  endpoint_connected: ['EventId', 'IsIdentityOnline'],
  endpoint_disconnected: ['EventId', 'IsIdentityOnline'],
};
const COMMON = ['AccountSid', 'EventType', 'Identity', 'ServiceSid'];
const expectedKeys = (type: string, client: boolean) =>
  [...COMMON, ...(client ? ['EndpointId'] : []), ...(type.startsWith('endpoint_') ? [] : ['DateCreated']), ...TABLE[type]!].sort();

describe('Sync webhooks', () => {
  let hook: Hookyard;
  let clock: ManualClock;
  let receiver: Receiver;
  let client: ReturnType<typeof sdk>;
  let serviceSid: string;

  /** Validates with Twilio's own validator and returns the params. */
  const checked = (r: Received) => {
    const params = formParams(r.body) as Record<string, string>;
    expect(twilio.validateRequest(hook.authToken, String(r.headers['x-twilio-signature']), r.url, params)).toBe(true);
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    return params;
  };
  const emit = (body: Record<string, unknown>) => hook.emit({ serviceSid, ...body, wait: true });
  const received = async () => {
    await hook.idle();
    return receiver.received.map(checked);
  };

  clock = createManualClock('2026-04-01T08:00:00Z');
  const env = useHookAndReceiver({ seed: 'sync-hooks', clock });
  beforeAll(() => {
    ({ hook, receiver } = env);
    client = sdk(hook);
  });
  beforeEach(async () => {
    const s = await client.sync.v1.services.create({ friendlyName: 'hooks', webhookUrl: `${receiver.url}/sync`, reachabilityWebhooksEnabled: true });
    serviceSid = s.sid;
  });

  /** Client-originated: what each event needs to happen to a real resource. */
  const SETUP: Record<string, Record<string, unknown>> = {
    document_created: { uniqueName: 'notes' },
    document_updated: { uniqueName: 'notes', create: true, data: { title: 'v2' } },
    document_removed: { uniqueName: 'notes', create: true },
    list_created: { uniqueName: 'chat' },
    list_removed: { uniqueName: 'chat', create: true },
    list_item_added: { uniqueName: 'chat', create: true, data: { text: 'hi' } },
    map_created: { uniqueName: 'presence' },
    map_removed: { uniqueName: 'presence', create: true },
    map_item_added: { uniqueName: 'presence', create: true, key: 'alice', data: { status: 'online' } },
    endpoint_connected: {},
    endpoint_disconnected: {},
  };

  it.each(SYNC_EVENT_TYPES)('%s from a client carries exactly the documented parameters', async (type) => {
    if (type === 'list_item_updated' || type === 'list_item_removed') await emit({ type: 'list_item_added', uniqueName: 'chat', create: true, identity: 'alice' });
    if (type === 'map_item_updated' || type === 'map_item_removed') await emit({ type: 'map_item_added', uniqueName: 'presence', create: true, key: 'alice', identity: 'alice' });
    if (type === 'endpoint_disconnected') await emit({ type: 'endpoint_connected', identity: 'alice', endpointId: 'ep-1' });
    receiver.received.length = 0;
    const setup = SETUP[type] ?? { uniqueName: type.startsWith('list') ? 'chat' : 'presence', ...(type.startsWith('map') ? { key: 'alice' } : {}) };
    const { deliveries } = await emit({ type, identity: 'alice', ...(type.startsWith('endpoint') ? { endpointId: 'ep-1' } : {}), ...setup });
    expect(deliveries.map((d) => d.outcome)).toEqual(['delivered']);
    const [params] = await received();
    expect(Object.keys(params!).sort()).toEqual(expectedKeys(type, true));
    expect(params).toMatchObject({ AccountSid: hook.accountSid, ServiceSid: serviceSid, EventType: type, Identity: 'alice' });
    if (type.startsWith('endpoint_')) expect(params!['EndpointId']).toBe('ep-1');
    if (params!['DocumentData'] ?? params!['ItemData']) expect(typeof JSON.parse(params!['DocumentData'] ?? params!['ItemData']!)).toBe('object');
    if (type === 'document_updated') expect(JSON.parse(params!['DocumentData']!)).toEqual({ title: 'v2' });
    // The store agrees with the payload.
    if (type === 'document_updated') expect((await client.sync.v1.services(serviceSid).documents('notes').fetch()).revision).toBe(params!['DocumentRevision']);
    if (type === 'map_item_added') expect((await client.sync.v1.services(serviceSid).syncMaps('presence').syncMapItems('alice').fetch()).data).toEqual({ status: 'online' });
  });

  /** REST-originated: the SDK call that makes each event happen. */
  const REST: Record<string, () => Promise<unknown>> = {
    document_created: () => client.sync.v1.services(serviceSid).documents.create({ uniqueName: 'notes', data: { a: 1 } }),
    document_updated: () => client.sync.v1.services(serviceSid).documents('notes').update({ data: { a: 2 } }),
    document_removed: () => client.sync.v1.services(serviceSid).documents('notes').remove(),
    list_created: () => client.sync.v1.services(serviceSid).syncLists.create({ uniqueName: 'chat' }),
    list_item_added: () => client.sync.v1.services(serviceSid).syncLists('chat').syncListItems.create({ data: { t: 1 } }),
    list_item_updated: () => client.sync.v1.services(serviceSid).syncLists('chat').syncListItems(0).update({ data: { t: 2 } }),
    list_item_removed: () => client.sync.v1.services(serviceSid).syncLists('chat').syncListItems(0).remove(),
    list_removed: () => client.sync.v1.services(serviceSid).syncLists('chat').remove(),
    map_created: () => client.sync.v1.services(serviceSid).syncMaps.create({ uniqueName: 'presence' }),
    map_item_added: () => client.sync.v1.services(serviceSid).syncMaps('presence').syncMapItems.create({ key: 'k', data: { s: 1 } }),
    map_item_updated: () => client.sync.v1.services(serviceSid).syncMaps('presence').syncMapItems('k').update({ data: { s: 2 } }),
    map_item_removed: () => client.sync.v1.services(serviceSid).syncMaps('presence').syncMapItems('k').remove(),
    map_removed: () => client.sync.v1.services(serviceSid).syncMaps('presence').remove(),
  };
  const ORDER = Object.keys(REST);

  it.each(ORDER)('%s from the REST API carries Identity=system, no EndpointId, and the documented parameters', async (type) => {
    await client.sync.v1.services(serviceSid).update({ webhooksFromRestEnabled: true });
    for (const step of ORDER.slice(0, ORDER.indexOf(type))) await REST[step]!();
    // REST-caused deliveries are asynchronous: let the earlier steps' ones land before clearing.
    await hook.idle();
    receiver.received.length = 0;
    await REST[type]!();
    const [params] = await received();
    expect(Object.keys(params!).sort()).toEqual(expectedKeys(type, false));
    expect(params).toMatchObject({ EventType: type, Identity: 'system', ServiceSid: serviceSid });
  });

  it('sends nothing for REST changes without webhooks_from_rest_enabled', async () => {
    for (const step of ORDER) await REST[step]!();
    expect(await received()).toEqual([]);
  });

  it('numbers item events per list with an increasing EventId, and revisions follow', async () => {
    await client.sync.v1.services(serviceSid).update({ webhooksFromRestEnabled: true });
    const list = client.sync.v1.services(serviceSid).syncLists;
    await list.create({ uniqueName: 'seq' });
    for (const n of [1, 2, 3]) await list('seq').syncListItems.create({ data: { n } });
    await list('seq').syncListItems(1).update({ data: { n: 20 } });
    const items = (await received()).filter((p) => p['EventType']!.startsWith('list_item_'));
    expect(items.map((p) => Number(p['EventId']))).toEqual([1, 2, 3, 4]);
    expect(items.map((p) => p['ListRevision'])).toEqual(['1', '2', '3', '4']);
    expect(items.at(-1)).toMatchObject({ ItemIndex: '1', ItemRevision: '1', ItemData: '{"n":20}' });
  });

  it('reports reachability: IsIdentityOnline across endpoints, EventId per identity, only when enabled', async () => {
    await emit({ type: 'endpoint_connected', identity: 'alice', endpointId: 'a-web' });
    await emit({ type: 'endpoint_connected', identity: 'alice', endpointId: 'a-phone' });
    await emit({ type: 'endpoint_connected', identity: 'bob', endpointId: 'b-web' });
    await emit({ type: 'endpoint_disconnected', identity: 'alice', endpointId: 'a-web' });
    await emit({ type: 'endpoint_disconnected', identity: 'alice', endpointId: 'a-phone' });
    const got = await received();
    expect(got.map((p) => [p['Identity'], p['EventType'], p['EventId'], p['IsIdentityOnline'], p['EndpointId']])).toEqual([
      ['alice', 'endpoint_connected', '1', 'true', 'a-web'],
      ['alice', 'endpoint_connected', '2', 'true', 'a-phone'],
      ['bob', 'endpoint_connected', '1', 'true', 'b-web'],
      ['alice', 'endpoint_disconnected', '3', 'true', 'a-web'],
      ['alice', 'endpoint_disconnected', '4', 'false', 'a-phone'],
    ]);
    receiver.received.length = 0;
    await client.sync.v1.services(serviceSid).update({ reachabilityWebhooksEnabled: false });
    await emit({ type: 'endpoint_connected', identity: 'carol' });
    expect(await received()).toEqual([]);
  });

  it('holds a disconnect for the debouncing window; a reconnect inside it cancels both', async () => {
    await client.sync.v1.services(serviceSid).update({ reachabilityDebouncingEnabled: true, reachabilityDebouncingWindow: 3000 });
    await emit({ type: 'endpoint_connected', identity: 'dave', endpointId: 'd1' });
    receiver.received.length = 0;
    const held = await emit({ type: 'endpoint_disconnected', identity: 'dave', endpointId: 'd1' });
    expect(held.event.data['deferredUntil']).toBe('2026-04-01T08:00:03.000Z');
    expect(held.deliveries).toEqual([]);
    clock.advance(2000);
    const back = await emit({ type: 'endpoint_connected', identity: 'dave', endpointId: 'd2' });
    expect(back.deliveries).toEqual([]);
    clock.advance(5000);
    expect(await received()).toEqual([]);

    await emit({ type: 'endpoint_disconnected', identity: 'dave', endpointId: 'd2' });
    clock.advance(2999);
    expect(await received()).toEqual([]);
    clock.advance(1);
    const [late] = await received();
    expect(late).toMatchObject({ EventType: 'endpoint_disconnected', Identity: 'dave', IsIdentityOnline: 'false', EndpointId: 'd2' });
    expect(Object.keys(late!).sort()).toEqual(expectedKeys('endpoint_disconnected', true));
  });
});
