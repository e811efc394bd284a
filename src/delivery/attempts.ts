import { performance } from 'node:perf_hooks';
import type { Clock, Timer } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Random } from '../core/random.js';
import type { ChaosDecision } from './chaos.js';
import { errorCodeOf } from './error-codes.js';
import { isoTime } from './iso-time.js';
import { send, type HttpResult } from './http-client.js';
import type { Attempt, DeliveryRecord, Journal } from './journal.js';
import type { RetryPolicy } from './retry.js';

export interface DeliveryStarted {
  record: DeliveryRecord;
  /** Resolves after the first attempt (the record then says whether a retry is scheduled). */
  first: Promise<DeliveryRecord>;
  /** Resolves after the last attempt. Never rejects. */
  done: Promise<DeliveryRecord>;
}

/** What an attempt sends, and within how long. */
export interface SendPlan {
  target: DeliveryRecord['target'];
  request: DeliveryRecord['request'];
  timeoutMs: number;
  connectTimeoutMs?: number | undefined;
}

/** A retry waiting for its moment: everything needed to carry on after a restart. */
export interface PendingRetry {
  sid: string;
  record: DeliveryRecord;
  plan: SendPlan;
  firstAt: number;
  /** How much of the retry window is used: unscaled delays plus attempt durations (ms). */
  usedMs?: number;
}

export interface PendingStore {
  save(p: PendingRetry): void;
  remove(deliveryId: string): void;
  list(): PendingRetry[];
}

export interface AttemptRunner {
  /** Runs attempts `from` onwards; `resume` schedules the first of them (a resumed retry) instead of sending now. */
  run(record: DeliveryRecord, plan: SendPlan, policy: RetryPolicy, chaos?: ChaosDecision, resume?: { from: number; firstAt: number; atMs: number; usedMs?: number | undefined }): DeliveryStarted;
  idle(): Promise<void>;
  cancel(): void;
}

/** The journal's attempt for a result: its fields in one order, optional ones only when present. */
function attemptOf(n: number, startedAt: string, durationMs: number, request: SendPlan['request'], result: HttpResult, errorCodes: string | undefined): Attempt {
  const attempt = { n, startedAt, durationMs, request } as Attempt;
  if (result.status !== undefined) attempt.response = { status: result.status, headers: result.headers ?? {}, body: result.body ?? '' };
  attempt.outcome = result.outcome;
  if (result.error !== undefined) attempt.error = result.error;
  const errorCode = errorCodeOf(errorCodes, result);
  if (errorCode !== undefined) attempt.errorCode = errorCode;
  return attempt;
}

/**
 * The attempt loop: send, journal the attempt, decide (retry policy, time budget), schedule the next on the
 * injected clock (scaled), keep pending retries in the store — plus chaos's held and dropped first attempts.
 */
