import { Hono } from 'hono';
import type { Context } from '../core/context.js';
import { notFound } from '../core/errors.js';
import { PROVIDERS } from '../providers/index.js';
import type { Provider } from '../providers/provider.js';
import { twilioOnError } from '../providers/twilio/common/error-json.js';
import { PROVIDER_HOSTS } from '../providers/hosts.js';
import { createAdminApp } from './admin.js';

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
export function createApp(ctx: Context, options: { version: string; providers?: readonly Provider[] }): App {
  const providers = options.providers ?? PROVIDERS;
  const admin = createAdminApp(ctx, providers, { version: options.version });
  const root = new Hono();
  root.route('/_hookyard', admin);
  const byHost = new Map<string, Hono>();
  for (const provider of providers) {
    const routes = provider.routes(ctx);
    root.route('/', routes);
    ctx.emitter.register(provider.name, provider.matcher(ctx));
    for (const host of provider.hosts) {
      const hostApp = new Hono();
      hostApp.route('/_hookyard', admin);
      hostApp.route('/', routes);
      mountNotFound(hostApp, [provider]);
      byHost.set(host, hostApp);
    }
  }
  // A real host whose API is not mounted here still routes by host: everything on it is a 404.
  for (const host of Object.keys(PROVIDER_HOSTS)) {
    if (byHost.has(host)) continue;
    const empty = new Hono();
    empty.route('/_hookyard', admin);
    mountNotFound(empty, []);
    byHost.set(host, empty);
  }
  mountNotFound(root, providers);
  return {
    hono: root,
    providers,
    fetch(request, env) {
      const host = request.headers.get('host')?.replace(/:\d+$/, '').toLowerCase();
      return (host === undefined ? root : (byHost.get(host) ?? root)).fetch(request, env);
    },
  };
}
