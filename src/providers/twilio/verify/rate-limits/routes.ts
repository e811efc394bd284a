import type { Hono } from 'hono';
import { toIsoSeconds } from '../../../../core/clock.js';
import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { newSid } from '../../../../core/ids.js';
import { publicOrigin } from '../../../hosts.js';
import { readForm } from '../../common/app.js';
import type { TwilioEnv } from '../../common/auth.js';
import { toPageJson } from '../../common/page.js';
import { int, str } from '../../common/params.js';
import { requireRow } from '../../common/resource.js';
import { verifyError } from '../errors.js';
import { VERIFY_PATHS } from '../paths.js';
import { requireService } from '../services/routes.js';
import { BUCKETS_BY_LIMIT, LIMITS_BY_SERVICE, VERIFY_BUCKETS, VERIFY_RATE_LIMIT_HITS, VERIFY_RATE_LIMITS, type Bucket, type RateLimit, type RateLimitHit } from './model.js';
import { toBucketJson, toRateLimitJson } from './serialize.js';

/** hookyard's limits (Twilio documents that limits exist, 60207 and 60210, not their size). */
export const MAX_RATE_LIMITS_PER_SERVICE = 100;
export const MAX_BUCKETS_PER_RATE_LIMIT = 100;
/** A unique name: letters, digits, `.`, `_`, `-`, up to 191 characters, and not shaped like a SID. */
const UNIQUE_NAME = /^[A-Za-z0-9._-]{1,191}$/;

/**
 * Service Rate Limits and their Buckets: create, list, fetch, update, delete each. Deleting a limit
 * deletes its buckets.
 * @see https://www.twilio.com/docs/verify/api/service-rate-limits
 */
