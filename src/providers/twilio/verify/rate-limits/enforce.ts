import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { HookyardError } from '../../../../core/errors.js';
import { verifyInvalid } from '../errors.js';
import { BUCKETS_BY_LIMIT, HITS_BY_LIMIT, LIMITS_BY_SERVICE, VERIFY_BUCKETS, VERIFY_RATE_LIMIT_HITS, VERIFY_RATE_LIMITS, type Bucket, type RateLimit, type RateLimitHit } from './model.js';

/** `RateLimits={"<unique_name>": "<value>"}` → pairs; 60200 naming `RateLimits` when it is not that shape. */
export function parseRateLimits(text: string | undefined): [string, string][] {
  if (text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw verifyInvalid('RateLimits', 'must be a JSON object such as {"end_user_ip_address": "127.0.0.1"}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw verifyInvalid('RateLimits', 'must be a JSON object of rate limit unique names to values');
  return Object.entries(parsed).map(([k, v]) => {
    if (typeof v !== 'string' && typeof v !== 'number') throw verifyInvalid('RateLimits', `the value of '${k}' must be a string`);
    return [k, String(v)];
  });
}

/**
 * Meters one start against every bucket of every named limit: a sliding window counting the accepted
 * starts that carried the same value. Over a bucket's `max` → 429 / 20429, as the spec's example shows;
 * nothing is counted then. Only checks; `record` counts the start once it is accepted.
 * @see https://www.twilio.com/docs/verify/api/programmable-rate-limits
 */
export function checkRateLimits(ctx: Context, accountSid: string, serviceSid: string, pairs: [string, string][]): RateLimitHit[] {
  if (pairs.length === 0) return [];
  const limits = createCollection<RateLimit>(ctx.store, VERIFY_RATE_LIMITS);
  const buckets = createCollection<Bucket>(ctx.store, VERIFY_BUCKETS);
  const hits = createCollection<RateLimitHit>(ctx.store, VERIFY_RATE_LIMIT_HITS);
  const now = ctx.clock.now().getTime();
  const out: RateLimitHit[] = [];
  for (const [name, value] of pairs) {
    const limit = limits.by(accountSid, LIMITS_BY_SERVICE, serviceSid).find((r) => r.uniqueName === name);
    if (!limit) throw verifyInvalid('RateLimits', `this Service has no Rate Limit named '${name}'`);
    const mine = buckets.by(accountSid, BUCKETS_BY_LIMIT, limit.sid);
    const longest = Math.max(0, ...mine.map((b) => b.interval)) * 1000;
    // Hits no bucket can count any more are dropped as we go, so the table stays as small as the windows.
    for (const h of hits.by(accountSid, HITS_BY_LIMIT, limit.sid).filter((x) => x.at <= now - longest)) hits.remove(accountSid, h.sid);
    const seen = hits.by(accountSid, HITS_BY_LIMIT, limit.sid).filter((h) => h.value === value);
    for (const b of mine) {
      if (seen.filter((h) => h.at > now - b.interval * 1000).length >= b.max) {
        throw new HookyardError('rate_limited', 'Too many requests', { status: 429, code: 20429 });
      }
    }
    out.push({ sid: ctx.random.hex(32), serviceSid, rateLimitSid: limit.sid, value, at: now });
  }
  return out;
}

/** Counts an accepted start's hits. */
export function recordRateLimitHits(ctx: Context, accountSid: string, pending: RateLimitHit[]): void {
  const hits = createCollection<RateLimitHit>(ctx.store, VERIFY_RATE_LIMIT_HITS);
  for (const h of pending) hits.insert(accountSid, h);
}
