import { ulid } from 'ulid';
import { createCollection } from '../../../core/collection.js';
import type { Context } from '../../../core/context.js';
import { invalidParam } from '../../../core/errors.js';
import type { DeliveryPlan, HookyardEvent, OutboundRequest } from '../../../events/event.js';
import { SINCH_RETRY } from '../../../delivery/retry.js';
import { fakerFor } from '../../../scenarios/fake.js';
import type { EmitInput } from '../../provider.js';
import { sinchSignature } from '../common/signature.js';
import type { SinchGenerator } from './payloads/generator.js';
import { SINCH_CALLBACK_TYPES } from './triggers.js';
import { SINCH_WEBHOOKS, type SinchWebhook } from './webhooks/model.js';

/** hookyard's choice: Sinch documents no callback timeout. 10 s, between Twilio's 5 s sinks and 15 s webhooks. */
export const SINCH_CALLBACK_TIMEOUT_MS = 10_000;

/** The payload generator for a trigger's family, loaded on first use rather than at start-up. */
async function generatorFor(type: string): Promise<SinchGenerator> {
  if (type.startsWith('WHATSAPP_')) {
    const w = await import('./payloads/whatsapp.js');
    return type.startsWith('WHATSAPP_TEMPLATE_') ? w.whatsappTemplate : type.startsWith('WHATSAPP_SENDER_') ? w.whatsappSender : w.whatsappAccount;
  }
  const o = await import('./payloads/rcs-kakaotalk-bundle.js');
  return type.startsWith('RCS_') ? o.rcs : type.startsWith('KAKAOTALK_') ? o.kakaotalk : o.bundle;
}

/** Builds a callback for any trigger: `{type, payload, comment?, newState?, futureCategory?}`; `data` overrides payload fields. */
export async function buildSinchEvent(ctx: Context, projectId: string, emit: EmitInput): Promise<HookyardEvent> {
  if (!(SINCH_CALLBACK_TYPES as readonly string[]).includes(emit.type)) throw invalidParam('type', `Unknown Sinch callback type '${emit.type}'; one of ${SINCH_CALLBACK_TYPES.join(', ')}`);
  if (!ctx.sinch.projects.has(projectId)) throw invalidParam('projectId', `Unknown Sinch project '${projectId}'`);
  const now = ctx.clock.now();
  const body = (await generatorFor(emit.type))({ faker: await fakerFor(ctx), projectId, type: emit.type, now });
  const extras = { ...body.extras };
  for (const key of ['comment', 'newState', 'futureCategory'] as const) if (typeof emit.input[key] === 'string') extras[key] = emit.input[key] as string;
  const envelope = { type: emit.type, payload: { ...body.payload, ...emit.data }, ...extras };
  return { id: ctx.newEventId(), provider: 'sinch.provisioning', type: emit.type, scope: projectId, occurredAt: now.toISOString(), data: { envelope } };
}

/**
 * One signed callback: compact JSON (the SDK's validator re-serialises with JSON.stringify, so the bytes
 * must match it), a fresh nonce per delivery, the timestamp in epoch seconds, signed with this webhook's secret.
 */
export function toCallbackRequest(ctx: Context, webhook: SinchWebhook, event: HookyardEvent): OutboundRequest {
  const body = JSON.stringify(event.data['envelope']);
  const now = ctx.clock.now();
  const nonce = ulid(now.getTime(), () => ctx.random.float());
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    url: ctx.publicUrls.route(webhook.target).send, // Sinch's signature does not cover the URL
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-sinch-webhook-signature': sinchSignature(webhook.secret, body, nonce, timestamp),
      'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
      'x-sinch-webhook-signature-nonce': nonce,
      'x-sinch-webhook-signature-timestamp': timestamp,
    },
    body,
  };
}

/** Every webhook of the project whose triggers hold the callback's type or `ALL`. */
export function matchSinchEvents(ctx: Context) {
  const webhooks = createCollection<SinchWebhook>(ctx.store, SINCH_WEBHOOKS);
  return (events: readonly HookyardEvent[]): DeliveryPlan[] =>
    events.flatMap((event) =>
      webhooks
        .list(event.scope, (w) => w.triggers.includes('ALL') || (w.triggers as string[]).includes(event.type))
        .map((w) => ({
          target: { kind: 'sinch.webhook', id: w.sid, url: w.target },
          events: [event],
          request: toCallbackRequest(ctx, w, event),
          timeoutMs: SINCH_CALLBACK_TIMEOUT_MS,
          retry: SINCH_RETRY,
        })),
    );
}
