import { defineIndex, type Row } from '../../../../core/collection.js';

/** A Service Rate Limit: a name that `CreateVerification`'s `RateLimits` meters values against. */
export interface RateLimit extends Row {
  accountSid: string;
  serviceSid: string;
  uniqueName: string;
  description: string | null;
  dateCreated: string;
  dateUpdated: string;
}

/** One velocity of a rate limit: at most `max` starts per value within `interval` seconds. */
export interface Bucket extends Row {
  accountSid: string;
  serviceSid: string;
  rateLimitSid: string;
  max: number;
  interval: number;
  dateCreated: string;
  dateUpdated: string;
}

/** A start that carried a value for a rate limit, kept while some bucket's window may still count it. */
export interface RateLimitHit extends Row {
  serviceSid: string;
  rateLimitSid: string;
  value: string;
  /** Epoch ms on hookyard's clock. */
  at: number;
}

export const VERIFY_RATE_LIMITS = 'verify.rate-limits';
export const VERIFY_BUCKETS = 'verify.buckets';
export const VERIFY_RATE_LIMIT_HITS = 'verify.rate-limit-hits';
/** A service's rate limits. */
export const LIMITS_BY_SERVICE = defineIndex<RateLimit>('serviceSid', (r) => r.serviceSid);
/** A rate limit's buckets. */
export const BUCKETS_BY_LIMIT = defineIndex<Bucket>('rateLimitSid', (b) => b.rateLimitSid);
/** A rate limit's hits. */
export const HITS_BY_LIMIT = defineIndex<RateLimitHit>('rateLimitSid', (h) => h.rateLimitSid);
