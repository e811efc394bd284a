import type { Context as HonoContext, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Context } from '../core/context.js';
import type { Provider } from '../providers/provider.js';
import type { ParamValue, RequestRecord } from './journal.js';

/** Bodies larger than this are not kept (the call still is, with path and query). */
export const MAX_KEPT_BODY = 64 * 1024;
/** Never journaled as sent. */
const REDACTED = new Set(['client_secret']);

/** `/v2/Services/:ServiceSid/Webhooks` → `/v2/Services/{ServiceSid}/Webhooks`, as the specs write it. */
const toSpecPath = (route: string) => route.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

/** The route that answered (or would have, when a middleware refused first): the endpoint, never a `use()`. */
function endpointRoute(c: HonoContext): { method: string; path: string } | undefined {
  const routes = matchedRoutes(c);
  const at = c.req.routeIndex;
  return routes[at]?.method !== 'ALL' ? routes[at] : routes.slice(Math.max(at, 0)).find((r) => r.method !== 'ALL');
}

function pathParams(route: string, path: string): Record<string, string> {
  const names = route.split('/');
  const values = path.split('/');
  const out: Record<string, string> = {};
  names.forEach((n, i) => {
    const m = /^:(\w+)/.exec(n);
    if (m && values[i] !== undefined) out[m[1]!] = safeDecode(values[i]!);
  });
  return out;
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

function addAll(into: Record<string, ParamValue>, entries: Iterable<[string, string]>): void {
  const seen = new Map<string, string[]>();
  for (const [k, v] of entries) seen.set(k, [...(seen.get(k) ?? []), REDACTED.has(k) ? '[redacted]' : v]);
  for (const [k, vs] of seen) into[k] = vs.length === 1 ? vs[0]! : vs;
}

/** The body's parameters: form fields, or a JSON body (kept whole, its top-level fields as params). */
async function readBody(c: HonoContext, params: Record<string, ParamValue>): Promise<Pick<RequestRecord, 'body' | 'bodyTruncated'>> {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.res.status === 413) return {};
  let text: string;
  try {
    text = await c.req.text(); // what the handler read, from Hono's cache
  } catch {
    return {};
  }
  if (text.length > MAX_KEPT_BODY) return { bodyTruncated: true };
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) addAll(params, new URLSearchParams(text));
  else if (type.includes('json') && text !== '') {
    try {
      const body = JSON.parse(text) as unknown;
      if (body !== null && typeof body === 'object' && !Array.isArray(body)) Object.assign(params, body);
      return { body };
    } catch {
      return {};
    }
  }
  return {};
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
 * The operation comes from the provider's operation table, keyed by the matched route.
 */
export function recordRequests(ctx: Context, providers: readonly Provider[]): MiddlewareHandler {
  const index = new Map<string, { provider: string; operation: string }>();
  for (const p of providers) for (const [key, operation] of Object.entries(p.operations)) index.set(key, { provider: p.name, operation });
  return async function journalRequest(c, next) {
    const path = c.req.path;
    if (path === '/_hookyard' || path.startsWith('/_hookyard/')) return next();
    const at = ctx.clock.now().toISOString();
    const started = performance.now();
    await next();
    const route = endpointRoute(c);
    const known = route && index.get(`${route.method} ${toSpecPath(route.path)}`);
    const params: Record<string, ParamValue> = route ? pathParams(route.path, path) : {};
    addAll(params, new URL(c.req.url).searchParams);
    const body = await readBody(c, params);
    ctx.requests.add({
      at,
      provider: known?.provider ?? null,
      operation: known?.operation ?? null,
      method: c.req.method,
      path,
      route: known && route ? toSpecPath(route.path) : null,
      host: c.req.header('host') ?? '',
      account: ((c.get('accountSid') as string | undefined) ?? (c.get('projectId') as string | undefined)) || null,
      params,
      ...body,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      ...(c.res.status >= 400 ? { error: await readError(c.res) } : {}),
    });
  };
}
