import type { DeliveryFilter, DeliveryRecord, Journal } from './journal.js';

export interface WaitFilter {
  /** Event type (the provider's, e.g. `factor.created`). */
  type?: string;
  /** Target URL or id. */
  to?: string;
  /** Wanted outcome; default: any outcome once an attempt has finished. */
  outcome?: DeliveryRecord['outcome'];
  provider?: string;
  eventId?: string;
}

const summary = (r: DeliveryRecord) => `${r.eventType} → ${r.target.url}: ${r.outcome} (${r.attempts.length} attempt${r.attempts.length === 1 ? '' : 's'})`;

/**
 * Resolves with the first journaled delivery that matches — including ones that already arrived — or
 * rejects after `timeoutMs` with a message listing what did arrive.
 */
export function waitForDelivery(journal: Journal, filter: WaitFilter, timeoutMs = 5000): Promise<DeliveryRecord> {
  const base: DeliveryFilter = { eventType: filter.type, target: filter.to, provider: filter.provider, eventId: filter.eventId };
  const matches = (r: DeliveryRecord) => journal.list(base).includes(r) && r.outcome !== 'pending' && (filter.outcome === undefined || r.outcome === filter.outcome);
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
