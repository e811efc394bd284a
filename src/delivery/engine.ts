import { performance } from 'node:perf_hooks';
import type { Clock } from '../core/clock.js';
import { newSid } from '../core/ids.js';
import type { Logger } from '../core/log.js';
import type { Random } from '../core/random.js';
import type { DeliveryPlan } from '../events/event.js';
import { send } from './http-client.js';
import type { DeliveryRecord, Journal } from './journal.js';

export interface DeliveryEngine {
  /** Journals the delivery at once (`record`), then sends it; `done` never rejects. */
  deliver(plan: DeliveryPlan): { record: DeliveryRecord; done: Promise<DeliveryRecord> };
  /** Resolves when no delivery is in flight. */
  idle(): Promise<void>;
}

export function createDeliveryEngine(deps: { journal: Journal; clock: Clock; random: Random; log: Logger }): DeliveryEngine {
  const inFlight = new Set<Promise<DeliveryRecord>>();

  const attempt = async (record: DeliveryRecord, plan: Extract<DeliveryPlan, { request: unknown }>) => {
    const startedAt = deps.clock.now().toISOString();
    const t0 = performance.now();
    const result = await send(plan.request, plan.timeoutMs);
    const durationMs = Math.round((performance.now() - t0) * 100) / 100;
    record.attempts.push({
      n: record.attempts.length + 1,
      startedAt,
      durationMs,
      request: plan.request,
      ...(result.status === undefined ? {} : { response: { status: result.status, headers: result.headers ?? {}, body: result.body ?? '' } }),
      outcome: result.outcome,
      ...(result.error === undefined ? {} : { error: result.error }),
    });
    record.outcome = result.outcome;
    deps.log.info(`→ ${record.eventType} ${plan.request.method} ${plan.target.url} ${result.status ?? result.error} (${durationMs} ms)`);
    return record;
  };

  return {
    deliver(plan) {
      const first = plan.events[0]!;
      const record: DeliveryRecord = {
        id: newSid(deps.random, 'delivery'),
        eventId: first.id,
        eventIds: plan.events.map((e) => e.id),
        provider: first.provider,
        eventType: first.type,
        eventTypes: [...new Set(plan.events.map((e) => e.type))],
        scope: first.scope,
        target: plan.target,
        request: 'request' in plan && plan.request ? plan.request : { url: plan.target.url, method: 'POST', headers: {}, body: '' },
        createdAt: deps.clock.now().toISOString(),
        outcome: 'pending',
        attempts: [],
      };
      deps.journal.add(record);
      if ('notDelivered' in plan) {
        record.outcome = 'not_delivered';
        const now = deps.clock.now().toISOString();
        record.attempts.push({ n: 1, startedAt: now, durationMs: 0, request: record.request, outcome: 'not_delivered', error: plan.notDelivered });
        return { record, done: Promise.resolve(record) };
      }
      const p = attempt(record, plan).finally(() => inFlight.delete(p));
      inFlight.add(p);
      return { record, done: p };
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
