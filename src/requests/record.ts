import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Context } from '../core/context.js';
import type { Provider } from '../providers/provider.js';
import type { RequestRecord } from './journal.js';
import type { RawRequest } from './raw.js';

/** Bodies larger than this are not kept (the call still is, with path and query). */
export const MAX_KEPT_BODY = 64 * 1024;

/** The route that answered (or would have, when a middleware refused first): the endpoint, never a `use()`. */
function endpointRoute(c: HonoContext): { method: string; path: string } | undefined {
  const routes = matchedRoutes(c);
  const at = c.req.routeIndex;
  return routes[at]?.method !== 'ALL' ? routes[at] : routes.slice(Math.max(at, 0)).find((r) => r.method !== 'ALL');
}

/** The body the handler read, from Hono's cache (reading it now if the handler did not); undefined when none is kept. */
async function bodyText(c: HonoContext): Promise<string | undefined> {
  try {
    return await c.req.text();
  } catch {
    return undefined;
  }
}

/** The provider's error code and message, from an error answer (Twilio's `code`, Sinch's `errorCode`). */
async function readError(res: Response): Promise<RequestRecord['error']> {
  try {
    const json = (await res.clone().json()) as { code?: number; errorCode?: string; message?: string; error?: { message?: string } };
    const code = json.code ?? json.errorCode;
    const message = json.message ?? json.error?.message;
    return { ...(code === undefined ? {} : { code }), ...(message === undefined ? {} : { message }) };
  } catch {
    return {};
  }
}

/**
 * Journals every call to the fake APIs (not `/_hookyard`), after it is answered: what WireMock users verify.
 * The operation comes from the provider's operation table, keyed by the matched route. Only raw parts are
 * taken here; parameters are parsed when the journal is read.
 */
export function recordRequests(ctx: Context, providers: readonly Provider[]): MiddlewareHandler {
  // Keyed as Hono writes routes (`/v2/Services/:ServiceSid`), so a request costs one lookup.
  const index = new Map<string, { provider: string; operation: string; route: string }>();
  for (const p of providers)
    for (const [key, operation] of Object.entries(p.operations)) {
      const [method, route] = key.split(' ') as [string, string];
      index.set(`${method} ${route.replace(/\{(\w+)\}/g, ':$1')}`, { provider: p.name, operation, route });
    }
  // Hono's route objects live as long as the app: each is looked up by text once.
  const byRoute = new WeakMap<object, { provider: string; operation: string; route: string } | null>();
  const operationOf = (route: { method: string; path: string }) => {
    let op = byRoute.get(route);
    if (op === undefined) byRoute.set(route, (op = index.get(`${route.method} ${route.path}`) ?? null));
    return op;
  };
  return async function journalRequest(c, next) {
    const path = c.req.path;
    if (path.startsWith('/_hookyard') && (path.length === 10 || path[10] === '/')) return next();
    const atMs = ctx.clock.now().getTime();
    const started = performance.now();
    await next();
    const matched = endpointRoute(c);
    const known = matched && operationOf(matched);
    const status = c.res.status;
    const method = c.req.method;
    // One shape for every record (no spreads): the body only for methods that carry one and a body not refused as too large.
    const text = method === 'GET' || method === 'HEAD' || status === 413 ? undefined : await bodyText(c);
    const tooLong = text !== undefined && text.length > MAX_KEPT_BODY;
    const raw: RawRequest = {
      atMs,
      provider: known ? known.provider : null,
      operation: known ? known.operation : null,
      method,
      path,
      routePath: matched ? matched.path : null,
      route: known ? known.route : null,
      host: c.req.header('host') ?? '',
      account: ((c.get('accountSid') as string | undefined) ?? (c.get('projectId') as string | undefined)) || null,
      url: c.req.url,
      contentType: c.req.header('content-type') ?? '',
      text: tooLong ? undefined : text,
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    if (tooLong) raw.bodyTruncated = true;
    if (status >= 400) raw.error = await readError(c.res);
    ctx.requests.add(raw);
  };
}
