import type { Logger } from '../core/log.js';
import { PROVIDER_HOSTS } from '../providers/hosts.js';
import type { App } from '../server/app.js';

/** Only one hookyard at a time can own the process's outgoing requests. */
let owner: object | undefined;

export class InterceptError extends Error {
  override name = 'InterceptError';
}

/**
 * Routes every request this process makes to a host hookyard emulates (`verify.twilio.com`,
 * `events.twilio.com`, `sync.twilio.com`, `provisioning.api.sinch.com`, `auth.sinch.com`) — through `http`,
 * `https`, `XMLHttpRequest` and `fetch` — to this hookyard in-process, and leaves every other host alone. Built on
 * `@mswjs/interceptors` (what MSW itself uses), loaded only when asked for. Returns the function that removes it.
 */
export async function interceptProviderHosts(app: App, log: Logger): Promise<() => void> {
  if (owner) throw new InterceptError('another hookyard in this process already intercepts the provider hosts: close it first');
  const token = {};
  owner = token;
  const [{ BatchInterceptor }, { ClientRequestInterceptor }, { XMLHttpRequestInterceptor }, { FetchInterceptor }] = await Promise.all([
    import('@mswjs/interceptors'),
    import('@mswjs/interceptors/ClientRequest'),
    import('@mswjs/interceptors/XMLHttpRequest'),
    import('@mswjs/interceptors/fetch'),
  ]);
  // Fresh instances each time (the library's preset holds singletons, which cannot be applied again once disposed).
  const interceptor = new BatchInterceptor({ name: 'hookyard', interceptors: [new ClientRequestInterceptor(), new XMLHttpRequestInterceptor(), new FetchInterceptor()] });
  interceptor.on('request', async ({ request, controller }) => {
    const url = new URL(request.url);
    if (!Object.hasOwn(PROVIDER_HOSTS, url.hostname)) return; // not ours: the request goes out as it would have
    const headers = new Headers(request.headers);
    headers.set('host', url.host);
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    const answer = await app.fetch(new Request(url, { method: request.method, headers, ...(body === undefined ? {} : { body }) }));
    if (log.enabled('debug')) log.debug(`intercepted ${request.method} ${url.href} → ${answer.status}`);
    // The body is read into memory and its length declared: a client asking for keep-alive (twilio-node's
    // agent does) otherwise waits for the mocked connection to close to learn where the body ends.
    const bytes = answer.status === 204 || answer.status === 304 ? null : new Uint8Array(await answer.arrayBuffer());
    const out = new Headers(answer.headers);
    if (bytes) out.set('content-length', String(bytes.byteLength));
    controller.respondWith(new Response(bytes, { status: answer.status, statusText: answer.statusText, headers: out }));
  });
  interceptor.apply();
  return () => {
    interceptor.dispose();
    if (owner === token) owner = undefined;
  };
}
