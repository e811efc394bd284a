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

/** The bounded record of every delivery and attempt; the oldest records are evicted first. */
export function createJournal(limit = 10_000): Journal {
  const records = new Map<string, DeliveryRecord>();
  const subscribers = new Set<(record: DeliveryRecord) => void>();
  let evicted = 0;
  const matches = (r: DeliveryRecord, f: DeliveryFilter) =>
    (f.provider === undefined || r.provider === f.provider) &&
    (f.type === undefined || r.eventTypes.includes(f.type)) &&
    (f.outcome === undefined || r.outcome === f.outcome) &&
    (f.eventId === undefined || r.eventIds.includes(f.eventId)) &&
    (f.target === undefined || r.target.url === f.target || r.target.id === f.target || urlUnder(r.target.url, f.target)) &&
    // As times, not strings: `…00.000Z` sorts before `…00Z` as text.
    (f.since === undefined || Date.parse(r.createdAt) >= Date.parse(f.since)) &&
    (f.until === undefined || Date.parse(r.createdAt) < Date.parse(f.until));
  return {
    add(record) {
      records.set(record.id, record);
      while (records.size > limit) {
        records.delete(records.keys().next().value!);
        evicted++;
      }
      for (const fn of subscribers) fn(record);
    },
    touch(record) {
      for (const fn of subscribers) fn(record);
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => void subscribers.delete(fn);
    },
    list: (filter = {}) => [...records.values()].filter((r) => matches(r, filter)),
    page(filter, { limit, before }) {
      const all = [...records.values()];
      let i = all.length - 1;
      if (before !== undefined) {
        const at = all.findIndex((r) => r.id === before);
        // A cursor evicted meanwhile: continue from the oldest record still kept (nothing is repeated).
        i = at < 0 ? -1 : at - 1;
      }
      const out: DeliveryRecord[] = [];
      for (; i >= 0 && out.length < limit; i--) if (matches(all[i]!, filter)) out.push(all[i]!);
      let more = false;
      for (let j = i; j >= 0; j--) if (matches(all[j]!, filter)) { more = true; break; }
      return { deliveries: out, next: more ? out.at(-1)!.id : null };
    },
    get: (id) => records.get(id),
    get evicted() {
      return evicted;
    },
    clear() {
      records.clear();
      evicted = 0;
    },
  };
}
