import { defineIndex, type Row } from '../../../core/collection.js';

export interface SyncService extends Row {
  accountSid: string;
  friendlyName: string | null;
  webhookUrl: string | null;
  webhooksFromRestEnabled: boolean;
  reachabilityWebhooksEnabled: boolean;
  aclEnabled: boolean;
  reachabilityDebouncingEnabled: boolean;
  /** Milliseconds, 1000..30000. */
  reachabilityDebouncingWindow: number;
  dateCreated: string;
  dateUpdated: string;
}

export type SyncObjectKind = 'document' | 'list' | 'map';

/** A Document, List or Map: addressed by SID or unique name, with a revision and an optional expiry. */
export interface SyncObject extends Row {
  kind: SyncObjectKind;
  accountSid: string;
  serviceSid: string;
  uniqueName: string | null;
  revision: number;
  /** Documents only. */
  data?: Record<string, unknown>;
  dateExpires: string | null;
  dateCreated: string;
  dateUpdated: string;
  createdBy: string;
  /** Lists and maps: the last item-event sequence number (`EventId`) and, for lists, the last index used. */
  eventSeq: number;
  lastIndex: number;
}

/** A list item (keyed by index) or map item (keyed by key); `sid` is `<parent sid>/<index or key>`. */
export interface SyncItem extends Row {
  parentSid: string;
  accountSid: string;
  serviceSid: string;
  index: number | null;
  key: string | null;
  revision: number;
  data: Record<string, unknown>;
  dateExpires: string | null;
  dateCreated: string;
  dateUpdated: string;
  createdBy: string;
}

/** A connected client endpoint and the identity it speaks for. */
export interface SyncEndpoint extends Row {
  serviceSid: string;
  identity: string;
}

/** Per-identity reachability state: the last `EventId` sent. `sid` is `<service sid>/<identity>`. */
export interface SyncIdentity extends Row {
  serviceSid: string;
  identity: string;
  eventSeq: number;
}

/** A Stream: a pub/sub channel whose messages are ephemeral (only the stream itself is stored). */
export interface SyncStream extends Row {
  accountSid: string;
  serviceSid: string;
  uniqueName: string | null;
  dateExpires: string | null;
  dateCreated: string;
  dateUpdated: string;
  createdBy: string;
}

/** What one identity may do with one Document, List or Map (`sid` is `<object sid>/<identity>`). */
export interface SyncPermission extends Row {
  accountSid: string;
  serviceSid: string;
  objectSid: string;
  kind: SyncObjectKind;
  identity: string;
  read: boolean;
  write: boolean;
  manage: boolean;
}

export const SYNC_TABLES = {
  services: 'sync.services',
  objects: 'sync.objects',
  items: 'sync.items',
  endpoints: 'sync.endpoints',
  identities: 'sync.identities',
  streams: 'sync.streams',
  permissions: 'sync.permissions',
} as const;

/** A service's documents, lists or maps (key: `<service sid> <kind>`). */
export const OBJECTS_BY_KIND = defineIndex<SyncObject>('service+kind', (o) => `${o.serviceSid} ${o.kind}`);
/** Objects by unique name (key: `<service sid> <kind> <unique name>`); unnamed ones are not in it. */
export const OBJECTS_BY_NAME = defineIndex<SyncObject>('service+kind+name', (o) => (o.uniqueName === null ? undefined : `${o.serviceSid} ${o.kind} ${o.uniqueName}`));
/** A list's or map's items. */
export const ITEMS_BY_PARENT = defineIndex<SyncItem>('parentSid', (i) => i.parentSid);
/** A map's items in key order (lexicographic, as Sync Map pages read); a key never changes once set. */
export const MAP_ITEMS_BY_KEY = defineIndex<SyncItem>('map by key', (i) => (i.key === null ? undefined : i.parentSid), (a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0));
/** An object's permissions. */
export const PERMISSIONS_BY_OBJECT = defineIndex<SyncPermission>('objectSid', (p) => p.objectSid);
/** A service's streams. */
export const STREAMS_BY_SERVICE = defineIndex<SyncStream>('serviceSid', (s) => s.serviceSid);
/** Streams by unique name (key: `<service sid> <unique name>`). */
export const STREAMS_BY_NAME = defineIndex<SyncStream>('service+name', (s) => (s.uniqueName === null ? undefined : `${s.serviceSid} ${s.uniqueName}`));
/** Connected endpoints of one identity (key: `<service sid> <identity>`). */
export const ENDPOINTS_BY_IDENTITY = defineIndex<SyncEndpoint>('service+identity', (e) => `${e.serviceSid} ${e.identity}`);
