import { describeSpecFields } from '../helpers/spec-fields.js';

const ids: Record<string, string> = {};

describeSpecFields({
  title: 'Sync v1: spec status and field set of every operation',
  file: 'twilio_sync_v1.json',
  count: 48,
  options: { seed: 'sync-spec-fields' },
  async setup(api) {
    const is = String((await api.create('/v1/Services', { FriendlyName: 'spec' }))['sid']);
    ids['IS'] = is;
    ids['ET'] = String((await api.create(`/v1/Services/${is}/Documents`, { UniqueName: 'doc', Data: '{"a":1}' }))['sid']);
    ids['ES'] = String((await api.create(`/v1/Services/${is}/Lists`, { UniqueName: 'list' }))['sid']);
    ids['MP'] = String((await api.create(`/v1/Services/${is}/Maps`, { UniqueName: 'map' }))['sid']);
    ids['TO'] = String((await api.create(`/v1/Services/${is}/Streams`, { UniqueName: 'stream' }))['sid']);
    await api.create(`/v1/Services/${is}/Lists/${ids['ES']}/Items`, { Data: '{"n":0}' });
    await api.create(`/v1/Services/${is}/Maps/${ids['MP']}/Items`, { Key: 'k', Data: '{"n":0}' });
    for (const [kind, sid] of [['Documents', ids['ET']], ['Lists', ids['ES']], ['Maps', ids['MP']]] as const) await api.create(`/v1/Services/${is}/${kind}/${sid}/Permissions/alice`, { Read: 'true', Write: 'false', Manage: 'false' });
  },
  fill: (path) =>
    path
      .replace('{ServiceSid}', ids['IS']!)
      .replace('{DocumentSid}', ids['ET']!)
      .replace('{ListSid}', ids['ES']!)
      .replace('{MapSid}', ids['MP']!)
      .replace('{StreamSid}', ids['TO']!)
      .replace('{Identity}', 'alice')
      .replace('{Index}', '0')
      .replace('{Key}', 'k')
      .replace(/\/Services\/\{Sid\}/, `/Services/${ids['IS']}`)
      .replace(/\/(\w+)\/\{Sid\}$/, (_, coll: string) => `/${coll}/${ids[{ Documents: 'ET', Lists: 'ES', Maps: 'MP', Streams: 'TO' }[coll] ?? '']}`),
  body: {
    CreateService: () => ({ FriendlyName: 'another' }),
    UpdateService: () => ({ FriendlyName: 'renamed' }),
    CreateDocument: () => ({ UniqueName: 'doc2', Data: '{}' }),
    UpdateDocument: () => ({ Data: '{"a":2}' }),
    CreateSyncList: () => ({ UniqueName: 'list2' }),
    UpdateSyncList: () => ({ CollectionTtl: '3600' }),
    CreateSyncListItem: () => ({ Data: '{"n":1}' }),
    UpdateSyncListItem: () => ({ Data: '{"n":2}' }),
    CreateSyncMap: () => ({ UniqueName: 'map2' }),
    UpdateSyncMap: () => ({ CollectionTtl: '3600' }),
    CreateSyncMapItem: () => ({ Key: 'k2', Data: '{}' }),
    UpdateSyncMapItem: () => ({ Data: '{"n":3}' }),
    UpdateDocumentPermission: () => ({ Read: 'true', Write: 'true', Manage: 'true' }),
    UpdateSyncListPermission: () => ({ Read: 'true', Write: 'true', Manage: 'false' }),
    UpdateSyncMapPermission: () => ({ Read: 'false', Write: 'false', Manage: 'true' }),
    CreateSyncStream: () => ({ UniqueName: 'stream2', Ttl: '600' }),
    UpdateSyncStream: () => ({ Ttl: '60' }),
    CreateStreamMessage: () => ({ Data: '{"typing":true}' }),
  },
  // Items and permissions go before their objects, objects before the service.
  rank: { DeleteDocument: 4, DeleteSyncList: 4, DeleteSyncMap: 4, DeleteSyncStream: 4, DeleteService: 5 },
});
