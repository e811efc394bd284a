import { paramMismatches, requestMatches, type RequestFilter, type RequestJournal, type RequestRecord } from './journal.js';

export interface ExpectRequestOptions {
  /** Exactly this many matching calls (0: none); at least one when absent. */
  times?: number;
  /** How long to wait for calls still on their way, in ms (default 1000); `times: 0` never waits. */
  timeout?: number;
}

const show = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v));

/** How far a call is from the expectation: the operation weighs most, then method and path, then each parameter. */
function distance(r: RequestRecord, f: RequestFilter): number {
  const filterWithout = (key: keyof RequestFilter) => (f[key] !== undefined && !requestMatches(r, { [key]: f[key] }) ? 1 : 0);
  return 8 * filterWithout('operation') + 4 * (filterWithout('method') + filterWithout('path') + filterWithout('provider')) + 2 * filterWithout('status') + (f.params ? paramMismatches(f.params, r).length : 0);
}

function describe(r: RequestRecord, f: RequestFilter): string {
  const differs = f.params ? paramMismatches(f.params, r).map((k) => `${k} = ${r.params[k] === undefined ? '(absent)' : show(r.params[k])}`) : [];
  return `${r.method} ${r.path} (${r.operation ?? 'no route'}) ${r.status} at ${r.at}${differs.length ? ` — ${differs.join(', ')}` : ''}`;
}

function failure(journal: RequestJournal, f: RequestFilter, want: string, got: number): Error {
  const all = journal.list();
  const near = all
    .map((r, i) => ({ r, i, d: distance(r, f) }))
    .sort((a, b) => a.d - b.d || b.i - a.i)
    .slice(0, 5)
    .map(({ r }) => `  ${describe(r, f)}`);
  const tail = all.length === 0 ? 'no API calls were journaled' : `the closest of ${all.length} journaled calls:\n${near.join('\n')}`;
  const err = new Error(`expected ${want} matching ${show(f)}, got ${got}; ${tail}`);
  err.name = 'RequestExpectationError';
  return err;
}

/**
 * Resolves with the matching calls once there are as many as expected, or rejects after `timeout` ms (at
 * once when there are already too many) with a message listing the closest calls that did arrive.
 */
export function expectRequest(journal: RequestJournal, filter: RequestFilter, options: ExpectRequestOptions = {}): Promise<RequestRecord[]> {
  const { times, timeout = 1000 } = options;
  if (times !== undefined && !(Number.isInteger(times) && times >= 0)) return Promise.reject(new TypeError(`expectRequest: times must be a whole number ≥ 0; got ${String(times)}`));
  const want = times === undefined ? 'at least 1 call' : `${times} call${times === 1 ? '' : 's'}`;
  const settled = () => {
    const found = journal.list(filter);
    if (times !== undefined && found.length > times) return { error: failure(journal, filter, want, found.length) };
    if (times === undefined ? found.length > 0 : found.length === times) return { found };
    return undefined;
  };
  const now = settled();
  if (now?.error) return Promise.reject(now.error);
  if (now?.found) return Promise.resolve(now.found);
  return new Promise((resolve, reject) => {
    const unsubscribe = journal.subscribe(() => {
      const s = settled();
      if (!s) return;
      clearTimeout(timer);
      unsubscribe();
      if (s.error) reject(s.error);
      else resolve(s.found);
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(failure(journal, filter, want, journal.list(filter).length));
    }, timeout);
  });
}
