import type { Bucket, RateLimit } from './model.js';

/** Model → `verify.v2.service.rate_limit` JSON. */
export function toRateLimitJson(r: RateLimit, origin: string) {
  const url = `${origin}/v2/Services/${r.serviceSid}/RateLimits/${r.sid}`;
  return {
    sid: r.sid,
    service_sid: r.serviceSid,
    account_sid: r.accountSid,
    unique_name: r.uniqueName,
    description: r.description,
    date_created: r.dateCreated,
    date_updated: r.dateUpdated,
    url,
    links: { buckets: `${url}/Buckets` },
  };
}

/** Model → `verify.v2.service.rate_limit.bucket` JSON. */
export function toBucketJson(b: Bucket, origin: string) {
  return {
    sid: b.sid,
    rate_limit_sid: b.rateLimitSid,
    service_sid: b.serviceSid,
    account_sid: b.accountSid,
    max: b.max,
    interval: b.interval,
    date_created: b.dateCreated,
    date_updated: b.dateUpdated,
    url: `${origin}/v2/Services/${b.serviceSid}/RateLimits/${b.rateLimitSid}/Buckets/${b.sid}`,
  };
}
