import { performance } from 'node:perf_hooks';
import type { Clock, Timer } from '../core/clock.js';
import { newSid } from '../core/ids.js';
import type { Logger } from '../core/log.js';
import type { Random } from '../core/random.js';
import type { DeliveryPlan } from '../events/event.js';
import type { Chaos, ChaosDecision } from './chaos.js';
import { send, type HttpResult } from './http-client.js';
import type { DeliveryRecord, Journal } from './journal.js';
import { NO_RETRY, RETRY_PROFILES, twilioRetry, parseConnectionOverrides, type RetryPolicy, type RetryProfileName } from './retry.js';

export interface DeliveryStarted {
  record: DeliveryRecord;
  /** Resolves after the first attempt (the record then says whether a retry is scheduled). */
  first: Promise<DeliveryRecord>;
  /** Resolves after the last attempt. Never rejects. */
  done: Promise<DeliveryRecord>;
}

export interface DeliveryEngine {
  deliver(plan: DeliveryPlan): DeliveryStarted;
  /** Sends a journaled delivery again, as a new record: same events, same request, same retry profile. */
  replay(record: DeliveryRecord): DeliveryStarted;
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

/** A retry waiting for its moment: everything needed to carry on after a restart. */
export interface PendingRetry {
  sid: string;
  record: DeliveryRecord;
  plan: { target: DeliveryRecord['target']; request: DeliveryRecord['request']; timeoutMs: number; connectTimeoutMs?: number };
  firstAt: number;
}

export interface PendingStore {
  save(p: PendingRetry): void;
  remove(deliveryId: string): void;
  list(): PendingRetry[];
}

export function createDeliveryEngine(deps: { journal: Journal; clock: Clock; random: Random; log: Logger; options?: DeliveryOptions }): DeliveryEngine {
  const inFlight = new Set<Promise<unknown>>();
  const timers = new Set<Timer>();
  const timeScale = deps.options?.timeScale ?? 1;
  const logInfo = deps.log.enabled('info');

  const policyFor = (plan: Extract<DeliveryPlan, { request: unknown }>, provider: string): RetryPolicy => {
    const chosen = deps.options?.retry?.[plan.target.url] ?? deps.options?.retry?.[provider];
    if (chosen === undefined) return plan.retry ?? NO_RETRY;
    return chosen === 'twilio' ? twilioRetry(parseConnectionOverrides(plan.target.url)) : RETRY_PROFILES[chosen];
  };

  const attemptOnce = async (record: DeliveryRecord, plan: Extract<DeliveryPlan, { request: unknown }>) => {
    const startedAt = deps.clock.now().toISOString();
    const t0 = performance.now();
    const result = await send(plan.request, plan.timeoutMs, plan.connectTimeoutMs);
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
    if (logInfo) deps.log.info(`→ ${record.eventType} ${plan.request.method} ${plan.target.url} ${result.status ?? result.error} (${durationMs} ms)`);
    return result;
  };

  const planOf = (r: DeliveryRecord): PendingRetry['plan'] => ({ target: r.target, request: r.request, timeoutMs: r.timeoutMs, ...(r.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: r.connectTimeoutMs }) });

  /** Chaos: the first attempt "sent" but lost on the way — recorded, then retried as the profile says. */
  const dropped = (record: DeliveryRecord, plan: Extract<DeliveryPlan, { request: unknown }>): HttpResult => {
    const result: HttpResult = { outcome: 'network_error', error: 'chaos: first attempt dropped' };
    record.attempts.push({ n: 1, startedAt: deps.clock.now().toISOString(), durationMs: 0, request: plan.request, outcome: 'network_error', error: result.error! });
    record.outcome = 'network_error';
    return result;
  };

  const policyByName = (name: string, targetUrl: string): RetryPolicy =>
    name === 'twilio' ? twilioRetry(parseConnectionOverrides(targetUrl)) : (RETRY_PROFILES[name as keyof typeof RETRY_PROFILES] ?? NO_RETRY);

