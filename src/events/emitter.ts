import type { DeliveryEngine } from '../delivery/engine.js';
import type { DeliveryRecord } from '../delivery/journal.js';
import type { DeliveryPlan, HookyardEvent } from './event.js';

/**
 * Answers which registered webhooks/sinks want the events emitted together, and builds each one's signed
 * request (a target that batches gets one request for several events).
 */
export type Matcher = (events: readonly HookyardEvent[]) => DeliveryPlan[];

export interface Emitter {
  register(provider: string, matcher: Matcher): void;
  /**
   * Matches synchronously (so the state an event saw is the state at emit time), then delivers.
   * The returned promise resolves when every delivery has finished; callers that must not wait
   * (fake-API mutations) ignore it — a failed delivery never fails the call that caused it.
   */
  emit(events: HookyardEvent | readonly HookyardEvent[]): { deliveries: DeliveryRecord[]; first: Promise<DeliveryRecord[]>; done: Promise<DeliveryRecord[]> };
}

export function createEmitter(engine: DeliveryEngine): Emitter {
  const matchers = new Map<string, Matcher>();
  return {
    register(provider, matcher) {
      matchers.set(provider, matcher);
    },
    emit(input) {
      const events = Array.isArray(input) ? (input as readonly HookyardEvent[]) : [input as HookyardEvent];
      let plans: DeliveryPlan[];
      if (events.length === 1) {
        plans = matchers.get(events[0]!.provider)?.(events) ?? [];
      } else {
        const byProvider = new Map<string, HookyardEvent[]>();
        for (const e of events) byProvider.set(e.provider, [...(byProvider.get(e.provider) ?? []), e]);
        plans = [...byProvider].flatMap(([provider, group]) => matchers.get(provider)?.(group) ?? []);
      }
      const started = plans.map((plan) => engine.deliver(plan));
      // Aggregated only when asked for: most emits (fake-API mutations) never wait.
      return {
        deliveries: started.map((s) => s.record),
        get first() {
          return Promise.all(started.map((s) => s.first));
        },
        get done() {
          return Promise.all(started.map((s) => s.done));
        },
      };
    },
  };
}
