import { toIsoSeconds } from '../../../../core/clock.js';
import type { Context } from '../../../../core/context.js';
import { invalidParam } from '../../../../core/errors.js';
import { itemNotFound, mapKeyTaken } from '../errors.js';
import { syncEvent, type Actor } from '../events/types.js';
import { ITEMS_BY_PARENT, MAP_ITEMS_BY_KEY, type SyncItem, type SyncObject } from '../model.js';
import { expiry, isLive, syncItems, syncObjects } from '../objects/ops.js';

type Parent = SyncObject & { kind: 'list' | 'map' };

export interface ItemInput {
  key?: string | undefined;
  data?: Record<string, unknown> | undefined;
  /** `ItemTtl` (or its alias `Ttl`) for the item, `CollectionTtl` for the list or map. */
  ttl?: number | undefined;
  collectionTtl?: number | undefined;
}

const itemSid = (parent: SyncObject, id: string | number) => `${parent.sid}/${id}`;

/**
 * Every item of a list (by index) or map (by key), expired ones too, from the index that keeps that order: a
 * list's items are added with rising indexes, so its insertion order is index order. Read-only.
 */
export const itemsInOrder = (ctx: Context, parent: Parent): readonly SyncItem[] => syncItems(ctx).by(parent.accountSid, parent.kind === 'list' ? ITEMS_BY_PARENT : MAP_ITEMS_BY_KEY, parent.sid);

/** The live items of a list (by index) or map (by key, lexicographic), purging expired ones. */
export function liveItems(ctx: Context, parent: Parent): SyncItem[] {
  const now = ctx.clock.now();
  const items = syncItems(ctx);
  const all = itemsInOrder(ctx, parent);
  const live = all.filter((i) => isLive(i, now));
  if (live.length < all.length) for (const dead of all.filter((i) => !isLive(i, now))) items.remove(parent.accountSid, dead.sid);
  return live;
}

export function findItem(ctx: Context, parent: Parent, id: string): SyncItem {
  const item = syncItems(ctx).get(parent.accountSid, itemSid(parent, id));
  if (!item || !isLive(item, ctx.clock.now())) {
    if (item) syncItems(ctx).remove(parent.accountSid, item.sid);
    throw itemNotFound(parent.kind, id);
  }
  return item;
}

/** Each item change bumps the list/map's revision and its `EventId` sequence; `CollectionTtl` resets its expiry. */
function touchParent(ctx: Context, parent: Parent, collectionTtl: number | undefined): Parent {
  const now = ctx.clock.now();
  return syncObjects(ctx).replace(parent.accountSid, {
    ...parent,
    revision: parent.revision + 1,
    eventSeq: parent.eventSeq + 1,
    dateExpires: expiry(now, collectionTtl, parent.dateExpires),
    dateUpdated: toIsoSeconds(now),
  }) as Parent;
}

function itemEvent(ctx: Context, type: 'added' | 'updated' | 'removed', parent: Parent, item: SyncItem, actor: Actor) {
  const p = { kind: parent.kind, sid: parent.sid, uniqueName: parent.uniqueName, revision: parent.revision };
  return syncEvent(ctx, parent.accountSid, `${parent.kind}_item_${type}`, {
    serviceSid: parent.serviceSid,
    actor,
    dateCreated: toIsoSeconds(ctx.clock.now()),
    object: p,
    item: { index: item.index, key: item.key, revision: item.revision, data: item.data },
    eventId: parent.eventSeq,
  });
}

export function createItem(ctx: Context, parent: Parent, input: ItemInput, actor: Actor) {
  const now = ctx.clock.now();
  let index: number | null = null;
  if (parent.kind === 'map') {
    if (input.key === undefined || input.key === '') throw invalidParam('Key', 'Missing required parameter Key in the post body');
    if (input.key.length > 320) throw invalidParam('Key', 'Invalid parameter Key: must be at most 320 characters');
    const same = syncItems(ctx).get(parent.accountSid, itemSid(parent, input.key));
    if (same && isLive(same, now)) throw mapKeyTaken(input.key);
    if (same) syncItems(ctx).remove(parent.accountSid, same.sid);
  } else {
    index = parent.lastIndex + 1;
  }
  const touched = touchParent(ctx, { ...parent, lastIndex: index ?? parent.lastIndex }, input.collectionTtl);
  const row = syncItems(ctx).insert(parent.accountSid, {
    sid: itemSid(parent, index ?? input.key!),
    parentSid: parent.sid,
    accountSid: parent.accountSid,
    serviceSid: parent.serviceSid,
    index,
    key: parent.kind === 'map' ? input.key! : null,
    revision: 0,
    data: input.data ?? {},
    dateExpires: expiry(now, input.ttl, null),
    dateCreated: toIsoSeconds(now),
    dateUpdated: toIsoSeconds(now),
    createdBy: actor.identity,
  });
  return { row, event: itemEvent(ctx, 'added', touched, row, actor) };
}

export function updateItem(ctx: Context, parent: Parent, item: SyncItem, input: ItemInput, actor: Actor) {
  const now = ctx.clock.now();
  const touched = touchParent(ctx, parent, input.collectionTtl);
  const row = syncItems(ctx).replace(parent.accountSid, {
    ...item,
    revision: item.revision + 1,
    ...(input.data !== undefined ? { data: input.data } : {}),
    dateExpires: expiry(now, input.ttl, item.dateExpires),
    dateUpdated: toIsoSeconds(now),
  });
  return { row, event: itemEvent(ctx, 'updated', touched, row, actor) };
}

export function removeItem(ctx: Context, parent: Parent, item: SyncItem, actor: Actor) {
  const touched = touchParent(ctx, parent, undefined);
  syncItems(ctx).remove(parent.accountSid, item.sid);
  return itemEvent(ctx, 'removed', touched, item, actor);
}
