import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHookyard, createManualClock, type Hookyard, type ManualClock } from '../../src/index.js';
import { expectTwilioError, sdk } from '../helpers/twilio.js';

describe('Sync streams and permissions through the twilio SDK', () => {
  let hook: Hookyard;
  let clock: ManualClock;
  let client: ReturnType<typeof sdk>;
  let serviceSid: string;
  beforeAll(async () => {
    clock = createManualClock('2026-04-01T09:00:00Z');
    hook = await createHookyard({ seed: 'sync-acl', clock });
    client = sdk(hook);
  });
  afterAll(() => hook.close());
  beforeEach(async () => {
    await hook.reset();
    serviceSid = (await client.sync.v1.services.create({ friendlyName: 'chat' })).sid;
  });
  const svc = () => client.sync.v1.services(serviceSid);

  it('creates, lists, fetches (by SID or name), updates and deletes streams; TTLs follow the clock; messages are accepted, not kept', async () => {
    const s = await svc().syncStreams.create({ uniqueName: 'typing', ttl: 60 });
    expect(s).toMatchObject({ uniqueName: 'typing', serviceSid, createdBy: 'system', dateExpires: new Date('2026-04-01T09:01:00Z'), links: { messages: `${s.url}/Messages` } });
    expect(s.sid).toMatch(/^TO[0-9a-f]{32}$/);
    await expectTwilioError(svc().syncStreams.create({ uniqueName: 'typing' }), 409, 54301);
    expect((await svc().syncStreams('typing').fetch()).sid).toBe(s.sid);
    const msg = await svc().syncStreams(s.sid).streamMessages.create({ data: { typing: true, who: 'ana' } });
    expect(msg.sid).toMatch(/^TZ[0-9a-f]{32}$/);
    expect(msg.data).toEqual({ typing: true, who: 'ana' });
    await expectTwilioError(svc().syncStreams(s.sid).streamMessages.create({ data: { big: 'x'.repeat(5000) } }), 400, 54006);
    expect((await svc().syncStreams(s.sid).update({ ttl: 0 })).dateExpires).toBeNull();
    const short = await svc().syncStreams.create({ ttl: 30 });
    expect((await svc().syncStreams.list()).map((x) => x.sid)).toEqual([s.sid, short.sid]);
    clock.advance(31_000);
    expect((await svc().syncStreams.list()).map((x) => x.sid)).toEqual([s.sid]);
    await expectTwilioError(svc().syncStreams(short.sid).fetch(), 404, 54300);
    expect(await svc().syncStreams(s.sid).remove()).toBe(true);
    await expectTwilioError(svc().syncStreams('typing').fetch(), 404, 54300);
  });

  it('grants read/write/manage per identity on documents, lists and maps; deleting revokes', async () => {
    const doc = await svc().documents.create({ uniqueName: 'board', data: {} });
    const list = await svc().syncLists.create({ uniqueName: 'todo' });
    const map = await svc().syncMaps.create({ uniqueName: 'presence' });
    const p = await svc().documents(doc.sid).documentPermissions('alice').update({ read: true, write: true, manage: false });
    expect(p).toMatchObject({ documentSid: doc.sid, identity: 'alice', read: true, write: true, manage: false, serviceSid });
    expect((await svc().documents('board').documentPermissions('alice').fetch()).write).toBe(true);
    await svc().syncLists(list.sid).syncListPermissions('bob').update({ read: true, write: false, manage: true });
    await svc().syncMaps(map.sid).syncMapPermissions('carol').update({ read: false, write: false, manage: false });
    expect((await svc().syncLists(list.sid).syncListPermissions.list()).map((x) => [x.identity, x.listSid, x.manage])).toEqual([['bob', list.sid, true]]);
    expect((await svc().syncMaps(map.sid).syncMapPermissions('carol').fetch()).mapSid).toBe(map.sid);
    expect((await svc().documents(doc.sid).documentPermissions('alice').update({ read: false, write: false, manage: true })).manage).toBe(true);
    expect((await svc().documents(doc.sid).documentPermissions.list()).length).toBe(1);
    expect(await svc().documents(doc.sid).documentPermissions('alice').remove()).toBe(true);
    await expectTwilioError(svc().documents(doc.sid).documentPermissions('alice').fetch(), 404, 20404);
    await expectTwilioError(svc().documents(doc.sid).documentPermissions('x'.repeat(257)).update({ read: true, write: true, manage: true }), 400, 54351);
    await expectTwilioError(svc().documents('nope').documentPermissions('alice').fetch(), 404, 54100);
    const raw = await fetch(`${hook.url}/v1/Services/${serviceSid}/Lists/${list.sid}/Permissions/dave`, { method: 'POST', headers: { authorization: 'Basic ' + Buffer.from(`${hook.accountSid}:${hook.authToken}`).toString('base64'), 'content-type': 'application/x-www-form-urlencoded' }, body: 'Read=true' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ code: 20001, message: expect.stringContaining('Write') });
    // Deleting the object takes its permissions with it.
    await svc().syncLists(list.sid).remove();
    const again = await svc().syncLists.create({ uniqueName: 'todo' });
    expect(await svc().syncLists(again.sid).syncListPermissions.list()).toEqual([]);
  });

  it('with acl_enabled, a client change needs the identity\'s permission; REST is not subject to ACLs', async () => {
    await svc().update({ aclEnabled: true });
    const doc = await svc().documents.create({ uniqueName: 'notes', data: { v: 1 } });
    const asClient = (identity: string, type = 'document_updated') => hook.emit({ type, serviceSid, identity, uniqueName: 'notes', data: { v: 2 } });
    await expect(asClient('eve')).rejects.toMatchObject({ status: 403, detail: { code: 54007 } });
    await svc().documents(doc.sid).documentPermissions('eve').update({ read: true, write: true, manage: false });
    await asClient('eve');
    expect((await svc().documents(doc.sid).fetch()).data).toEqual({ v: 2 });
    await expect(asClient('eve', 'document_removed')).rejects.toMatchObject({ status: 403 });
    expect((await svc().documents(doc.sid).update({ data: { v: 3 } })).data).toEqual({ v: 3 });
    await svc().update({ aclEnabled: false });
    await asClient('mallory');
  });
});
