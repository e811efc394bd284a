import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJournal, type DeliveryRecord } from '../../src/delivery/journal.js';
import { waitForDelivery } from '../../src/delivery/wait.js';

const record = (id: string, over: Partial<DeliveryRecord> = {}): DeliveryRecord => ({
  id,
  eventId: `HE${id}`,
  eventIds: [`HE${id}`],
  provider: 'twilio.verify',
  eventType: 'factor.created',
  eventTypes: ['factor.created'],
  scope: 'AC',
  target: { kind: 'verify.webhook', id: 'YW', url: 'http://127.0.0.1:1/hook' },
  request: { url: 'http://127.0.0.1:1/hook', method: 'POST', headers: {}, body: '' },
  createdAt: '2026-01-01T00:00:00.000Z',
  outcome: 'delivered',
  retryProfile: 'none',
  timeoutMs: 15000,
  nextAttemptAt: null,
  attempts: [],
  ...over,
});

describe('the delivery journal', () => {
  it('behaves as a list of the newest `limit` records: list, get, page (with cursors), evicted, re-add, clear', () => {
    // A model: every add appended (a known id replaced in place), the oldest dropped past the limit.
    const op = fc.oneof(
      fc.record({ add: fc.integer({ min: 0, max: 30 }), outcome: fc.constantFrom('delivered' as const, 'http_error' as const) }),
      fc.record({ pageLimit: fc.integer({ min: 1, max: 4 }), outcome: fc.option(fc.constantFrom('delivered', 'http_error'), { nil: undefined }) }),
      fc.constant({ clear: true as const }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 60 }), (limit, ops) => {
        const journal = createJournal(limit);
        let model: DeliveryRecord[] = [];
        let evicted = 0;
        for (const o of ops) {
          if ('add' in o) {
            const r = record(`HD${o.add}`, { outcome: o.outcome });
            const at = model.findIndex((x) => x.id === r.id);
            if (at >= 0) model[at] = r;
            else {
              model.push(r);
              if (model.length > limit) {
                model.shift();
                evicted++;
              }
            }
            journal.add(r);
          } else if ('clear' in o) {
            journal.clear();
            model = [];
            evicted = 0;
          } else {
            // Following `next` from the newest yields every match newest first, once each.
            const filter = o.outcome === undefined ? {} : { outcome: o.outcome };
            const seen: DeliveryRecord[] = [];
            for (let before: string | undefined, guard = 0; guard < 100; guard++) {
              const page = journal.page(filter, { limit: o.pageLimit, before });
              expect(page.deliveries.length).toBeLessThanOrEqual(o.pageLimit);
              seen.push(...page.deliveries);
              if (page.next === null) break;
              before = page.next;
            }
            expect(seen).toEqual(model.filter((r) => o.outcome === undefined || r.outcome === o.outcome).reverse());
          }
          expect(journal.list()).toEqual(model);
          expect(journal.evicted).toBe(evicted);
          for (let id = 0; id <= 30; id++) expect(journal.get(`HD${id}`)).toBe(model.find((r) => r.id === `HD${id}`));
        }
        // A cursor naming an evicted (or unknown) record: nothing older is left.
        expect(journal.page({}, { limit: 5, before: 'HDgone' })).toEqual({ deliveries: [], next: null });
      }),
      { seed: 20260901, numRuns: 300 },
    );
  });

  it('waitForDelivery ignores a matching record once it is no longer journaled', async () => {
    const journal = createJournal(1);
    const waiting = waitForDelivery(journal, { type: 'factor.verified' }, 50);
    const gone = record('HD1', { eventType: 'factor.verified', eventTypes: ['factor.verified'], outcome: 'pending' });
    journal.add(gone);
    journal.add(record('HD2'));
    gone.outcome = 'delivered';
    journal.touch(gone);
    await expect(waiting).rejects.toThrow(/no delivery matching/);
    const kept = record('HD3', { eventType: 'factor.verified', eventTypes: ['factor.verified'] });
    const found = waitForDelivery(journal, { type: 'factor.verified' }, 50);
    journal.add(kept);
    expect(await found).toBe(kept);
  });
});
