import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/log.js';
import { createRandom } from '../../src/core/random.js';
import { createDeliveryEngine, type PendingRetry, type PendingStore } from '../../src/delivery/engine.js';
import { createJournal } from '../../src/delivery/journal.js';
import { SINCH_RETRY } from '../../src/delivery/retry.js';
import type { DeliveryPlan } from '../../src/events/event.js';
import { startReceiver, type Receiver } from '../helpers/receiver.js';

/** A pending store that counts what the engine asks of it. */
function spyStore() {
  const rows = new Map<string, PendingRetry>();
  const calls = { save: 0, remove: 0 };
  const store: PendingStore = {
    save(p) {
      calls.save++;
      rows.set(p.sid, p);
    },
    remove(id) {
      calls.remove++;
      rows.delete(id);
    },
    list: () => [...rows.values()],
  };
  return { store, calls, rows };
}

describe('the delivery engine and the pending-retry store', () => {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });

  const plan = (url: string): DeliveryPlan => ({
    target: { kind: 'sinch.webhook', id: 'W1', url },
    events: [{ id: 'HE1', provider: 'sinch.provisioning', type: 't', scope: 'P', occurredAt: '2026-01-01T00:00:00.000Z', data: {} }],
    request: { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    timeoutMs: 5000,
    retry: SINCH_RETRY,
  });

  it('leaves the store alone for a delivery that never waits for a retry (a write per delivery scanned every pending row)', async () => {
    const { store, calls } = spyStore();
    const clock = createManualClock();
    const engine = createDeliveryEngine({ journal: createJournal(), clock, random: createRandom('p'), log: createLogger('silent'), options: { pending: store } });
    for (let i = 0; i < 3; i++) expect((await engine.deliver(plan(`${receiver.url}/ok`)).done).outcome).toBe('delivered');
    expect(calls).toEqual({ save: 0, remove: 0 });
  });

  it('keeps a waiting retry in the store, and takes it out once the delivery is final', async () => {
    const { store, calls, rows } = spyStore();
    const clock = createManualClock();
    const engine = createDeliveryEngine({ journal: createJournal(), clock, random: createRandom('p'), log: createLogger('silent'), options: { pending: store } });
    receiver.respondWith(503);
    const started = engine.deliver(plan(`${receiver.url}/down`));
    await started.first;
    expect(calls).toEqual({ save: 1, remove: 0 });
    expect([...rows.keys()]).toEqual([started.record.id]);
    receiver.respondWith(200);
    clock.advance(1000);
    expect((await started.done).outcome).toBe('delivered');
    expect(calls).toEqual({ save: 1, remove: 1 });
    expect(rows.size).toBe(0);
  });
});
