import type { Faker } from '@faker-js/faker';
import type { Context } from '../../../../core/context.js';
import { HookyardError, invalidParam } from '../../../../core/errors.js';
import { newUuid } from '../../../../core/ids.js';
import type { HookyardEvent } from '../../../../events/event.js';
import { fakerFor } from '../../../../scenarios/fake.js';
import type { EmitInput } from '../../../provider.js';
import { createItem, findItem, liveItems, removeItem, updateItem } from '../items/ops.js';
import type { SyncObject, SyncObjectKind, SyncService } from '../model.js';
import { createObject, findObject, removeObject, updateObject } from '../objects/ops.js';
import { checkAccess } from '../permissions/routes.js';
import { requireSyncService } from '../services/routes.js';
import { connectEndpoint, disconnectEndpoint } from './reachability.js';
import { SYNC_EVENT_TYPES, type Actor } from './types.js';

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** Realistic data for a collaborative document, a list item or a map item. */
function fakeData(f: Faker, kind: SyncObjectKind | 'item'): Record<string, unknown> {
  if (kind === 'document') return { title: f.lorem.words(3), body: f.lorem.paragraph(), cursor: { line: f.number.int(40), column: f.number.int(80) }, editedBy: f.internet.username() };
  if (kind === 'map') return { status: f.helpers.arrayElement(['online', 'away', 'busy']), lastSeen: f.date.recent().toISOString() };
  return { text: f.lorem.sentence(), author: f.internet.username(), sentAt: f.date.recent().toISOString() };
}

/** The document/list/map the emit names (`sid`, or `uniqueName`), created first when `create` is true and it does not exist. */
function target(ctx: Context, service: SyncService, kind: SyncObjectKind, input: Record<string, unknown>, actor: Actor, f: Faker): SyncObject {
  const id = str(input['sid']) ?? str(input['uniqueName']);
  if (id === undefined && !input['create']) throw invalidParam('sid', `Name the ${kind} with sid or uniqueName, or pass create: true`);
  try {
    if (id !== undefined) return findObject(ctx, service.accountSid, service.sid, kind, id);
  } catch (err) {
    if (!(err instanceof HookyardError && err.kind === 'not_found' && input['create'] === true)) throw err;
  }
  return createObject(ctx, service, kind, { uniqueName: str(input['uniqueName']), data: kind === 'document' ? fakeData(f, 'document') : undefined }, actor).row;
}

/**
 * A Sync event as if a client SDK caused it: the change is made in the store (so payload and state agree)
 * by identity `identity` on endpoint `endpointId`, through the same operations as the REST API.
 */
export async function buildClientEvent(ctx: Context, accountSid: string, emit: EmitInput): Promise<HookyardEvent> {
  const type = emit.type;
  if (!(SYNC_EVENT_TYPES as readonly string[]).includes(type)) throw invalidParam('type', `Unknown Sync event type '${type}'; one of ${SYNC_EVENT_TYPES.join(', ')}`);
  const serviceSid = str(emit.input['serviceSid']);
  if (serviceSid === undefined) throw invalidParam('serviceSid', 'serviceSid is required: the Sync Service (IS…) the event happens in');
  const service = requireSyncService(ctx, accountSid, serviceSid);
  const f = await fakerFor(ctx);
  const identity = str(emit.input['identity']) ?? f.internet.username().toLowerCase();
  const endpointId = str(emit.input['endpointId']);
  if (type.startsWith('endpoint_')) {
    const event = type === 'endpoint_connected' ? connectEndpoint(ctx, service, identity, endpointId) : disconnectEndpoint(ctx, service, identity, endpointId);
    await ctx.store.commit();
    return event;
  }
  const actor: Actor = { identity, endpointId: endpointId ?? newUuid(ctx.random), fromRest: false };
  const kind = type.split('_')[0] as SyncObjectKind;
  const data = Object.keys(emit.data).length > 0 ? emit.data : undefined;
  const event = objectEvent(ctx, service, kind, type.slice(kind.length + 1), emit.input, data, actor, f);
  await ctx.store.commit();
  return event;
}

function objectEvent(ctx: Context, service: SyncService, kind: SyncObjectKind, action: string, input: Record<string, unknown>, data: Record<string, unknown> | undefined, actor: Actor, f: Faker): HookyardEvent {
  if (action === 'created') return createObject(ctx, service, kind, { uniqueName: str(input['uniqueName']), data: kind === 'document' ? (data ?? fakeData(f, 'document')) : undefined }, actor).event;
  const obj = target(ctx, service, kind, input, actor, f);
  checkAccess(ctx, service.aclEnabled, service.accountSid, obj.sid, actor.identity, action === 'removed' ? 'manage' : 'write');
  if (action === 'removed') return removeObject(ctx, obj, actor);
  if (action === 'updated') return updateObject(ctx, obj, { data: data ?? fakeData(f, 'document') }, actor).event!;
  const parent = obj as SyncObject & { kind: 'list' | 'map' };
  const itemData = data ?? fakeData(f, kind === 'map' ? 'map' : 'item');
  const id = kind === 'list' ? (input['index'] === undefined ? undefined : String(input['index'])) : str(input['key']);
  if (action === 'item_added') return createItem(ctx, parent, { key: kind === 'map' ? (id ?? f.internet.username().toLowerCase()) : undefined, data: itemData }, actor).event;
  const newest = () => liveItems(ctx, parent).at(-1) ?? (input['create'] === true ? createItem(ctx, parent, { key: kind === 'map' ? 'hookyard' : undefined, data: fakeData(f, kind === 'map' ? 'map' : 'item') }, actor).row : undefined);
  const item = id !== undefined ? findItem(ctx, parent, id) : newest();
  if (!item) throw invalidParam(kind === 'list' ? 'index' : 'key', `The ${kind} ${parent.sid} has no items to ${action === 'item_updated' ? 'update' : 'remove'}`);
  return action === 'item_updated' ? updateItem(ctx, parent, item, { data: itemData }, actor).event : removeItem(ctx, parent, item, actor);
}
