import type { Context } from '../../../../core/context.js';
import type { HookyardEvent } from '../../../../events/event.js';
import type { SyncItem, SyncObject } from '../model.js';

/** The Sync webhook events the current docs page documents (15; the "seventeen" counts two more that the seed does not list). */
export const SYNC_EVENT_TYPES = [
  'document_created',
  'document_updated',
  'document_removed',
  'list_created',
  'list_removed',
  'list_item_added',
  'list_item_updated',
  'list_item_removed',
  'map_created',
  'map_removed',
  'map_item_added',
  'map_item_updated',
  'map_item_removed',
  'endpoint_connected',
  'endpoint_disconnected',
] as const;

export type SyncEventType = (typeof SYNC_EVENT_TYPES)[number];

/** Who caused a change: the REST API (`system`, no endpoint) or a client SDK identity on an endpoint. */
export interface Actor {
  identity: string;
  endpointId?: string;
  fromRest: boolean;
}

export const REST_ACTOR: Actor = { identity: 'system', fromRest: true };

/** What a Sync event carries in `HookyardEvent.data` (camelCase; the wire names live in params.ts). */
export interface SyncEventData {
  serviceSid: string;
  actor: Actor;
  /** Absent on reachability events, as the docs say. */
  dateCreated?: string;
  object?: Pick<SyncObject, 'kind' | 'sid' | 'uniqueName' | 'revision' | 'data'>;
  item?: Pick<SyncItem, 'index' | 'key' | 'revision' | 'data'>;
  eventId?: number;
  isIdentityOnline?: boolean;
  /** A debounced `endpoint_disconnected` waits until then; its timer emits it. */
  deferredUntil?: string;
  /** Why this event is not sent at all (a reconnect inside the debouncing window). */
  suppressed?: string;
}

export const syncData = (event: HookyardEvent) => event.data as unknown as SyncEventData;

export function syncEvent(ctx: Context, accountSid: string, type: SyncEventType, data: SyncEventData): HookyardEvent {
  const now = ctx.clock.now();
  return { id: ctx.newEventId(), provider: 'twilio.sync', type, scope: accountSid, occurredAt: now.toISOString(), data: { ...data } };
}
