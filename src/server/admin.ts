import { Hono, type Context as HonoContext } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { resetContext, type Context } from '../core/context.js';
import { HookyardError, invalidParam, notFound } from '../core/errors.js';
import { routeClock } from './clock-routes.js';
import { ChaosOptionError, validateChaos, type ChaosOptions } from '../delivery/chaos.js';
import { parsePublicUrlRules, PublicUrlError, type PublicUrlRule } from '../delivery/public-url.js';
import { emitEvent, summarizeEmit, type EmitRequestJson } from './emit.js';
import type { Provider } from '../providers/provider.js';
import { routeJournals } from './journal-routes.js';
import { routeInspector } from '../inspector/routes.js';
import { routeState } from '../state/routes.js';

/** hookyard's own errors: `{ error: { kind, message, param? } }`. */
export function adminOnError(err: Error, c: HonoContext): Response {
  if (!(err instanceof HookyardError)) {
    console.error(err);
    return c.json({ error: { kind: 'internal', message: 'Internal error' } }, 500);
  }
  const body = { error: { kind: err.kind, message: err.message, ...(err.detail.param ? { param: err.detail.param } : {}) } };
  return c.json(body, err.status as ContentfulStatusCode);
}

/** `/_hookyard/*`: health, reset, the delivery journal and event emission. No auth: it is local tooling. */
export function createAdminApp(
  ctx: Context,
  providers: readonly Provider[],
  meta: { version: string; /** hookyard itself, for the inspector's trigger form (setup goes through the API). */ fetch: (r: Request) => Response | Promise<Response>; adminToken?: string | undefined },
): Hono {
  const app = new Hono();
  app.onError(adminOnError);

  app.get('/health', (c) =>
    c.json({ status: 'ok', name: 'hookyard', version: meta.version, store: ctx.store.mode, providers: providers.map((p) => p.name) }),
  );

  app.post('/reset', async (c) => {
    await resetContext(ctx);
    return c.json({ reset: true });
  });

  routeJournals(app, ctx, providers);
  routeState(app, ctx, providers);
  routeInspector(app, ctx, providers, { fetch: meta.fetch, adminToken: meta.adminToken });
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
