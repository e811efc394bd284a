import { createHash, createHmac } from 'node:crypto';
import { hmacKey } from '../../signer.js';

export type SignedParams = Record<string, string | readonly string[]>;

/**
 * What `X-Twilio-Signature` covers, form variant: the full URL, then each POST param name+value in
 * code-unit order of names (array values de-duplicated and sorted).
 * @see https://www.twilio.com/docs/usage/webhooks/webhooks-security
 */
export function twilioSignedString(url: string, params: SignedParams = {}): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name]!;
    const values = typeof value === 'string' ? [value] : [...new Set(value)].sort();
    for (const v of values) data += name + v;
  }
  return data;
}

/** `X-Twilio-Signature`: HMAC-SHA1 of the signed string, keyed with the account's Auth Token, base64. */
export function twilioSignature(authToken: string, url: string, params: SignedParams = {}): string {
  return createHmac('sha1', hmacKey(authToken)).update(twilioSignedString(url, params), 'utf-8').digest('base64');
}

/** Hex SHA-256 of a raw body, as Twilio puts in `bodySHA256` for JSON deliveries. */
export function bodySha256(body: string): string {
  return createHash('sha256').update(body, 'utf-8').digest('hex');
}

/** The URL a JSON delivery is sent to and signed over: the destination plus `bodySHA256=<hex>`. */
export function withBodyHash(url: string, body: string): string {
  const u = new URL(url);
  u.searchParams.append('bodySHA256', bodySha256(body));
  return u.toString();
}
