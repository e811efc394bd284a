import type { Context as HonoContext, Hono } from 'hono';
import type { Context } from '../../../../core/context.js';
import { HookyardError } from '../../../../core/errors.js';
import { paginateSorted, type PageRequest } from '../../../../core/pagination.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toCutPageJson } from '../../common/page.js';
import { int, oneOf, str, toForm, type Form } from '../../common/params.js';
import { commitAndEmit } from '../events/emit.js';
import { REST_ACTOR } from '../events/types.js';
import type { SyncItem, SyncObject } from '../model.js';
import { checkIfMatch, findObject, isLive, readData, readTtl } from '../objects/ops.js';
import { SYNC_PATHS } from '../paths.js';
import { requireSyncService } from '../services/routes.js';
import { createItem, findItem, itemsInOrder, removeItem, updateItem, type ItemInput } from './ops.js';

type Kind = 'list' | 'map';
type Parent = SyncObject & { kind: Kind };

const WIRE = {
  list: { path: 'Lists', parentParam: 'ListSid', idParam: 'Index', collection: SYNC_PATHS.listItems, item: SYNC_PATHS.listItem },
  map: { path: 'Maps', parentParam: 'MapSid', idParam: 'Key', collection: SYNC_PATHS.mapItems, item: SYNC_PATHS.mapItem },
} as const;

/** Model → `sync_list_item` / `sync_map_item` JSON (two literals: a spread or a computed key per item made pages slow). */
export function toItemJson(kind: Kind, i: SyncItem, origin: string) {
  const base = `${origin}/v1/Services/${i.serviceSid}/${WIRE[kind].path}/${i.parentSid}/Items/`;
  const tail = { revision: String(i.revision), data: i.data, date_expires: i.dateExpires, date_created: i.dateCreated, date_updated: i.dateUpdated, created_by: i.createdBy };
  return kind === 'list'
    ? { index: i.index, account_sid: i.accountSid, service_sid: i.serviceSid, list_sid: i.parentSid, url: base + String(i.index), ...tail }
    : { key: i.key, account_sid: i.accountSid, service_sid: i.serviceSid, map_sid: i.parentSid, url: base + encodeURIComponent(i.key!), ...tail };
}

/** `ItemTtl` (with `Ttl` as its older alias) and `CollectionTtl`. */
const ttls = (form: Form) => ({ ttl: readTtl(form, 'ItemTtl') ?? readTtl(form, 'Ttl'), collectionTtl: readTtl(form, 'CollectionTtl') });

/**
 * One page of a list's items (stored in index order) or a map's (kept in key order by `MAP_ITEMS_BY_KEY`),
 * read by `Order` (asc|desc) from `From` (an index or key) with `Bounds` (inclusive|exclusive), skipping
 * expired items: the page's size and a binary search, whatever the number of items.
 */
function cutItems(ctx: Context, parent: Parent, q: Form) {
  const order = oneOf(q, 'Order', ['asc', 'desc'] as const) ?? 'asc';
  const bounds = oneOf(q, 'Bounds', ['inclusive', 'exclusive'] as const) ?? 'inclusive';
  const from = str(q, 'From');
  // A list's From is an index; a map's, a key.
  const fromKey = parent.kind === 'list' ? int(q, 'From', { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }) : from;
  const now = ctx.clock.now();
  const options = {
    keyOf: parent.kind === 'list' ? (i: SyncItem) => i.index! : (i: SyncItem) => i.key!,
    desc: order === 'desc',
    from: fromKey === undefined ? undefined : { key: fromKey, inclusive: bounds === 'inclusive' },
    where: (i: SyncItem) => isLive(i, now),
  };
  const rows = itemsInOrder(ctx, parent);
  return { cut: (req: PageRequest) => paginateSorted(rows, req, options), filters: { From: from, Bounds: from === undefined ? undefined : bounds, Order: order } };
}

/**
 * List Items (by index, auto-increasing) and Map Items (by key, lexicographic): create, list, fetch, update
 * and delete, with `If-Match` on update and delete, and each change an item event with an increasing `EventId`.
 * @see https://www.twilio.com/docs/sync/api/listitem-resource
 */
export function routeSyncItems(app: Hono<TwilioEnv>, ctx: Context, kind: Kind): void {
  const wire = WIRE[kind];
  const parentOf = (c: HonoContext<TwilioEnv>): Parent => {
    const service = requireSyncService(ctx, c.get('accountSid'), c.req.param('ServiceSid')!);
    return findObject(ctx, c.get('accountSid'), service.sid, kind, c.req.param(wire.parentParam)!) as Parent;
  };
  const reply = (c: HonoContext<TwilioEnv>, i: SyncItem, status: 200 | 201 = 200) => {
    c.header('ETag', String(i.revision));
    return c.json(toItemJson(kind, i, publicOrigin(c)), status);
  };

  app.post(wire.collection, async (c) => {
    const form = await readForm(c);
    const parent = parentOf(c);
    const input: ItemInput = { key: kind === 'map' ? str(form, 'Key', { required: true }) : undefined, data: readData(form, true), ...ttls(form) };
    const { row, event } = createItem(ctx, parent, input, REST_ACTOR);
    await commitAndEmit(ctx, [event]);
    return reply(c, row, 201);
  });

  app.get(wire.collection, (c) => {
    const parent = parentOf(c);
    const origin = publicOrigin(c);
    const { cut, filters } = cutItems(ctx, parent, toForm(new URL(c.req.url).search.slice(1)));
    return c.json(toCutPageJson(c, 'items', cut, (i) => toItemJson(kind, i, origin), filters, 100));
  });

  app.get(wire.item, (c) => reply(c, findItem(ctx, parentOf(c), c.req.param(wire.idParam)!)));

  app.post(wire.item, async (c) => {
    const form = await readForm(c);
    const parent = parentOf(c);
    const item = findItem(ctx, parent, c.req.param(wire.idParam)!);
    const input: ItemInput = { data: readData(form, false), ...ttls(form) };
    if (input.data === undefined && input.ttl === undefined) {
      throw new HookyardError('invalid_param', 'No parameters were specified to update (CollectionTtl needs Data or ItemTtl with it)', { code: 54010 });
    }
    checkIfMatch(kind, c.req.header('if-match'), item.revision);
    const { row, event } = updateItem(ctx, parent, item, input, REST_ACTOR);
    await commitAndEmit(ctx, [event]);
    return reply(c, row);
  });

  app.delete(wire.item, async (c) => {
    const parent = parentOf(c);
    const item = findItem(ctx, parent, c.req.param(wire.idParam)!);
    checkIfMatch(kind, c.req.header('if-match'), item.revision);
    await commitAndEmit(ctx, [removeItem(ctx, parent, item, REST_ACTOR)]);
    return c.body(null, 204);
  });
}
