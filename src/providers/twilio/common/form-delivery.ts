import type { OutboundRequest } from '../../../events/event.js';
import { parseConnectionOverrides, twilioRetry, type RetryPolicy } from '../../../delivery/retry.js';
import type { Route } from '../../../delivery/public-url.js';
import { twilioSignature } from './signature.js';

/**
 * What a Twilio form webhook delivery needs besides its request: timeouts and retries from the URL's
 * connection overrides (`#ct=…&rt=…&tt=…&rc=…&rp=…`), or Twilio's defaults.
 */
export function twilioDeliveryOptions(webhookUrl: string) {
  let options = optionsByUrl.get(webhookUrl);
  if (!options) {
    const o = parseConnectionOverrides(webhookUrl);
    options = { timeoutMs: o.rt, connectTimeoutMs: o.ct, retry: twilioRetry(o), errorCodes: 'twilio' };
    remember(optionsByUrl, webhookUrl, options);
  }
  return options;
}

/** Per-URL results are cached (a handful of webhook URLs, each delivered to many times); bounded all the same. */
const optionsByUrl = new Map<string, { timeoutMs: number; connectTimeoutMs: number; retry: RetryPolicy; errorCodes: string }>();
const strippedUrls = new Map<string, string>();
function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= 1000) cache.clear();
  cache.set(key, value);
}

/** The URL Twilio requests and signs: without the `#…` connection-override fragment. */
function withoutFragment(webhookUrl: string): string {
  let url = strippedUrls.get(webhookUrl);
  if (url === undefined) {
    const u = new URL(webhookUrl);
    u.hash = '';
    url = u.toString();
    remember(strippedUrls, webhookUrl, url);
  }
  return url;
}

/**
 * A Twilio form webhook: POST `application/x-www-form-urlencoded`, signed over the URL the receiver
 * sees (`route.sign`: its public URL behind a tunnel). A `#ct=…&rc=…` connection-override fragment is
 * never sent, so it is stripped before signing.
 * @see https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides
 */
export function toFormRequest(authToken: string, route: Route, params: Record<string, string>, idempotencyToken: string, body = formBody(params)): OutboundRequest {
  const url = withoutFragment(route.send);
  const signed = route.sign === route.send ? url : withoutFragment(route.sign);
  return {
    url,
    ...(signed === url ? {} : { signedUrl: signed }),
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'TwilioProxy/1.1',
      'i-twilio-idempotency-token': idempotencyToken,
      'x-twilio-signature': twilioSignature(authToken, signed, params),
    },
    // Passed in when many targets get the same event: one string for all of them, not a copy each.
    body,
  };
}

/** What `encodeURIComponent` leaves as is but a form body percent-encodes; and its space, which a form writes `+`. */
const FORM_EXTRA = /[!'()~]|%20/g;
const formExtra = (ch: string) => (ch === '%20' ? '+' : `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
/** Text a form body carries unchanged (the `application/x-www-form-urlencoded` serializer's safe set). */
const FORM_SAFE = /^[A-Za-z0-9*\-._]*$/;

/** One name or value as a form body writes it: byte for byte what `URLSearchParams` gives. */
function formEncode(text: string): string {
  if (FORM_SAFE.test(text)) return text;
  try {
    return encodeURIComponent(text).replace(FORM_EXTRA, formExtra);
  } catch {
    // A lone surrogate: URLSearchParams writes U+FFFD for it, where encodeURIComponent throws.
    return new URLSearchParams([['', text]]).toString().slice(1);
  }
}

/**
 * `new URLSearchParams(params).toString()`, byte for byte, without building the URLSearchParams: one string
 * per delivery body, in the params' own order.
 */
export function formBody(params: Record<string, string>): string {
  let body = '';
  for (const name in params) body += (body === '' ? '' : '&') + formEncode(name) + '=' + formEncode(params[name]!);
  return body;
}

/** `entity_identity` → `entityIdentity`, so overrides may use the wire's or hookyard's spelling. */
export function camelizeKeys(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()), v]));
}
