import { createBoundedLog } from '../core/bounded-log.js';
import { materialize, type RawRequest, type RequestRecord } from './raw.js';

export type { ParamValue, RequestRecord } from './raw.js';

export interface RequestFilter {
  provider?: string | undefined;
  operation?: string | undefined;
  method?: string | undefined;
  /** The exact path, or a prefix ending in `/` or `*`. */
  path?: string | undefined;
  /** `201`, or a class such as `4xx`. */
  status?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** Each given parameter must match: equal (form values compared as text), or a RegExp that matches. */
  params?: Record<string, unknown> | undefined;
}

export interface RequestJournal {
  add(raw: RawRequest): void;
  subscribe(fn: (record: RequestRecord) => void): () => void;
  /** Oldest first. */
  list(filter?: RequestFilter): RequestRecord[];
  /** Newest first, `limit` at a time, older than the record `before` names. */
  page(filter: RequestFilter, options: { limit: number; before?: string | undefined }): { requests: RequestRecord[]; next: string | null };
  get(id: string): RequestRecord | undefined;
  readonly evicted: number;
  clear(): void;
}

const asList = (v: unknown) => (Array.isArray(v) ? v : [v]);

/** Does `actual` satisfy `expected`? Objects: every expected key; arrays: element-wise; a lone value equals a one-element array. */
export function valueMatches(expected: unknown, actual: unknown): boolean {
  if (expected instanceof RegExp) return asList(actual).some((a) => typeof a === 'string' && expected.test(a));
  if (Array.isArray(expected) || Array.isArray(actual)) {
    const e = asList(expected);
    const a = asList(actual);
    return e.length === a.length && e.every((x, i) => valueMatches(x, a[i]));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => valueMatches(v, (actual as Record<string, unknown>)[k]));
  }
  // Form fields are text on the wire: 5 matches '5', true matches 'true'.
  return actual === expected || (typeof actual === 'string' && expected !== undefined && String(expected) === actual);
}

/** The parameters of `expected` that `record` does not match, by name. */
export function paramMismatches(expected: Record<string, unknown>, record: RequestRecord): string[] {
  return Object.entries(expected)
    .filter(([k, v]) => !valueMatches(v, record.params[k]))
    .map(([k]) => k);
}

const statusMatches = (want: string, status: number) => (/^[1-5]xx$/i.test(want) ? Math.floor(status / 100) === Number(want[0]) : Number(want) === status);
const pathMatches = (want: string, path: string) => (want.endsWith('*') ? path.startsWith(want.slice(0, -1)) : want.endsWith('/') ? path.startsWith(want) : path === want);

export function requestMatches(r: RequestRecord, f: RequestFilter): boolean {
  return (
    (f.provider === undefined || r.provider === f.provider) &&
    (f.operation === undefined || r.operation === f.operation) &&
    (f.method === undefined || r.method === f.method.toUpperCase()) &&
    (f.path === undefined || pathMatches(f.path, r.path)) &&
    (f.status === undefined || statusMatches(f.status, r.status)) &&
    (f.since === undefined || Date.parse(r.at) >= Date.parse(f.since)) &&
    (f.until === undefined || Date.parse(r.at) < Date.parse(f.until)) &&
    (f.params === undefined || paramMismatches(f.params, r).length === 0)
  );
}

/** The bounded record of every call to the fake APIs; the oldest are evicted first, like deliveries. */
export function createRequestJournal(limit = 10_000): RequestJournal {
  // Entries keep what the middleware took; the record is made (once) when first read.
  interface Entry {
    id: string;
    raw?: RawRequest;
    record?: RequestRecord;
  }
  // Ids are `RQ` and the arrival number (plus one) in hex: the log finds a record from its id without an index.
  const log = createBoundedLog<Entry>(limit, { arrivalOf: (id) => (/^RQ[0-9a-f]{32}$/.test(id) ? parseInt(id.slice(2), 16) - 1 : undefined) });
  const view = (e: Entry): RequestRecord => {
    if (!e.record) {
      e.record = materialize(e.id, e.raw!);
      delete e.raw;
    }
    return e.record;
  };
  return {
    add(raw) {
      log.add({ id: `RQ${(log.nextArrival + 1).toString(16).padStart(32, '0')}`, raw });
    },
    subscribe: (fn) => log.subscribe((e) => fn(view(e))),
    list: (filter = {}) => log.list((e) => requestMatches(view(e), filter)).map(view),
    page(filter, options) {
      const { items, next } = log.page((e) => requestMatches(view(e), filter), options);
      return { requests: items.map(view), next };
    },
    get(id) {
      const e = log.get(id);
      return e && view(e);
    },
    get evicted() {
      return log.evicted;
    },
    clear: log.clear,
  };
}
