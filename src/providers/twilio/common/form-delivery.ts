import type { OutboundRequest } from '../../../events/event.js';
import { parseConnectionOverrides, twilioRetry } from '../../../delivery/retry.js';
import { twilioSignature } from './signature.js';

/**
 * What a Twilio form webhook delivery needs besides its request: timeouts and retries from the URL's
 * connection overrides (`#ct=…&rt=…&tt=…&rc=…&rp=…`), or Twilio's defaults.
 */
export function twilioDeliveryOptions(webhookUrl: string) {
  const o = parseConnectionOverrides(webhookUrl);
  return { timeoutMs: o.rt, connectTimeoutMs: o.ct, retry: twilioRetry(o) };
}

/**
 * A Twilio form webhook: POST `application/x-www-form-urlencoded`, signed over the URL the receiver
 * sees. A `#ct=…&rc=…` connection-override fragment is never sent, so it is stripped before signing.
 * @see https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides
 */
export function toFormRequest(authToken: string, webhookUrl: string, params: Record<string, string>, idempotencyToken: string): OutboundRequest {
  const u = new URL(webhookUrl);
  u.hash = '';
  const url = u.toString();
  return {
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'TwilioProxy/1.1',
      'i-twilio-idempotency-token': idempotencyToken,
      'x-twilio-signature': twilioSignature(authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}

/** `entity_identity` → `entityIdentity`, so overrides may use the wire's or hookyard's spelling. */
export function camelizeKeys(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()), v]));
}
