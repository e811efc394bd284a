import type { DeliveryEngine } from '../delivery/engine.js';
import type { DeliveryRecord } from '../delivery/journal.js';
import type { DeliveryPlan, HookyardEvent } from './event.js';

/** Answers which registered webhooks/sinks want an event, and builds each one's signed request. */
export type Matcher = (event: HookyardEvent) => DeliveryPlan[];

export interface Emitter {
  register(provider: string, matcher: Matcher): void;
  /**
   * Matches synchronously (so the state an event saw is the state at emit time), then delivers.
   * The returned promise resolves when every delivery has finished; callers that must not wait
   * (fake-API mutations) ignore it — a failed delivery never fails the call that caused it.
   */
  emit(event: HookyardEvent): { deliveries: DeliveryRecord[]; done: Promise<DeliveryRecord[]> };
}

export function createEmitter(engine: DeliveryEngine): Emitter {
  const matchers = new Map<string, Matcher>();
  return {
    register(provider, matcher) {
      matchers.set(provider, matcher);
    },
    emit(event) {
      const plans = matchers.get(event.provider)?.(event) ?? [];
      const started = plans.map((plan) => engine.deliver(event, plan));
      return { deliveries: started.map((s) => s.record), done: Promise.all(started.map((s) => s.done)) };
    },
  };
}
