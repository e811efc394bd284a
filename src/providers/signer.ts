import { createSecretKey, type KeyObject } from 'node:crypto';
import type { Context } from '../core/context.js';
import type { DeliveryRecord } from '../delivery/journal.js';
import type { OutboundRequest } from '../delivery/request.js';

/**
 * Whether a delivered request's signature verifies, recomputed with the key in force now (the account's
 * Auth Token, the webhook's secret) — what the inspector shows beside each delivery.
 */
export interface SignatureReport {
  /** The header that carries it (`x-twilio-signature`, `x-sinch-webhook-signature`). */
  header: string;
  /** The recipe, in a line. */
  scheme: string;
  /** Which key was used to recompute it (`Auth Token of AC…`, `secret of webhook 01…`). */
  key: string;
  /** What the request carried; null when it carried none. */
  sent: string | null;
  /** What the recipe gives with that key; null when there is no key to compute it with. */
  expected: string | null;
  /** The exact text that was HMAC'd. */
  signedString: string;
  /** For Twilio JSON deliveries: the body's SHA-256 and the `bodySHA256` the URL carries. */
  bodyHash?: { sent: string | null; actual: string; valid: boolean };
  valid: boolean;
  /** Why it does not verify, in the user's terms. */
  reason?: string;
}

/** How one provider signs its deliveries: checked for the inspector, and redone for a replay with an edited body. */
export interface DeliverySigner {
  explain(ctx: Context, record: DeliveryRecord, request: OutboundRequest): SignatureReport;
  /** The same request with `body` in place of its body, signed anew; throws a HookyardError for a body the wire cannot carry. */
  resign(ctx: Context, record: DeliveryRecord, body: string): OutboundRequest;
}

/** Secret keys by their text, made once: building the key is a good part of an HMAC's cost (bounded all the same). */
const keys = new Map<string, KeyObject>();

/** The HMAC key for a secret (an Auth Token, a webhook secret) as its UTF-8 bytes, as `createHmac(alg, secret)` takes it. */
export function hmacKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (key === undefined) {
    if (keys.size >= 1000) keys.clear();
    keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf-8'))));
  }
  return key;
}
