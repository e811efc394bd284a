import { Hono } from 'hono';
import type { Context } from '../core/context.js';
import { HookyardError, notFound } from '../core/errors.js';
import { memoize } from '../core/memo.js';
import { PROVIDERS } from '../providers/index.js';
import type { Provider } from '../providers/provider.js';
import { twilioOnError } from '../providers/twilio/common/error-json.js';
import { PROVIDER_HOSTS } from '../providers/hosts.js';
import { recordRequests } from '../requests/record.js';
import { adminOnError, createAdminApp } from './admin.js';
import { DEFAULT_MAX_BODY_BYTES, guard, renderRefusal, type GuardOptions } from './guard.js';

export interface App {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
  /** The path-routed app, for in-process calls (`app.request`). */
  hono: Hono;
  providers: readonly Provider[];
}

/**
 * Unknown paths answer in the shape of the provider that owns them; anything else gets Twilio's 20404,
 * whose message leaves out the version segment, as Twilio's does.
 */
function mountNotFound(app: Hono, providers: readonly Provider[]): void {
  app.notFound((c) => {
    if (new URL(c.req.url).pathname.startsWith('/_hookyard')) return adminOnError(notFound(`No admin route ${c.req.method} ${new URL(c.req.url).pathname}`), c);
    for (const p of providers) {
      const res = p.notFound?.(c);
      if (res) return res;
    }
    const path = new URL(c.req.url).pathname.replace(/^\/v\d+/, '');
    return twilioOnError(notFound(`The requested resource ${path} was not found`), c);
  });
}

/**
 * Mounts every provider and `/_hookyard` on one Hono app, routed by path. A request whose Host names a
 * real provider host (`verify.twilio.com` …) goes to an app holding only that provider.
 */
export function createApp(ctx: Context, options: { version: string; providers?: readonly Provider[]; guard?: Partial<GuardOptions> }): App {
  const providers = options.providers ?? PROVIDERS;
  // The inspector's trigger form calls hookyard's own API in-process, through the root app (built below).
  const admin = createAdminApp(ctx, providers, { version: options.version, fetch: (r) => root.fetch(r), adminToken: options.guard?.adminToken });
  // The request journal wraps the guard, so a call it refuses (a Host not allowed, a body too large) is journaled too.
  const checks = [recordRequests(ctx, providers), ...guard({ host: '127.0.0.1', allowedHosts: [], maxBodyBytes: DEFAULT_MAX_BODY_BYTES, ...options.guard }, providers)];
  /** Every top-level app runs the guard first, and renders its refusals in the shape of the path's owner. */
  const top = () => {
    const app = new Hono();
    app.use('*', ...checks);
    app.onError((err, c) => renderRefusal(providers, c, err instanceof HookyardError ? err : new HookyardError('internal', 'Internal server error')));
    return app;
  };
  const root = top();
  root.route('/_hookyard', admin);
  const byHost = new Map<string, Hono>();
  for (const provider of providers) {
    const routes = provider.routes(ctx);
    root.route('/', routes);
    ctx.emitter.register(provider.name, provider.matcher(ctx));
    for (const host of provider.hosts) {
      const hostApp = top();
      hostApp.route('/_hookyard', admin);
      hostApp.route('/', routes);
      mountNotFound(hostApp, [provider]);
      byHost.set(host, hostApp);
    }
  }
  // A real host whose API is not mounted here still routes by host: everything on it is a 404.
  for (const host of Object.keys(PROVIDER_HOSTS)) {
    if (byHost.has(host)) continue;
    const empty = top();
    empty.route('/_hookyard', admin);
    mountNotFound(empty, []);
    byHost.set(host, empty);
  }
  mountNotFound(root, providers);
  const appOfHost = memoize((header) => byHost.get(header.replace(/:\d+$/, '').toLowerCase()) ?? root);
  return {
    hono: root,
    providers,
    fetch(request, env) {
      const header = request.headers.get('host');
      if (header === null) return root.fetch(request, env);
      // A client sends one Host header over and over: which app it routes to is remembered.
      const app = appOfHost(header);
      return app.fetch(request, env);
    },
  };
}
