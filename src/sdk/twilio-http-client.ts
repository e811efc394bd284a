import { createRequire } from 'node:module';
import type TwilioSdk from 'twilio';
/** The slice of twilio-node's `RequestOpts` this client reads. */
export interface TwilioRequestOpts {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

/**
 * What `twilio(sid, token, { httpClient })` takes: the SDK's own `RequestClient` type (a class with private
 * members, so nothing but an instance of it — or of a subclass, which this is — type-checks there).
 */
export type TwilioHttpClient = TwilioSdk.RequestClient;

type Send = (opts: TwilioRequestOpts) => Promise<{ statusCode: number; body: string; headers: Record<string, string> }>;

/** twilio's RequestClient class, from the app's own `twilio` (an optional peer dependency), if it has one. */
function sdkRequestClient(): (new () => object) | undefined {
  try {
    return (createRequire(import.meta.url)('twilio') as { RequestClient?: new () => object }).RequestClient;
  } catch {
    return undefined;
  }
}

function appendAll(target: URLSearchParams, values: Record<string, unknown> | undefined): void {
  for (const [k, v] of Object.entries(values ?? {})) {
    if (v === undefined || v === null) continue;
    // twilio-node serialises arrays as repeated keys (qs arrayFormat "repeat").
    for (const item of Array.isArray(v) ? v : [v]) target.append(k, item instanceof Date ? item.toISOString() : String(item));
  }
}

/**
 * An `httpClient` for the official `twilio` SDK that sends every `*.twilio.com` request to hookyard
 * instead, leaving everything else about the SDK unchanged:
 *
 *     const client = twilio(sid, token, { httpClient: twilioHttpClient('http://127.0.0.1:7373') });
 *
 * It uses the app's own `twilio` package (an optional peer dependency) only for its RequestClient base class.
 * @see https://github.com/twilio/twilio-node/blob/main/advanced-examples/custom-http-client.md
 */
export function twilioHttpClient(hookyardUrl: string): TwilioHttpClient {
  const target = new URL(hookyardUrl);
  const send: Send = async (opts) => {
    const url = new URL(opts.uri);
    if (url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com')) {
      url.protocol = target.protocol;
      url.host = target.host;
    }
    appendAll(url.searchParams, opts.params);
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.username !== undefined) {
      headers['Authorization'] = 'Basic ' + Buffer.from(`${opts.username}:${opts.password ?? ''}`).toString('base64');
    }
    let body: string | undefined;
    if (opts.data !== undefined && opts.method.toLowerCase() !== 'get') {
      const form = new URLSearchParams();
      appendAll(form, opts.data);
      body = form.toString();
    }
    const res = await fetch(url, { method: opts.method.toUpperCase(), headers, body: body ?? null, redirect: 'manual' });
    return { statusCode: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
  };
  // A subclass of the SDK's own RequestClient when the app has the SDK (so its types and any instanceof
  // checks agree); a plain object with the same `request` otherwise.
  const Base = sdkRequestClient();
  if (!Base) return { request: send } as unknown as TwilioHttpClient;
  const Client = class extends Base {
    request(opts: TwilioRequestOpts) {
      return send(opts);
    }
  };
  return new Client() as unknown as TwilioHttpClient;
}
