import type { Hono } from 'hono';
import type { Context } from '../core/context.js';
import { parseDurationMs } from '../core/duration.js';
import { invalidParam } from '../core/errors.js';

/** The furthest one call may move the clock: 100 years, so a typo cannot push dates past what `Date` holds. */
const MAX_MOVE_MS = 100 * 365 * 86_400_000;

/**
 * `GET /_hookyard/clock` and `POST /_hookyard/clock` with `{"advance": "10m"}`, `{"set": "<iso>"}` or
 * `{"reset": true}`: move hookyard's time from outside, so expiry, TTLs, retries and schedules can be
 * tested against a running server. Moving forward runs every timer that falls due, in order.
 */
export function routeClock(app: Hono, ctx: Context): void {
  app.get('/clock', (c) => c.json(ctx.clock.state()));

  app.post('/clock', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidParam('body', 'send {"advance": "10m"}, {"set": "2026-01-01T00:00:00Z"} or {"reset": true}');
    const keys = Object.keys(body);
    if (keys.length !== 1 || !['advance', 'set', 'reset'].includes(keys[0]!)) throw invalidParam(keys.find((k) => !['advance', 'set', 'reset'].includes(k)) ?? 'body', 'send exactly one of advance, set or reset');
    if ('advance' in body) {
      const ms = parseDurationMs(body['advance']);
      if (ms === undefined || ms > MAX_MOVE_MS) throw invalidParam('advance', `advance must be a duration such as "10m", "90s", "1h30m", "2d" or a number of milliseconds, at most 100 years; got ${JSON.stringify(body['advance'])}`);
      ctx.clock.advance(ms);
    } else if ('set' in body) {
      const at = typeof body['set'] === 'string' && /^\d{4}-\d\d-\d\dT/.test(body['set']) ? Date.parse(body['set']) : NaN;
      if (Number.isNaN(at) || Math.abs(at - ctx.clock.now().getTime()) > MAX_MOVE_MS) throw invalidParam('set', `set must be an ISO 8601 time such as "2026-01-01T00:00:00Z" within 100 years of now; got ${JSON.stringify(body['set'])}`);
      ctx.clock.set(new Date(at));
    } else {
      if (body['reset'] !== true) throw invalidParam('reset', 'reset must be true');
      ctx.clock.resetOffset();
    }
    return c.json(ctx.clock.state());
  });
}