  /** Runs attempts `from` onwards; `resumeAt` schedules the first of them (a resumed retry) instead of sending now. */
  const run = (
    record: DeliveryRecord,
    plan: Extract<DeliveryPlan, { request: unknown }>,
    policy: RetryPolicy,
    chaos?: ChaosDecision,
    resume?: { from: number; firstAt: number; atMs: number },
  ): DeliveryStarted => {
    let resolveFirst!: (r: DeliveryRecord) => void;
    const first = new Promise<DeliveryRecord>((r) => (resolveFirst = r));
    const firstAt = resume?.firstAt ?? deps.clock.now().getTime();
    const done = new Promise<DeliveryRecord>((resolveDone) => {
      // Each attempt, with the decision about the next, is tracked so idle() covers the journal update too.
      const go = (n: number): void => {
        const step = attemptAndDecide(n);
        inFlight.add(step);
        void step.finally(() => inFlight.delete(step));
      };
      const attemptAndDecide = async (n: number): Promise<void> => {
        const result = n === 1 && chaos?.dropFirst ? dropped(record, plan) : await attemptOnce(record, plan);
        const delay = policy.delayMs(n, deps.random);
        // Time spent: the clock's view, or the attempts' own durations when they took longer (immediate
        // retries under a manual clock, where the clock does not move on its own).
        const spent = record.attempts.reduce((sum, a) => sum + a.durationMs, 0);
        const elapsed = Math.max(deps.clock.now().getTime() - firstAt, spent);
        const again = policy.shouldRetry(result) && n < policy.maxAttempts && elapsed + delay <= policy.giveUpAfterMs;
        // Scaled delays are whole milliseconds (at least 1), so nextAttemptAt names the timer's moment exactly.
        const wait = delay === 0 ? 0 : Math.max(1, Math.ceil(delay / timeScale));
        record.nextAttemptAt = again ? new Date(deps.clock.now().getTime() + wait).toISOString() : null;
        deps.journal.touch(record);
        if (again && wait > 0) deps.options?.pending?.save({ sid: record.id, record, plan: planOf(record), firstAt });
        else deps.options?.pending?.remove(record.id);
        if (n === 1) resolveFirst(record);
        if (!again) return resolveDone(record);
        if (delay === 0) return go(n + 1);
        const timer = deps.clock.setTimer(wait, () => {
          timers.delete(timer);
          go(n + 1);
        });
        timers.add(timer);
      };
      if (resume) {
        const later = deps.clock.setTimer(Math.max(0, resume.atMs - deps.clock.now().getTime()), () => {
          timers.delete(later);
          go(resume.from);
        });
        timers.add(later);
        return;
      }
      if (!chaos?.holdMs) return go(1);
      // Chaos latency/reorder: the first attempt waits, on the injected clock.
      record.nextAttemptAt = new Date(deps.clock.now().getTime() + chaos.holdMs).toISOString();
      const hold = deps.clock.setTimer(chaos.holdMs, () => {
        timers.delete(hold);
        go(1);
      });
      timers.add(hold);
    });
    return { record, first, done };
  };

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
        createdAt: deps.clock.now().toISOString(),
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
        run(p.record, { ...p.plan, events: [] }, policyByName(p.record.retryProfile, p.record.target.url), undefined, { from: p.record.attempts.length + 1, firstAt: p.firstAt, atMs });
      }
      return saved.length;
    },
    replay(old) {
      const record: DeliveryRecord = { ...old, id: newSid(deps.random, 'delivery'), createdAt: deps.clock.now().toISOString(), outcome: 'pending', nextAttemptAt: null, attempts: [], replayOf: old.id };
      deps.journal.add(record);
      const plan = { target: old.target, events: [], request: old.request, timeoutMs: old.timeoutMs, ...(old.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: old.connectTimeoutMs }) };
      return run(record, plan, policyByName(old.retryProfile, old.target.url));
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    chaos: deps.options?.chaos,
    cancelRetries() {
      for (const t of timers) t.cancel();
      timers.clear();
    },
  };
}
