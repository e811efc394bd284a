import { createHmac } from 'node:crypto';
import { hmacKey } from '../../signer.js';

/**
 * `x-sinch-webhook-signature`: base64 HMAC-SHA256, keyed with the webhook's secret as UTF-8, over
 * `rawBody + "." + nonce + "." + timestamp`. Sinch states this recipe for Conversation API callbacks,
 * which carry the same four headers; applying it to Provisioning callbacks is inferred.
 * @see https://developers.sinch.com/docs/conversation/callbacks#validating-callback-requests
 */
export function sinchSignature(secret: string, rawBody: string, nonce: string, timestamp: string): string {
  return createHmac('sha256', hmacKey(secret)).update(`${rawBody}.${nonce}.${timestamp}`, 'utf-8').digest('base64');
}
