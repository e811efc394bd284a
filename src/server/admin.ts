import { Hono, type Context as HonoContext } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { resetContext, type Context } from '../core/context.js';
import { HookyardError, invalidParam, notFound } from '../core/errors.js';
import { parseDeliveryFilter } from '../delivery/filter.js';
import type { DeliveryFilter } from '../delivery/journal.js';
import { routeClock } from './clock-routes.js';
import { ChaosOptionError, validateChaos, type ChaosOptions } from '../delivery/chaos.js';
import { parsePublicUrlRules, PublicUrlError, type PublicUrlRule } from '../delivery/public-url.js';
import { emitEvent, summarizeEmit, type EmitRequestJson } from './emit.js';
import type { Provider } from '../providers/provider.js';
import { parseRequestFilter } from '../requests/filter.js';

/** hookyard's own errors: `{ error: { kind, message, param? } }`. */
export function adminOnError(err: Error, c: HonoContext): Response {
  if (!(err instanceof HookyardError)) {
    console.error(err);
    return c.json({ error: { kind: 'internal', message: 'Internal error' } }, 500);
  }
  const body = { error: { kind: err.kind, message: err.message, ...(err.detail.param ? { param: err.detail.param } : {}) } };
  return c.json(body, err.status as ContentfulStatusCode);
}

/** The journal filter of a query string (paging keys aside), checked like every other filter. */
export const filterFromQuery = (query: Record<string, string[]>, providers: readonly Provider[]): DeliveryFilter => {
  const { limit: _l, cursor: _c, ...rest } = query;
  return parseDeliveryFilter(Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v.at(-1)])), providers.map((p) => p.name));
};

/** `limit` (1..1000, default 100) and `cursor` (the previous page's `next`, an id with this prefix). */
function paging(c: HonoContext, prefix: string, what: string): { limit: number; cursor: string | undefined } {
  const limitText = c.req.query('limit');
  const limit = limitText === undefined ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidParam('limit', 'limit must be an integer from 1 to 1000');
  const cursor = c.req.query('cursor');
  if (cursor !== undefined && !new RegExp(`^${prefix}[0-9a-f]{32}$`).test(cursor)) throw invalidParam('cursor', `cursor is a page's \`next\` (${what})`);
  return { limit, cursor };
}