export function createAttemptRunner(deps: { journal: Journal; clock: Clock; random: Random; log: Logger; timeScale: number; pending?: PendingStore | undefined }): AttemptRunner {
  /** Attempts (with their decision) in flight, and who waits for there to be none. */
  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];
  const timers = new Set<Timer>();
  const timeScale = deps.timeScale;
  const logInfo = deps.log.enabled('info');

  const attemptOnce = async (record: DeliveryRecord, plan: SendPlan) => {
    const startedAt = isoTime(deps.clock.now().getTime());
    const t0 = performance.now();
    const result = await send(plan.request, plan.timeoutMs, plan.connectTimeoutMs);
    const durationMs = Math.round((performance.now() - t0) * 100) / 100;
    record.attempts.push(attemptOf(record.attempts.length + 1, startedAt, durationMs, plan.request, result, record.errorCodes));
    record.outcome = result.outcome;
    if (logInfo) deps.log.info(`→ ${record.eventType} ${plan.request.method} ${plan.target.url} ${result.status ?? result.error} (${durationMs} ms)`);
    return result;
  };

  const planOf = (r: DeliveryRecord): PendingRetry['plan'] => ({ target: r.target, request: r.request, timeoutMs: r.timeoutMs, ...(r.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: r.connectTimeoutMs }) });

  /** Chaos: the first attempt "sent" but lost on the way — recorded, then retried as the profile says. */
  const dropped = (record: DeliveryRecord, plan: SendPlan): HttpResult => {
    const result: HttpResult = { outcome: 'network_error', error: 'chaos: first attempt dropped' };
    record.attempts.push(attemptOf(1, deps.clock.now().toISOString(), 0, plan.request, result, record.errorCodes));
    record.outcome = 'network_error';
    return result;
  };

  /** Runs attempts `from` onwards; `resumeAt` schedules the first of them (a resumed retry) instead of sending now. */
  const run: AttemptRunner['run'] = (
    record: DeliveryRecord,
    plan: SendPlan,
    policy: RetryPolicy,
    chaos?: ChaosDecision,
    resume?: { from: number; firstAt: number; atMs: number; usedMs?: number | undefined },
  ): DeliveryStarted => {
    let resolveFirst!: (r: DeliveryRecord) => void;
    const first = new Promise<DeliveryRecord>((r) => (resolveFirst = r));
    const nowMs = deps.clock.now().getTime();
    const firstAt = resume?.firstAt ?? nowMs;
    // The retry window is measured as the profile sees time — unscaled delays plus the attempts' own
    // durations — so `--time-scale` compresses the window exactly as much as the delays.
    let used = resume?.usedMs ?? Math.max(0, nowMs - firstAt) * timeScale;
    // Whether the pending store holds this delivery (a resumed retry, or one saved while it waits): only
    // then is there anything to remove, and most deliveries never wait.
    let stored = resume !== undefined;
    const unstore = () => {
      if (!stored) return;
      stored = false;
      deps.pending?.remove(record.id);
    };
    const done = new Promise<DeliveryRecord>((resolveDone) => {
      // Each attempt, with the decision about the next, is tracked so idle() covers the journal update too.
      // Nothing on the delivery path may reject unhandled (that ends the process): whatever throws is
      // logged and ends the delivery as a failure, in the journal like any other.
      const fail = (err: Error) => {
        deps.log.error(`delivery ${record.id} failed inside hookyard: ${err.message}`);
        record.outcome = 'network_error';
        record.nextAttemptAt = null;
        deps.journal.touch(record);
        unstore();
        resolveFirst(record);
        resolveDone(record);
      };
      const go = async (n: number): Promise<void> => {
        inFlight++;
        try {
          await attemptAndDecide(n);
        } catch (err) {
          fail(err as Error);
        } finally {
          if (--inFlight === 0) {
            const waiters = idleWaiters;
            idleWaiters = [];
            for (const wake of waiters) wake();
          }
        }
      };
      const attemptAndDecide = async (n: number): Promise<void> => {
        const result = n === 1 && chaos?.dropFirst ? dropped(record, plan) : await attemptOnce(record, plan);
        const delay = policy.delayMs(n, deps.random);
        used += record.attempts.at(-1)?.durationMs ?? 0;
        const again = policy.shouldRetry(result) && n < policy.maxAttempts && used + delay <= policy.giveUpAfterMs;
        if (again) used += delay;
        // Scaled delays are whole milliseconds (at least 1), so nextAttemptAt names the timer's moment exactly.
        const wait = delay === 0 ? 0 : Math.max(1, Math.ceil(delay / timeScale));
        record.nextAttemptAt = again ? new Date(deps.clock.now().getTime() + wait).toISOString() : null;
        deps.journal.touch(record);
        if (again && wait > 0) {
          stored = true;
          deps.pending?.save({ sid: record.id, record, plan: planOf(record), firstAt, usedMs: used });
        } else unstore();
        if (n === 1) resolveFirst(record);
        if (!again) return resolveDone(record);
        if (delay === 0) return void go(n + 1);
        const timer = deps.clock.setTimer(wait, () => {
          timers.delete(timer);
          void go(n + 1);
        });
        timers.add(timer);
      };
      if (resume) {
        const later = deps.clock.setTimer(Math.max(0, resume.atMs - deps.clock.now().getTime()), () => {
          timers.delete(later);
          void go(resume.from);
        });
        timers.add(later);
        return;
      }
      if (!chaos?.holdMs) return void go(1);
      try {
        // Chaos latency/reorder: the first attempt waits, on the injected clock.
        record.nextAttemptAt = new Date(deps.clock.now().getTime() + chaos.holdMs).toISOString();
        const hold = deps.clock.setTimer(chaos.holdMs, () => {
          timers.delete(hold);
          void go(1);
        });
        timers.add(hold);
      } catch (err) {
        fail(err as Error);
      }
    });
    return { record, first, done };
  };

  return {
    run,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    cancel() {
      for (const t of timers) t.cancel();
      timers.clear();
    },
  };
}
