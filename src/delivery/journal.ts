import { createBoundedLog } from '../core/bounded-log.js';
import { urlUnder } from '../core/url.js';
import type { DeliveryTarget, OutboundRequest } from './request.js';

export type Outcome = 'pending' | 'delivered' | 'http_error' | 'timeout' | 'network_error' | 'not_delivered';

export interface Attempt {
  n: number;
  startedAt: string;
  durationMs: number;
  request: OutboundRequest;
  response?: { status: number; headers: Record<string, string>; body: string };
  outcome: Exclude<Outcome, 'pending'>;
  error?: string;
  /** The code the provider's debugger would show for this failure (`91305`, `11200` …). */
  errorCode?: number;
}

export interface DeliveryRecord {
  id: string;
  /** The first (usually only) event this delivery carries; `eventIds` lists all of a batch. */
  eventId: string;
  eventIds: string[];
  provider: string;
  eventType: string;
  eventTypes: string[];
  scope: string;
  target: DeliveryTarget;
  /** What is (or would have been) sent; visible while the first attempt is still in flight. */
  request: OutboundRequest;
  createdAt: string;
  /** The last attempt's outcome (`pending` before the first). */
  outcome: Outcome;
  /** The retry profile in force: `eventstreams`, `twilio`, `sinch` or `none`. */
  retryProfile: string;
  /** Whose error codes failed attempts carry (`eventstreams`, `twilio`); none when absent. */
  errorCodes?: string;
  timeoutMs: number;
  connectTimeoutMs?: number;
  /** Set on a replay: the delivery it repeats. */
  replayOf?: string;
  /** Set on a replay whose body was edited (and signed anew). */
  edited?: true;
  /** Set on a chaos duplicate: the delivery it doubles. */
  duplicateOf?: string;
  /** When the next retry is due; null when no more attempts will be made. */
  nextAttemptAt: string | null;
  attempts: Attempt[];
}

/** Filter keys, the same in JS, HTTP (`?type=`) and the CLI (`--type`); `parseDeliveryFilter` checks them. */
export interface DeliveryFilter {
  provider?: string | undefined;
  /** The provider's event type (`factor.created`); `eventType` is taken as an alias. */
  type?: string | undefined;
  outcome?: string | undefined;
  /** A target URL, a URL prefix or origin (`http://127.0.0.1:3000`), or a webhook/sink id; `to` is an alias. */
  target?: string | undefined;
  eventId?: string | undefined;
  /** ISO times: deliveries created at or after `since`, before `until`. */
  since?: string | undefined;
  until?: string | undefined;
  /** Text anywhere in the ids, types, target or body sent (case-insensitive): the inspector's search box. */
  q?: string | undefined;
}

export interface Journal {
  add(record: DeliveryRecord): void;
  /** Tells subscribers a record changed (an attempt finished). */
  touch(record: DeliveryRecord): void;
  /** Called with every record added or changed; returns the unsubscribe function. */
  subscribe(fn: (record: DeliveryRecord) => void): () => void;
  list(filter?: DeliveryFilter): DeliveryRecord[];
  /**
   * One page, newest first: at most `limit` matching records older than the record `before` names (the
   * previous page's `next`); `next` is null on the last page.
   */
  page(filter: DeliveryFilter, options: { limit: number; before?: string | undefined }): { deliveries: DeliveryRecord[]; next: string | null };
  get(id: string): DeliveryRecord | undefined;
  readonly evicted: number;
  clear(): void;
}

/** The bounded record of every delivery and attempt; the oldest records are evicted first (a ring: O(1) writes). */
export function createJournal(limit = 10_000): Journal {
  const log = createBoundedLog<DeliveryRecord>(limit);
  return {
    add: log.add,
    touch: log.touch,
    subscribe: log.subscribe,
    list: (filter) => log.list(filter === undefined ? undefined : deliveryMatches(filter)),
    page(filter, options) {
      const { items, next } = log.page(deliveryMatches(filter), options);
      return { deliveries: items, next };
    },
    get: log.get,
    get evicted() {
      return log.evicted;
    },
    clear: log.clear,
  };
}

/** Whether a record passes a filter: the journal's, and the live stream's for each change. */
export const deliveryMatches = (f: DeliveryFilter) => (r: DeliveryRecord): boolean =>
  (f.provider === undefined || r.provider === f.provider) &&
  (f.type === undefined || r.eventTypes.includes(f.type)) &&
  (f.outcome === undefined || r.outcome === f.outcome) &&
  (f.eventId === undefined || r.eventIds.includes(f.eventId)) &&
  (f.target === undefined || r.target.url === f.target || r.target.id === f.target || urlUnder(r.target.url, f.target)) &&
  // As times, not strings: `…00.000Z` sorts before `…00Z` as text.
  (f.since === undefined || Date.parse(r.createdAt) >= Date.parse(f.since)) &&
  (f.until === undefined || Date.parse(r.createdAt) < Date.parse(f.until)) &&
  (f.q === undefined || searchable(r).includes(f.q.toLowerCase()));

/** What the search box looks through: ids, types, the target and the body sent. */
const searchable = (r: DeliveryRecord) => [r.id, ...r.eventIds, ...r.eventTypes, r.target.id, r.target.url, r.request.body].join('\n').toLowerCase();
