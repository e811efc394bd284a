import { parseDeliveryFilter, type DeliveryQuery } from './filter.js';
import { deliveryMatches, type DeliveryRecord, type Journal } from './journal.js';

/** The delivery filter's keys (`type`, `target` — or `to` —, `outcome`, `provider`, `eventId`, `since`, `until`); `outcome` absent means any once an attempt has finished. */
export type WaitFilter = DeliveryQuery;

const summary = (r: DeliveryRecord) => `${r.eventType} → ${r.target.url}: ${r.outcome} (${r.attempts.length} attempt${r.attempts.length === 1 ? '' : 's'})`;

/**
 * Resolves with the first journaled delivery that matches — including ones that already arrived — or
 * rejects after `timeoutMs` with a message listing what did arrive.
 */
export function waitForDelivery(journal: Journal, filter: WaitFilter, timeoutMs = 5000, providers?: readonly string[]): Promise<DeliveryRecord> {
  let parsed;
  try {
    parsed = parseDeliveryFilter(filter, providers);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  const { outcome, ...base } = parsed;
  // Per change, O(1): the record is still journaled (not evicted or cleared) and passes the filter.
  const inBase = deliveryMatches(base);
  const matches = (r: DeliveryRecord) => r.outcome !== 'pending' && (outcome === undefined || r.outcome === outcome) && inBase(r) && journal.get(r.id) === r;
  const found = journal.list(base).find(matches);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const unsubscribe = journal.subscribe((r) => {
      if (!matches(r)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(r);
    });
    const timer = setTimeout(() => {
      unsubscribe();
      const seen = journal.list().slice(-10).map(summary);
      reject(new Error(`no delivery matching ${JSON.stringify(filter)} within ${timeoutMs} ms; the journal holds ${seen.length === 0 ? 'nothing' : `(latest ${seen.length}):\n  ${seen.join('\n  ')}`}`));
    }, timeoutMs);
  });
}