export function routeRateLimits(app: Hono<TwilioEnv>, ctx: Context): void {
  const limits = createCollection<RateLimit>(ctx.store, VERIFY_RATE_LIMITS);
  const buckets = createCollection<Bucket>(ctx.store, VERIFY_BUCKETS);
  const requireLimit = (accountSid: string, serviceSid: string, sid: string) => {
    requireService(ctx, accountSid, serviceSid);
    return requireRow(limits, accountSid, sid, 'verifyRateLimit', `/Services/${serviceSid}/RateLimits/${sid}`, (r) => r.serviceSid === serviceSid);
  };
  const requireBucket = (accountSid: string, serviceSid: string, limitSid: string, sid: string) => {
    requireLimit(accountSid, serviceSid, limitSid);
    return requireRow(buckets, accountSid, sid, 'verifyBucket', `/Services/${serviceSid}/RateLimits/${limitSid}/Buckets/${sid}`, (b) => b.rateLimitSid === limitSid);
  };
  const now = () => toIsoSeconds(ctx.clock.now());
  const bucketParams = (form: Map<string, string[]>, required: boolean) => ({
    max: int(form, 'Max', { min: 0, max: 1_000_000_000 }, { required }),
    interval: int(form, 'Interval', { min: 1, max: 31_536_000 }, { required }),
  });
  const intervalTaken = (b: { accountSid: string; rateLimitSid: string; sid?: string }, interval: number) => {
    if (buckets.by(b.accountSid, BUCKETS_BY_LIMIT, b.rateLimitSid).some((x) => x.interval === interval && x.sid !== b.sid)) {
      throw verifyError(400, 60211, `A Bucket with Interval ${interval} already exists for this Rate Limit`, 'Interval');
    }
  };

  app.post(VERIFY_PATHS.rateLimits, async function createRateLimit(c) {
    const form = await readForm(c);
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const uniqueName = str(form, 'UniqueName', { required: true })!;
    if (!UNIQUE_NAME.test(uniqueName) || /^[A-Z]{2}[0-9a-fA-F]{32}$/.test(uniqueName)) throw verifyError(400, 60209, `Invalid UniqueName '${uniqueName}': use letters, digits, '.', '_' or '-', up to 191 characters`, 'UniqueName');
    const mine = limits.by(c.get('accountSid'), LIMITS_BY_SERVICE, service.sid);
    if (mine.some((r) => r.uniqueName === uniqueName)) throw verifyError(400, 60208, `A Rate Limit with UniqueName '${uniqueName}' already exists`, 'UniqueName');
    if (mine.length >= MAX_RATE_LIMITS_PER_SERVICE) throw verifyError(400, 60207, `Max number of Rate Limits per Service (${MAX_RATE_LIMITS_PER_SERVICE}) reached`);
    const t = now();
    const row = limits.insert(c.get('accountSid'), {
      sid: newSid(ctx.random, 'verifyRateLimit'),
      accountSid: c.get('accountSid'),
      serviceSid: service.sid,
      uniqueName,
      description: str(form, 'Description') ?? null,
      dateCreated: t,
      dateUpdated: t,
    });
    await ctx.store.commit();
    return c.json(toRateLimitJson(row, publicOrigin(c)), 201);
  });

  app.get(VERIFY_PATHS.rateLimits, function listRateLimit(c) {
    const service = requireService(ctx, c.get('accountSid'), c.req.param('ServiceSid'));
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'rate_limits', limits.by(c.get('accountSid'), LIMITS_BY_SERVICE, service.sid), (r) => toRateLimitJson(r, origin)));
  });

  app.get(VERIFY_PATHS.rateLimit, function fetchRateLimit(c) {
    return c.json(toRateLimitJson(requireLimit(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Sid')), publicOrigin(c)));
  });

  app.post(VERIFY_PATHS.rateLimit, async function updateRateLimit(c) {
    const form = await readForm(c);
    const r = requireLimit(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Sid'));
    const description = str(form, 'Description');
    const row = limits.replace(c.get('accountSid'), { ...r, description: description ?? r.description, dateUpdated: now() });
    await ctx.store.commit();
    return c.json(toRateLimitJson(row, publicOrigin(c)));
  });

  app.delete(VERIFY_PATHS.rateLimit, async function deleteRateLimit(c) {
    const r = requireLimit(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('Sid'));
    limits.remove(c.get('accountSid'), r.sid);
    buckets.removeWhere(c.get('accountSid'), (b) => b.rateLimitSid === r.sid);
    createCollection<RateLimitHit>(ctx.store, VERIFY_RATE_LIMIT_HITS).removeWhere(c.get('accountSid'), (h) => h.rateLimitSid === r.sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });

  app.post(VERIFY_PATHS.buckets, async function createBucket(c) {
    const form = await readForm(c);
    const limit = requireLimit(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('RateLimitSid'));
    const p = bucketParams(form, true);
    intervalTaken({ accountSid: c.get('accountSid'), rateLimitSid: limit.sid }, p.interval!);
    if (buckets.count(c.get('accountSid'), (b) => b.rateLimitSid === limit.sid) >= MAX_BUCKETS_PER_RATE_LIMIT) throw verifyError(400, 60210, `Max number of Buckets per Rate Limit (${MAX_BUCKETS_PER_RATE_LIMIT}) reached`);
    const t = now();
    const row = buckets.insert(c.get('accountSid'), { sid: newSid(ctx.random, 'verifyBucket'), accountSid: c.get('accountSid'), serviceSid: limit.serviceSid, rateLimitSid: limit.sid, max: p.max!, interval: p.interval!, dateCreated: t, dateUpdated: t });
    await ctx.store.commit();
    return c.json(toBucketJson(row, publicOrigin(c)), 201);
  });

  app.get(VERIFY_PATHS.buckets, function listBucket(c) {
    const limit = requireLimit(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('RateLimitSid'));
    const origin = publicOrigin(c);
    return c.json(toPageJson(c, 'buckets', buckets.by(c.get('accountSid'), BUCKETS_BY_LIMIT, limit.sid), (b) => toBucketJson(b, origin)));
  });

  app.get(VERIFY_PATHS.bucket, function fetchBucket(c) {
    return c.json(toBucketJson(requireBucket(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('RateLimitSid'), c.req.param('Sid')), publicOrigin(c)));
  });

  app.post(VERIFY_PATHS.bucket, async function updateBucket(c) {
    const form = await readForm(c);
    const b = requireBucket(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('RateLimitSid'), c.req.param('Sid'));
    const p = bucketParams(form, false);
    if (p.interval !== undefined) intervalTaken(b, p.interval);
    const row = buckets.replace(c.get('accountSid'), { ...b, max: p.max ?? b.max, interval: p.interval ?? b.interval, dateUpdated: now() });
    await ctx.store.commit();
    return c.json(toBucketJson(row, publicOrigin(c)));
  });

  app.delete(VERIFY_PATHS.bucket, async function deleteBucket(c) {
    const b = requireBucket(c.get('accountSid'), c.req.param('ServiceSid'), c.req.param('RateLimitSid'), c.req.param('Sid'));
    buckets.remove(c.get('accountSid'), b.sid);
    await ctx.store.commit();
    return c.body(null, 204);
  });
}
