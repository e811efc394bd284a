import type { Context as HonoContext, Hono } from 'hono';
import type { Context } from '../../../../core/context.js';
import { HookyardError } from '../../../../core/errors.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { str } from '../../common/params.js';
import { commitAndEmit } from '../events/emit.js';
import { REST_ACTOR } from '../events/types.js';
import { OBJECTS_BY_KIND, type SyncObject, type SyncObjectKind } from '../model.js';
import { SYNC_PATHS } from '../paths.js';
import { requireSyncService } from '../services/routes.js';
import { checkIfMatch, createObject, findObject, isLive, readData, readTtl, removeObject, syncObjects, updateObject } from './ops.js';

const WIRE = {
  document: { path: 'Documents', key: 'documents', collection: SYNC_PATHS.documents, item: SYNC_PATHS.document },
  list: { path: 'Lists', key: 'lists', collection: SYNC_PATHS.lists, item: SYNC_PATHS.list },
  map: { path: 'Maps', key: 'maps', collection: SYNC_PATHS.maps, item: SYNC_PATHS.map },
} as const;

/** Model → `sync.v1.service.document` / `sync_list` / `sync_map` JSON (`revision` is a string on the wire). */
export function toObjectJson(o: SyncObject, origin: string) {
  const url = `${origin}/v1/Services/${o.serviceSid}/${WIRE[o.kind].path}/${o.sid}`;
  return {
    sid: o.sid,
    unique_name: o.uniqueName,
    account_sid: o.accountSid,
    service_sid: o.serviceSid,
    url,
    links: o.kind === 'document' ? { permissions: `${url}/Permissions` } : { items: `${url}/Items`, permissions: `${url}/Permissions` },
    revision: String(o.revision),
    ...(o.kind === 'document' ? { data: o.data } : {}),
    date_expires: o.dateExpires,
    date_created: o.dateCreated,
    date_updated: o.dateUpdated,
    created_by: o.createdBy,
  };
}

const noParams = () => new HookyardError('invalid_param', 'No parameters were specified to update', { code: 54010 });

/** A document's TTL is `Ttl`; a list's or map's is `CollectionTtl`, with `Ttl` its older alias (ignored when both are sent). */
const collectionTtl = (kind: SyncObjectKind, form: Awaited<ReturnType<typeof readForm>>) =>
  kind === 'document' ? readTtl(form, 'Ttl') : (readTtl(form, 'CollectionTtl') ?? readTtl(form, 'Ttl'));

/**
 * Documents, Lists and Maps share one shape: create, list, fetch (by SID or unique name), update, delete.
 * REST changes are events too; the matcher sends them only when the service has `webhooks_from_rest_enabled`.
 * @see https://www.twilio.com/docs/sync/api/document-resource
 */
export function routeSyncObjects(app: Hono<TwilioEnv>, ctx: Context, kind: SyncObjectKind): void {
  const wire = WIRE[kind];
  const find = (c: HonoContext<TwilioEnv>) => findObject(ctx, c.get('accountSid'), requireSyncService(ctx, c.get('accountSid'), c.req.param('ServiceSid')!).sid, kind, c.req.param('Sid')!);
  const reply = (c: HonoContext<TwilioEnv>, o: SyncObject, status: 200 | 201 = 200) => {
    if (kind === 'document') c.header('ETag', String(o.revision));
    return c.json(toObjectJson(o, publicOrigin(c)), status);
  };

  app.post(wire.collection, async (c) => {
    const form = await readForm(c);
    const service = requireSyncService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const input = { uniqueName: str(form, 'UniqueName', { max: 320 }), data: kind === 'document' ? readData(form, false) : undefined, ttl: collectionTtl(kind, form) };
    const { row, event } = createObject(ctx, service, kind, input, REST_ACTOR);
    await commitAndEmit(ctx, [event]);
    return reply(c, row, 201);
  });

  app.get(wire.collection, (c) => {
    const service = requireSyncService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const now = ctx.clock.now();
    const rows = syncObjects(ctx).by(c.get('accountSid'), OBJECTS_BY_KIND, `${service.sid} ${kind}`);
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, wire.key, rows, (o) => toObjectJson(o, origin), {}, 100, (o) => isLive(o, now)));
  });

  app.get(wire.item, (c) => reply(c, find(c)));

  app.post(wire.item, async (c) => {
    const form = await readForm(c);
    const obj = find(c);
    const input = { data: kind === 'document' ? readData(form, false) : undefined, ttl: collectionTtl(kind, form) };
    if (input.data === undefined && input.ttl === undefined) throw noParams();
    if (kind === 'document') checkIfMatch(kind, c.req.header('if-match'), obj.revision);
    const { row, event } = updateObject(ctx, obj, input, REST_ACTOR);
    await commitAndEmit(ctx, [event]);
    return reply(c, row);
  });

  app.delete(wire.item, async (c) => {
    const obj = find(c);
    if (kind === 'document') checkIfMatch(kind, c.req.header('if-match'), obj.revision);
    await commitAndEmit(ctx, [removeObject(ctx, obj, REST_ACTOR)]);
    return c.body(null, 204);
  });
}
