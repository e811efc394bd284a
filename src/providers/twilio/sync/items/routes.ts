import type { Context as HonoContext, Hono } from 'hono';
import type { Context } from '../../../../core/context.js';
import { HookyardError } from '../../../../core/errors.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { oneOf, str, toForm, type Form } from '../../common/params.js';
import { commitAndEmit } from '../events/emit.js';
import { REST_ACTOR } from '../events/types.js';
import { ITEMS_BY_PARENT, type SyncItem, type SyncObject } from '../model.js';
import { checkIfMatch, findObject, isLive, readData, readTtl, syncItems } from '../objects/ops.js';
import { SYNC_PATHS } from '../paths.js';
import { requireSyncService } from '../services/routes.js';
import { createItem, findItem, liveItems, removeItem, updateItem, type ItemInput } from './ops.js';

type Kind = 'list' | 'map';
type Parent = SyncObject & { kind: Kind };

const WIRE = {
  list: { path: 'Lists', parentParam: 'ListSid', idParam: 'Index', collection: SYNC_PATHS.listItems, item: SYNC_PATHS.listItem },
  map: { path: 'Maps', parentParam: 'MapSid', idParam: 'Key', collection: SYNC_PATHS.mapItems, item: SYNC_PATHS.mapItem },
} as const;

/** Model → `sync_list_item` / `sync_map_item` JSON. */
export function toItemJson(kind: Kind, i: SyncItem, origin: string) {
  const id = kind === 'list' ? String(i.index) : encodeURIComponent(i.key!);
  return {
    ...(kind === 'list' ? { index: i.index } : { key: i.key }),
    account_sid: i.accountSid,
    service_sid: i.serviceSid,
    [`${kind}_sid`]: i.parentSid,
    url: `${origin}/v1/Services/${i.serviceSid}/${WIRE[kind].path}/${i.parentSid}/Items/${id}`,
    revision: String(i.revision),
    data: i.data,
    date_expires: i.dateExpires,
    date_created: i.dateCreated,
    date_updated: i.dateUpdated,
    created_by: i.createdBy,
  };
}

/** `ItemTtl` (with `Ttl` as its older alias) and `CollectionTtl`. */
const ttls = (form: Form) => ({ ttl: readTtl(form, 'ItemTtl') ?? readTtl(form, 'Ttl'), collectionTtl: readTtl(form, 'CollectionTtl') });

/** `Order` (asc|desc), `From` (an index or key to start at) and `Bounds` (inclusive|exclusive). */
function window(kind: Kind, items: SyncItem[], q: Form) {
  const order = oneOf(q, 'Order', ['asc', 'desc'] as const) ?? 'asc';
  const bounds = oneOf(q, 'Bounds', ['inclusive', 'exclusive'] as const) ?? 'inclusive';
  const from = str(q, 'From');
  const sorted = order === 'asc' ? items : [...items].reverse();
  const pos = (i: SyncItem): number | string => (kind === 'list' ? i.index! : i.key!);
  const start: number | string | undefined = from === undefined ? undefined : kind === 'list' ? Number(from) : from;
  const keep = (i: SyncItem) => start === undefined || (order === 'asc' ? pos(i) > start : pos(i) < start) || (bounds === 'inclusive' && pos(i) === start);
  return { rows: sorted.filter(keep).map((i, n) => ({ ...i, _seq: n + 1 })), filters: { From: from, Bounds: from === undefined ? undefined : bounds, Order: order } };
}

/** `From` / `Bounds` over a list in ascending order, as a filter of the stored items (`window`'s rules). */
function listWindow(q: Form, now: Date) {
  const bounds = oneOf(q, 'Bounds', ['inclusive', 'exclusive'] as const) ?? 'inclusive';
  const from = str(q, 'From');
  const start = from === undefined ? undefined : Number(from);
  const keep = (i: SyncItem) => isLive(i, now) && (start === undefined || i.index! > start || (bounds === 'inclusive' && i.index === start));
  return { keep, filters: { From: from, Bounds: from === undefined ? undefined : bounds, Order: 'asc' } };
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
    const q = toForm(new URL(c.req.url).search.slice(1));
    const origin = publicOrigin(c);
    const asc = (oneOf(q, 'Order', ['asc', 'desc'] as const) ?? 'asc') === 'asc';
    if (kind === 'list' && asc) {
      // A list's items are stored in index order: page them where they are, skipping expired ones.
      const { keep, filters } = listWindow(q, ctx.clock.now());
      return c.json(toPageJson(c, 'items', syncItems(ctx).by(parent.accountSid, ITEMS_BY_PARENT, parent.sid), (i) => toItemJson(kind, i, origin), filters, 100, keep));
    }
    const { rows, filters } = window(kind, liveItems(ctx, parent), q);
    return c.json(toPageJson(c, 'items', rows, (i) => toItemJson(kind, i, origin), filters, 100));
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
