import type { Clock } from '../core/clock.js';
import { newSid } from '../core/ids.js';
import type { Logger } from '../core/log.js';
import type { Random } from '../core/random.js';
import type { DeliveryPlan } from '../events/event.js';
import { createAttemptRunner, type DeliveryStarted, type PendingStore } from './attempts.js';
import type { Chaos } from './chaos.js';
import { isoTime } from './iso-time.js';
import type { DeliveryRecord, Journal } from './journal.js';
import { NO_RETRY, RETRY_PROFILES, twilioRetry, parseConnectionOverrides, type RetryPolicy, type RetryProfileName } from './retry.js';

export type { DeliveryStarted, PendingRetry, PendingStore } from './attempts.js';

export interface DeliveryEngine {
  deliver(plan: DeliveryPlan): DeliveryStarted;
  /**
   * Sends a journaled delivery again, as a new record: same events, same request, same retry profile —
   * or `request` instead (a replay with an edited body, signed anew by its provider).
   */
  replay(record: DeliveryRecord, request?: DeliveryRecord['request']): DeliveryStarted;
  /** Resolves when no attempt is in flight (scheduled retries do not count). */
  idle(): Promise<void>;
  /** Calls off every scheduled retry (on close); with a pending store they resume at the next start. */
  cancelRetries(): void;
  /** Re-journals and reschedules the retries a previous run left pending. */
  resume(): number;
  readonly chaos: Chaos | undefined;
}

export interface DeliveryOptions {
  /** Divides every retry delay: 3600 makes Event Streams' 4 hours pass in 4 seconds. */
  timeScale?: number | undefined;
  /** Retry profile by provider name (`twilio.events`) or target URL; the target wins. */
  retry?: Record<string, RetryProfileName> | undefined;
  chaos?: Chaos | undefined;
  /** Where retries waiting for their moment are kept, so they survive a restart (the store, with --db). */
  pending?: PendingStore | undefined;
}

export function createDeliveryEngine(deps: { journal: Journal; clock: Clock; random: Random; log: Logger; options?: DeliveryOptions }): DeliveryEngine {
  const attempts = createAttemptRunner({ ...deps, timeScale: deps.options?.timeScale ?? 1, pending: deps.options?.pending });
  const run = attempts.run;

  const policyFor = (plan: Extract<DeliveryPlan, { request: unknown }>, provider: string): RetryPolicy => {
    const chosen = deps.options?.retry?.[plan.target.url] ?? deps.options?.retry?.[provider];
    if (chosen === undefined) return plan.retry ?? NO_RETRY;
    return chosen === 'twilio' ? twilioRetry(parseConnectionOverrides(plan.target.url)) : RETRY_PROFILES[chosen];
  };

  const policyByName = (name: string, targetUrl: string): RetryPolicy =>
    name === 'twilio' ? twilioRetry(parseConnectionOverrides(targetUrl)) : (RETRY_PROFILES[name as keyof typeof RETRY_PROFILES] ?? NO_RETRY);

  return {
    deliver(plan) {
      const first = plan.events[0]!;
      const record: DeliveryRecord = {
        id: newSid(deps.random, 'delivery'),
        eventId: first.id,
        eventIds: plan.events.length === 1 ? [first.id] : plan.events.map((e) => e.id),
        provider: first.provider,
        eventType: first.type,
        eventTypes: plan.events.length === 1 ? [first.type] : [...new Set(plan.events.map((e) => e.type))],
        scope: first.scope,
        target: plan.target,
        request: 'request' in plan && plan.request ? plan.request : { url: plan.target.url, method: 'POST', headers: {}, body: '' },
        createdAt: isoTime(deps.clock.now().getTime()),
        outcome: 'pending',
        retryProfile: 'none',
        timeoutMs: 'timeoutMs' in plan ? plan.timeoutMs : 0,
        ...('connectTimeoutMs' in plan && plan.connectTimeoutMs !== undefined ? { connectTimeoutMs: plan.connectTimeoutMs } : {}),
        nextAttemptAt: null,
        attempts: [],
      };
      deps.journal.add(record);
      if ('notDelivered' in plan) {
        record.outcome = 'not_delivered';
        record.attempts.push({ n: 1, startedAt: record.createdAt, durationMs: 0, request: record.request, outcome: 'not_delivered', error: plan.notDelivered });
        deps.journal.touch(record);
        const settled = Promise.resolve(record);
        return { record, first: settled, done: settled };
      }
      const policy = policyFor(plan, first.provider);
      record.retryProfile = policy.name;
      if (plan.errorCodes !== undefined) record.errorCodes = plan.errorCodes;
      const chaos = deps.options?.chaos?.decide();
      if (chaos?.duplicate) {
        // The same delivery again: same events, same body, a second record marked as the duplicate.
        const twin: DeliveryRecord = { ...record, id: newSid(deps.random, 'delivery'), attempts: [], duplicateOf: record.id };
        deps.journal.add(twin);
        run(twin, plan, policy, deps.options?.chaos?.decide());
      }
      return run(record, plan, policy, chaos);
    },
    resume() {
      const saved = deps.options?.pending?.list() ?? [];
      for (const p of saved) {
        deps.journal.add(p.record);
        const atMs = p.record.nextAttemptAt ? Date.parse(p.record.nextAttemptAt) : deps.clock.now().getTime();
        run(p.record, p.plan, policyByName(p.record.retryProfile, p.record.target.url), undefined, { from: p.record.attempts.length + 1, firstAt: p.firstAt, atMs, usedMs: p.usedMs });
      }
      return saved.length;
    },
    replay(old, request = old.request) {
      const record: DeliveryRecord = { ...old, id: newSid(deps.random, 'delivery'), request, createdAt: deps.clock.now().toISOString(), outcome: 'pending', nextAttemptAt: null, attempts: [], replayOf: old.id, ...(request === old.request ? {} : { edited: true as const }) };
      deps.journal.add(record);
      const plan = { target: old.target, request, timeoutMs: old.timeoutMs, ...(old.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: old.connectTimeoutMs }) };
      return run(record, plan, policyByName(old.retryProfile, old.target.url));
    },
    idle: () => attempts.idle(),
    chaos: deps.options?.chaos,
    cancelRetries: () => attempts.cancel(),
  };
}
