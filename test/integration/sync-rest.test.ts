import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHookyard, createManualClock, type Hookyard, type ManualClock } from '../../src/index.js';
import { expectTwilioError, sdk } from '../helpers/twilio.js';

describe('Sync REST through the twilio SDK', () => {
  let hook: Hookyard;
  let clock: ManualClock;
  let client: ReturnType<typeof sdk>;
  let service: Awaited<ReturnType<ReturnType<typeof sdk>['sync']['v1']['services']['create']>>;

  beforeAll(async () => {
    clock = createManualClock('2026-03-01T09:00:00Z');
    hook = await createHookyard({ seed: 'sync-rest', clock });
    client = sdk(hook);
  });
  afterAll(() => hook.close());
  beforeEach(async () => {
    await hook.reset();
    service = await client.sync.v1.services.create({ friendlyName: 'collab' });
  });
  const svc = () => client.sync.v1.services(service.sid);

  it('manages services with every documented parameter', async () => {
    expect(service).toMatchObject({ friendlyName: 'collab', webhooksFromRestEnabled: false, reachabilityWebhooksEnabled: false, aclEnabled: false, reachabilityDebouncingEnabled: false, reachabilityDebouncingWindow: 5000, webhookUrl: null });
    expect(service.sid).toMatch(/^IS[0-9a-f]{32}$/);
    expect(service.links).toMatchObject({ documents: `${service.url}/Documents`, lists: `${service.url}/Lists`, maps: `${service.url}/Maps` });
    const updated = await svc().update({ webhookUrl: 'http://127.0.0.1:9/sync', webhooksFromRestEnabled: true, reachabilityWebhooksEnabled: true, reachabilityDebouncingEnabled: true, reachabilityDebouncingWindow: 2000, aclEnabled: true });
    expect(updated).toMatchObject({ webhookUrl: 'http://127.0.0.1:9/sync', webhooksFromRestEnabled: true, reachabilityWebhooksEnabled: true, reachabilityDebouncingEnabled: true, reachabilityDebouncingWindow: 2000, aclEnabled: true });
    await expectTwilioError(svc().update({ reachabilityDebouncingWindow: 999 }), 400, 20001, /ReachabilityDebouncingWindow/);
    await expectTwilioError(client.sync.v1.services.create({ webhookUrl: 'nope' }), 400, 20001, /WebhookUrl/);
    expect((await client.sync.v1.services.list()).map((s) => s.sid)).toEqual([service.sid]);
    expect(await svc().remove()).toBe(true);
    await expectTwilioError(svc().fetch(), 404, 20404);
  });

  it('keeps documents by SID or unique name, with revisions, ETag and If-Match', async () => {
    const doc = await svc().documents.create({ uniqueName: 'board', data: { title: 'Sprint' } });
    expect(doc).toMatchObject({ uniqueName: 'board', data: { title: 'Sprint' }, revision: '0', createdBy: 'system', dateExpires: null });
    expect(doc.sid).toMatch(/^ET[0-9a-f]{32}$/);
    expect((await svc().documents('board').fetch()).sid).toBe(doc.sid);
    const v1 = await svc().documents('board').update({ data: { title: 'Sprint 2' }, ifMatch: '0' });
    expect(v1).toMatchObject({ revision: '1', data: { title: 'Sprint 2' } });
    await expectTwilioError(svc().documents(doc.sid).update({ data: { title: 'stale' }, ifMatch: '0' }), 412, 54103);
    expect((await svc().documents(doc.sid).fetch()).data).toEqual({ title: 'Sprint 2' });
    await expectTwilioError(svc().documents.create({ uniqueName: 'board' }), 409, 54301);
    await expectTwilioError(svc().documents.create({ data: '{not json' as never }), 400, 20001, /Data/);
    await expectTwilioError(svc().documents.create({ data: { big: 'x'.repeat(17_000) } }), 400, 20001, /Data/);
    await expectTwilioError(svc().documents(doc.sid).update({}), 400, 54010);
    const etag = await fetch(`${hook.url}/v1/Services/${service.sid}/Documents/board`, { headers: { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64') } });
    expect(etag.headers.get('etag')).toBe('1');
    expect(await svc().documents('board').remove()).toBe(true);
    await expectTwilioError(svc().documents('board').fetch(), 404, 54100);
  });

  it('expires documents, lists and items on the injected clock', async () => {
    const doc = await svc().documents.create({ uniqueName: 'short', data: {}, ttl: 60 });
    expect(doc.dateExpires!.toISOString()).toBe('2026-03-01T09:01:00.000Z');
    const list = await svc().syncLists.create({ uniqueName: 'chat', collectionTtl: 3600 });
    await svc().syncLists('chat').syncListItems.create({ data: { text: 'keep' } });
    await svc().syncLists('chat').syncListItems.create({ data: { text: 'fleeting' }, itemTtl: 30 });
    await svc().syncLists('chat').syncListItems.create({ data: { text: 'later' }, itemTtl: 60 });
    clock.advance(45_000);
    // Page by page (one item each), the expired item between the two live ones is skipped.
    expect((await svc().syncLists(list.sid).syncListItems.list({ pageSize: 1 })).map((i) => i.data)).toEqual([{ text: 'keep' }, { text: 'later' }]);
    await svc().syncLists('chat').syncListItems(2).remove();
    expect((await svc().syncLists(list.sid).syncListItems.list()).map((i) => i.data)).toEqual([{ text: 'keep' }]);
    await expectTwilioError(svc().syncLists('chat').syncListItems(1).fetch(), 404, 54151);
    clock.advance(30_000);
    await expectTwilioError(svc().documents('short').fetch(), 404, 54100);
    expect((await svc().documents.list()).map((d) => d.uniqueName)).toEqual([]);
    // The unique name is free again once its document has expired.
    expect((await svc().documents.create({ uniqueName: 'short' })).uniqueName).toBe('short');
    clock.advance(3600_000);
    await expectTwilioError(svc().syncLists('chat').fetch(), 404, 54150);
  });

  it('keeps list items by increasing index, with Order, From, Bounds and If-Match', async () => {
    const list = await svc().syncLists.create({ uniqueName: 'log' });
    expect(list).toMatchObject({ uniqueName: 'log', revision: '0' });
    expect(list.links).toMatchObject({ items: `${list.url}/Items` });
    const items = svc().syncLists('log').syncListItems;
    for (const n of [0, 1, 2, 3]) expect((await items.create({ data: { n } })).index).toBe(n);
    await items(1).remove();
    expect((await items.create({ data: { n: 4 } })).index).toBe(4); // indexes are never reused
    expect((await items.list()).map((i) => i.index)).toEqual([0, 2, 3, 4]);
    expect((await items.list({ order: 'desc' })).map((i) => i.index)).toEqual([4, 3, 2, 0]);
    expect((await items.list({ from: '2', bounds: 'exclusive' })).map((i) => i.index)).toEqual([3, 4]);
    expect((await items.list({ from: '3', order: 'desc' })).map((i) => i.index)).toEqual([3, 2, 0]);
    expect((await items.list({ pageSize: 2 })).map((i) => i.index)).toEqual([0, 2, 3, 4]);
    expect((await items.list({ pageSize: 1, from: '2' })).map((i) => i.index)).toEqual([2, 3, 4]);
    expect((await items.list({ pageSize: 1, from: '3', order: 'desc' })).map((i) => i.index)).toEqual([3, 2, 0]);
    const updated = await items(2).update({ data: { n: 22 }, ifMatch: '0' });
    expect(updated).toMatchObject({ revision: '1', data: { n: 22 } });
    await expectTwilioError(items(2).update({ data: { n: 0 }, ifMatch: '0' }), 412, 54155);
    await expectTwilioError(items(2).remove({ ifMatch: '7' }), 412, 54155);
    // The SDK refuses to send a create without Data, so ask over plain HTTP.
    const auth = { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64') };
    const noData = await fetch(`${hook.url}/v1/Services/${service.sid}/Lists/log/Items`, { method: 'POST', headers: auth, body: new URLSearchParams({ Ttl: '5' }) });
    expect(noData.status).toBe(400);
    expect(await noData.json()).toMatchObject({ code: 20001, message: expect.stringContaining('Data') });
    expect((await svc().syncLists('log').fetch()).revision).toBe('7');
    await expectTwilioError(items.list({ pageSize: 101 }), 400, 20001, /PageSize/);
    // A list's From is an index.
    await expectTwilioError(items.list({ from: 'two' }), 400, 20001, /From/);
    expect(await svc().syncLists('log').remove()).toBe(true);
    await expectTwilioError(svc().syncLists(list.sid).syncListItems(0).fetch(), 404, 54150);
  });

  it('keeps map items by key in lexicographic order; duplicate keys are 54208', async () => {
    const map = await svc().syncMaps.create({ uniqueName: 'presence' });
    expect(map.sid).toMatch(/^MP[0-9a-f]{32}$/);
    const items = svc().syncMaps('presence').syncMapItems;
    for (const key of ['mallory', 'alice', 'bob.2', 'Zed']) await items.create({ key, data: { status: 'online' } });
    expect((await items.list()).map((i) => i.key)).toEqual(['Zed', 'alice', 'bob.2', 'mallory']);
    expect((await items.list({ from: 'b', order: 'asc' })).map((i) => i.key)).toEqual(['bob.2', 'mallory']);
    // Paged one at a time by the SDK (following next_page_url), either way, from a key, within bounds.
    expect((await items.list({ pageSize: 1, order: 'desc' })).map((i) => i.key)).toEqual(['mallory', 'bob.2', 'alice', 'Zed']);
    expect((await items.list({ pageSize: 1, from: 'bob.2', bounds: 'exclusive', order: 'desc' })).map((i) => i.key)).toEqual(['alice', 'Zed']);
    expect((await items.list({ pageSize: 2, from: 'alice' })).map((i) => i.key)).toEqual(['alice', 'bob.2', 'mallory']);
    await expectTwilioError(items.create({ key: 'alice', data: {} }), 409, 54208);
    expect((await items('bob.2').fetch()).data).toEqual({ status: 'online' });
    expect((await items('alice').update({ data: { status: 'away' }, ifMatch: '0' })).revision).toBe('1');
    await expectTwilioError(items('alice').update({ data: {}, ifMatch: '0' }), 412, 54205);
    expect(await items('alice').remove()).toBe(true);
    await expectTwilioError(items('alice').fetch(), 404, 54201);
    await expectTwilioError(svc().syncMaps('nope').fetch(), 404, 54200);
  });
});
