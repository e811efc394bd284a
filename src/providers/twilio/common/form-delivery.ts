import type { OutboundRequest } from '../../../events/event.js';
import { twilioSignature } from './signature.js';

/** Twilio's default read timeout for webhooks (connection override `rt`). */
export const TWILIO_WEBHOOK_TIMEOUT_MS = 15_000;

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