/** `/_hookyard/*`: health, reset, the delivery journal and event emission. No auth: it is local tooling. */
export function createAdminApp(ctx: Context, providers: readonly Provider[], meta: { version: string }): Hono {
  const app = new Hono();
  app.onError(adminOnError);

  app.get('/health', (c) =>
    c.json({ status: 'ok', name: 'hookyard', version: meta.version, store: ctx.store.mode, providers: providers.map((p) => p.name) }),
  );

  app.post('/reset', async (c) => {
    await resetContext(ctx);
    return c.json({ reset: true });
  });

  /** Newest first, `limit` (1..1000, default 100) at a time; `cursor` is the previous page's `next`. */
  app.get('/deliveries', (c) => {
    const { limit, cursor } = paging(c, 'HD', 'a delivery id');
    const page = ctx.journal.page(filterFromQuery(c.req.queries(), providers), { limit, before: cursor });
    return c.json({ ...page, evicted: ctx.journal.evicted });
  });

  /** The calls the app made to the fake APIs, newest first and paged like deliveries; `param.To=…` filters by a parameter. */
  app.get('/requests', (c) => {
    const { limit, cursor } = paging(c, 'RQ', 'a request id');
    const { limit: _l, cursor: _c, ...rest } = c.req.queries();
    const filter = parseRequestFilter(Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v.at(-1)])), providers);
    return c.json({ ...ctx.requests.page(filter, { limit, before: cursor }), evicted: ctx.requests.evicted });
  });

  app.get('/requests/:id', (c) => {
    const record = ctx.requests.get(c.req.param('id'));
    if (!record) throw notFound(`No request ${c.req.param('id')} in the journal`);
    return c.json(record);
  });

  /** Forgets the calls journaled so far (the fake APIs' data stays), as WireMock's resetRequests does. */
  app.delete('/requests', (c) => {
    ctx.requests.clear();
    return c.body(null, 204);
  });

  app.post('/deliveries/:id/replay', async (c) => {
    const record = ctx.journal.get(c.req.param('id'));
    if (!record) throw notFound(`No delivery ${c.req.param('id')} in the journal`);
    return c.json(await ctx.delivery.replay(record).first, 201);
  });

  /** Redelivers every failed delivery for a target (since a time): what a receiver missed while it was down. */
  app.post('/deliveries/recover', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { target?: unknown; since?: unknown } | null;
    if (typeof body?.target !== 'string') throw invalidParam('target', 'target is required: the URL (or webhook/sink id) whose failed deliveries to resend');
    if (body.since !== undefined && (typeof body.since !== 'string' || Number.isNaN(Date.parse(body.since)))) throw invalidParam('since', 'since must be an ISO time');
    // A delivery replayed already is represented by its replay: only the newest of each chain is resent, once.
    const recovered = new Set(ctx.journal.list().flatMap((x) => (x.replayOf ? [x.replayOf] : [])));
    const failed = ctx.journal
      .list({ target: body.target, since: body.since as string | undefined })
      .filter((r) => r.outcome !== 'delivered' && r.outcome !== 'pending' && r.outcome !== 'not_delivered' && r.nextAttemptAt === null && !recovered.has(r.id));
    const replays = await Promise.all(failed.map((r) => ctx.delivery.replay(r).first));
    return c.json({ recovered: replays.length, deliveries: replays });
  });

  app.get('/deliveries/:id', (c) => {
    const record = ctx.journal.get(c.req.param('id'));
    if (!record) throw notFound(`No delivery ${c.req.param('id')} in the journal`);
    return c.json(record);
  });

  routeClock(app, ctx);
  for (const p of providers) if (p.admin) app.route('/', p.admin(ctx));

  app.get('/chaos', (c) => c.json({ chaos: ctx.delivery.chaos?.options ?? null }));

  app.put('/chaos', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as unknown;
    if (body === undefined) throw invalidParam('body', 'send chaos options {duplicate, reorderWindowMs, latencyMs: {min, max}, dropFirst}, or null to turn chaos off');
    let options: ChaosOptions | undefined;
    try {
      options = body === null ? undefined : validateChaos(body);
    } catch (err) {
      if (err instanceof ChaosOptionError) throw invalidParam(err.field, err.message);
      throw err;
    }
    ctx.delivery.chaos?.set(options);
    return c.json({ chaos: options ?? null });
  });

  /** `{ "http://127.0.0.1:3000": "https://abc.ngrok.app" }`: sign for the URL the app believes it has. */
  const rulesJson = (rules: PublicUrlRule[]) => ({ publicUrls: Object.fromEntries(rules.map((r) => [r.local, r.public])) });
  app.get('/public-urls', (c) => c.json(rulesJson(ctx.publicUrls.rules())));
  app.put('/public-urls', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as unknown;
    let rules: PublicUrlRule[];
    try {
      rules = parsePublicUrlRules(body ?? null);
    } catch (err) {
      if (err instanceof PublicUrlError) throw invalidParam('publicUrls', err.message);
      throw err;
    }
    ctx.publicUrls.set(rules);
    return c.json(rulesJson(rules));
  });

  app.get('/schedules', (c) => c.json({ schedules: ctx.scheduler.list() }));

  app.delete('/schedules/:id', (c) => {
    if (!ctx.scheduler.cancel(c.req.param('id'))) throw notFound(`No active schedule ${c.req.param('id')}`);
    return c.body(null, 204);
  });

  app.post('/events', async (c) => {
    let body: EmitRequestJson;
    try {
      body = (await c.req.json()) as EmitRequestJson;
    } catch {
      throw invalidParam('body', 'The body must be a JSON object such as {"type":"factor.created","serviceSid":"VA…"}');
    }
    const result = await emitEvent(ctx, providers, body);
    return c.json(body?.records === true ? result : summarizeEmit(result), result.waited ? 200 : 202);
  });

  return app;
}
