import { ulid } from 'ulid';
import { createCollection } from '../../../core/collection.js';
import { invalidParam } from '../../../core/errors.js';
import type { DeliverySigner } from '../../signer.js';
import { SINCH_WEBHOOKS, type SinchWebhook } from './webhooks/model.js';
import { sinchSignature } from '../common/signature.js';

const HEADER = 'x-sinch-webhook-signature';

/**
 * `x-sinch-webhook-signature` checked as the SDK's `validateWebhookSignature` does: HMAC-SHA256 over
 * `body.nonce.timestamp`, keyed with the secret the webhook has now (a secret changed since the delivery
 * makes it fail, as it would in the app).
 */
export const sinchSigner: DeliverySigner = {
  explain(ctx, record, request) {
    const webhook = createCollection<SinchWebhook>(ctx.store, SINCH_WEBHOOKS).get(record.scope, record.target.id);
    const nonce = request.headers['x-sinch-webhook-signature-nonce'] ?? '';
    const timestamp = request.headers['x-sinch-webhook-signature-timestamp'] ?? '';
    const sent = request.headers[HEADER] ?? null;
    const expected = webhook ? sinchSignature(webhook.secret, request.body, nonce, timestamp) : null;
    const reason =
      sent === null ? 'the request carried no x-sinch-webhook-signature'
      : !webhook ? `webhook ${record.target.id} no longer exists, so its secret is unknown`
      : sent !== expected ? "the signature does not match the body, nonce and timestamp with the webhook's secret"
      : undefined;
    return {
      header: HEADER,
      scheme: 'HMAC-SHA256 (base64) of body + "." + nonce + "." + timestamp',
      key: `secret of webhook ${record.target.id}`,
      sent,
      expected,
      signedString: `${request.body}.${nonce}.${timestamp}`,
      valid: reason === undefined,
      ...(reason === undefined ? {} : { reason }),
    };
  },
  /** A new delivery: a fresh nonce and the current time, as Sinch signs each callback. */
  resign(ctx, record, body) {
    const webhook = createCollection<SinchWebhook>(ctx.store, SINCH_WEBHOOKS).get(record.scope, record.target.id);
    if (!webhook) throw invalidParam('body', `webhook ${record.target.id} no longer exists: there is no secret to sign with`);
    try {
      JSON.parse(body);
    } catch {
      throw invalidParam('body', 'Sinch callbacks are JSON: the edited body must be valid JSON');
    }
    const now = ctx.clock.now();
    const nonce = ulid(now.getTime(), () => ctx.random.float());
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const headers = { ...record.request.headers, [HEADER]: sinchSignature(webhook.secret, body, nonce, timestamp), 'x-sinch-webhook-signature-nonce': nonce, 'x-sinch-webhook-signature-timestamp': timestamp };
    return { ...record.request, headers, body };
  },
};
