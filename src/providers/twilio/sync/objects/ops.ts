import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { invalidParam } from '../../../../core/errors.js';
import { isSid, newSid } from '../../../../core/ids.js';
import type { HookyardEvent } from '../../../../events/event.js';
import { int, type Form } from '../../common/params.js';
import { objectNotFound, revisionMismatch, uniqueNameTaken } from '../errors.js';
import { syncEvent, type Actor } from '../events/types.js';
import { ITEMS_BY_PARENT, OBJECTS_BY_NAME, PERMISSIONS_BY_OBJECT, SYNC_TABLES, type SyncItem, type SyncObject, type SyncObjectKind, type SyncPermission, type SyncService } from '../model.js';

const SID_KIND = { document: 'syncDocument', list: 'syncList', map: 'syncMap' } as const;
const MAX_DATA_BYTES = 16 * 1024;

export const syncObjects = (ctx: Context) => createCollection<SyncObject>(ctx.store, SYNC_TABLES.objects);
export const syncItems = (ctx: Context) => createCollection<SyncItem>(ctx.store, SYNC_TABLES.items);

/** Not expired at `now` (on the injected clock). Expired rows are purged when next touched. */
export const isLive = (row: { dateExpires: string | null }, now: Date) => row.dateExpires === null || Date.parse(row.dateExpires) > now.getTime();

/** `Ttl` in seconds: 0 (never) to one year. */
export const readTtl = (form: Form, name: string) => int(form, name, { min: 0, max: 31_536_000 });

export const expiry = (now: Date, ttl: number | undefined, current: string | null): string | null =>
  ttl === undefined ? current : ttl === 0 ? null : toIsoSeconds(new Date(now.getTime() + ttl * 1000));

/** `Data`: a JSON object, at most 16 KiB (a stream message: 4 KiB, too large is 54006). */
export function readData(form: Form, required: boolean, maxBytes = MAX_DATA_BYTES, tooLargeCode?: number): Record<string, unknown> | undefined {
  const text = form.get('Data')?.at(-1);
  if (text === undefined) {
    if (required) throw invalidParam('Data', 'Missing required parameter Data in the post body');
    return undefined;
  }
  if (Buffer.byteLength(text) > maxBytes) throw invalidParam('Data', `Invalid parameter Data: at most ${maxBytes} bytes of JSON`, tooLargeCode);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalidParam('Data', 'Invalid parameter Data: not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalidParam('Data', 'Invalid parameter Data: must be a JSON object');
  return data as Record<string, unknown>;
}

/** `If-Match`, when sent, must name the current revision. */
export function checkIfMatch(kind: SyncObjectKind, ifMatch: string | undefined, revision: number): void {
  if (ifMatch !== undefined && ifMatch !== '*' && ifMatch.replace(/^W\//, '').replace(/"/g, '') !== String(revision)) throw revisionMismatch(kind, ifMatch, revision);
}

/** A live Document/List/Map of the service, by SID or unique name; an expired one is purged and not found. */
export function findObject(ctx: Context, accountSid: string, serviceSid: string, kind: SyncObjectKind, id: string): SyncObject {
  const objects = syncObjects(ctx);
  const row = isSid(id, SID_KIND[kind])
    ? objects.get(accountSid, id)
    : objects.by(accountSid, OBJECTS_BY_NAME, `${serviceSid} ${kind} ${id}`)[0];
  if (!row || row.kind !== kind || row.serviceSid !== serviceSid) throw objectNotFound(kind, id);
  if (!isLive(row, ctx.clock.now())) {
    removeObjectRows(ctx, row);
    throw objectNotFound(kind, id);
  }
  return row;
}

const snapshot = (o: SyncObject) => ({ kind: o.kind, sid: o.sid, uniqueName: o.uniqueName, revision: o.revision, ...(o.kind === 'document' ? { data: o.data } : {}) });

export function createObject(ctx: Context, service: SyncService, kind: SyncObjectKind, input: { uniqueName?: string | undefined; data?: Record<string, unknown> | undefined; ttl?: number | undefined }, actor: Actor) {
  const objects = syncObjects(ctx);
  const now = ctx.clock.now();
  if (input.uniqueName !== undefined) {
    if (isSid(input.uniqueName, SID_KIND[kind])) throw invalidParam('UniqueName', 'Invalid parameter UniqueName: must not look like a SID');
    const taken = [...objects.by(service.accountSid, OBJECTS_BY_NAME, `${service.sid} ${kind} ${input.uniqueName}`)];
    if (taken.some((o) => isLive(o, now))) throw uniqueNameTaken(input.uniqueName);
    for (const stale of taken) removeObjectRows(ctx, stale);
  }
  const row = objects.insert(service.accountSid, {
    sid: newSid(ctx.random, SID_KIND[kind]),
    kind,
    accountSid: service.accountSid,
    serviceSid: service.sid,
    uniqueName: input.uniqueName ?? null,
    revision: 0,
    ...(kind === 'document' ? { data: input.data ?? {} } : {}),
    dateExpires: expiry(now, input.ttl, null),
    dateCreated: toIsoSeconds(now),
    dateUpdated: toIsoSeconds(now),
    createdBy: actor.identity,
    eventSeq: 0,
    lastIndex: -1,
  });
  const event = syncEvent(ctx, service.accountSid, `${kind}_created`, { serviceSid: service.sid, actor, dateCreated: toIsoSeconds(now), object: snapshot(row) });
  return { row, event };
}

/** Updates data and/or TTL; only a document's update is an event (`document_updated`). */
export function updateObject(ctx: Context, obj: SyncObject, input: { data?: Record<string, unknown> | undefined; ttl?: number | undefined }, actor: Actor) {
  const now = ctx.clock.now();
  const row = syncObjects(ctx).replace(obj.accountSid, {
    ...obj,
    revision: obj.revision + 1,
    ...(input.data !== undefined ? { data: input.data } : {}),
    dateExpires: expiry(now, input.ttl, obj.dateExpires),
    dateUpdated: toIsoSeconds(now),
  });
  const event: HookyardEvent | undefined =
    obj.kind === 'document' ? syncEvent(ctx, obj.accountSid, 'document_updated', { serviceSid: obj.serviceSid, actor, dateCreated: toIsoSeconds(now), object: snapshot(row) }) : undefined;
  return { row, event };
}

/** Removes the row and, for lists and maps, their items. */
function removeObjectRows(ctx: Context, obj: SyncObject): void {
  syncObjects(ctx).remove(obj.accountSid, obj.sid);
  createCollection<SyncPermission>(ctx.store, SYNC_TABLES.permissions).removeBy(obj.accountSid, PERMISSIONS_BY_OBJECT, obj.sid);
  if (obj.kind !== 'document') syncItems(ctx).removeBy(obj.accountSid, ITEMS_BY_PARENT, obj.sid);
}

export function removeObject(ctx: Context, obj: SyncObject, actor: Actor): HookyardEvent {
  removeObjectRows(ctx, obj);
  const now = toIsoSeconds(ctx.clock.now());
  return syncEvent(ctx, obj.accountSid, `${obj.kind}_removed`, { serviceSid: obj.serviceSid, actor, dateCreated: now, object: snapshot(obj) });
}
