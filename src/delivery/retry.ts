import type { Random } from '../core/random.js';
import type { HttpResult } from './http-client.js';

/** When and how often a failed delivery is tried again. */
export interface RetryPolicy {
  name: RetryProfileName;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Delay before attempt `n + 1`, after attempt `n` (1-based) failed. */
  delayMs(n: number, random: Random): number;
  shouldRetry(result: HttpResult): boolean;
  /** Stop retrying once this long has passed since the first attempt. */
  giveUpAfterMs: number;
}

export type RetryProfileName = 'eventstreams' | 'twilio' | 'sinch' | 'none';

const failed = (r: HttpResult) => r.outcome !== 'delivered';

export const NO_RETRY: RetryPolicy = { name: 'none', maxAttempts: 1, delayMs: () => 0, shouldRetry: () => false, giveUpAfterMs: 0 };

/**
 * Event Streams, as Twilio documents it: a 5xx answer, a timeout or a failed connection is retried with
 * exponential backoff for up to 4 hours, and so is a 429 (the sink is throttled); any other non-2xx
 * answer means the sink rejected the event (91305), which is not retried. The exact schedule is
 * undocumented; hookyard's: from 1 s, doubling, capped at 30 min, with up to 20 % seeded jitter.
 * @see https://www.twilio.com/docs/events/event-delivery-and-duplication
 * @see https://www.twilio.com/docs/api/errors/91305
 */
export const EVENT_STREAMS_RETRY: RetryPolicy = {
  name: 'eventstreams',
  maxAttempts: 100,
  delayMs: (n, random) => {
    const base = Math.min(1000 * 2 ** (n - 1), 30 * 60_000);
    return Math.round(base * (1 + 0.2 * random.float()));
  },
  shouldRetry: (r) => r.outcome !== 'delivered' && !(r.outcome === 'http_error' && (r.status ?? 0) < 500 && r.status !== 429),
  giveUpAfterMs: 4 * 3_600_000,
};

/** Sinch documents no retry schedule: hookyard's choice is 5 attempts, backing off 1 s, 5 s, 25 s, 125 s. */
export const SINCH_RETRY: RetryPolicy = {
  name: 'sinch',
  maxAttempts: 5,
  delayMs: (n) => 1000 * 5 ** (n - 1),
  shouldRetry: failed,
  giveUpAfterMs: 3_600_000,
};

/**
 * Twilio webhooks' connection overrides, from the URL fragment (`#ct=1000&rt=2000&tt=6000&rc=2&rp=5xx,rt`):
 * connect timeout, read timeout, total time, retry count and retry policy. Defaults: 5000, 15000, 15000, 1, `ct`.
 * @see https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides
 */
export interface ConnectionOverrides {
  ct: number;
  rt: number;
  tt: number;
  rc: number;
  rp: string[];
}

const clamp = (v: string | null, min: number, max: number, fallback: number) => {
  const n = v === null ? NaN : Number(v);
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
};

export function parseConnectionOverrides(url: string): ConnectionOverrides {
  const fragment = new URLSearchParams(new URL(url).hash.slice(1));
  const rp = (fragment.get('rp') ?? 'ct').split(',').map((s) => s.trim()).filter(Boolean);
  return { ct: clamp(fragment.get('ct'), 100, 10_000, 5000), rt: clamp(fragment.get('rt'), 100, 15_000, 15_000), tt: clamp(fragment.get('tt'), 100, 15_000, 15_000), rc: clamp(fragment.get('rc'), 0, 5, 1), rp };
}

/** Which failures a Twilio `rp` policy retries: `ct` connect failures, `rt` read timeouts, `4xx`, `5xx`, `all`. */
function twilioRetries(rp: string[], r: HttpResult): boolean {
  if (r.outcome === 'delivered') return false;
  if (rp.includes('all')) return true;
  if (r.outcome === 'network_error') return rp.includes('ct');
  if (r.outcome === 'timeout') return rp.includes(r.error?.startsWith('connect') ? 'ct' : 'rt');
  const status = r.status ?? 0;
  return (status >= 400 && status < 500 && rp.includes('4xx')) || (status >= 500 && rp.includes('5xx'));
}

/** Twilio form webhooks retry right away, `rc` times, for the failures `rp` names, within `tt` in all. */
export function twilioRetry(o: ConnectionOverrides): RetryPolicy {
  return { name: 'twilio', maxAttempts: o.rc + 1, delayMs: () => 0, shouldRetry: (r) => twilioRetries(o.rp, r), giveUpAfterMs: o.tt };
}

export const RETRY_PROFILES: Record<Exclude<RetryProfileName, 'twilio'>, RetryPolicy> = { eventstreams: EVENT_STREAMS_RETRY, sinch: SINCH_RETRY, none: NO_RETRY };
