import { createCollection } from '../../../../core/collection.js';
import type { Context } from '../../../../core/context.js';
import { invalidParam } from '../../../../core/errors.js';
import { newSid, newUuid } from '../../../../core/ids.js';
import type { DeliveryPlan, HookyardEvent } from '../../../../events/event.js';
import type { EmitInput } from '../../../provider.js';
import { fakerFor } from '../../../../scenarios/fake.js';
import { camelizeKeys, formBody, toFormRequest, twilioDeliveryOptions } from '../../common/form-delivery.js';
import { toIsoSeconds } from '../../../../core/clock.js';
import { VERIFY_CHALLENGES, type Challenge } from '../challenges/model.js';
import { VERIFY_FACTORS, type Factor } from '../factors/model.js';
import { requireService } from '../services/routes.js';
import { VERIFY_WEBHOOKS, WEBHOOKS_BY_SERVICE, type VerifyWebhook } from '../webhooks/model.js';

export const VERIFY_PUSH_EVENT_TYPES = ['factor.created', 'factor.verified', 'factor.deleted', 'challenge.approved', 'challenge.denied'] as const;

/** The event data of a Push event about a real factor (and challenge), as the webhook parameters carry it. */
export function stateData(ctx: Context, factor: Factor, challenge?: Challenge): Record<string, unknown> {
  return {
    uuid: newUuid(ctx.random),
    serviceSid: factor.serviceSid,
    entityIdentity: factor.identity,
    factorSid: factor.sid,
    factorType: factor.factorType,
    factorFriendlyName: factor.friendlyName,
    factorMetadata: JSON.stringify(factor.metadata ?? {}),
    createdDate: toIsoSeconds(ctx.clock.now()),
    ...(challenge
      ? {
          challengeSid: challenge.sid,
          challengeDetails: JSON.stringify(challenge.details ?? {}),
          challengeHiddenDetails: JSON.stringify(challenge.hiddenDetails ?? {}),
          challengeMetadata: JSON.stringify(challenge.metadata ?? {}),
        }
      : {}),
  };
}

/** Announces a state change of a factor or challenge to the Service's webhooks: the same emitter and matcher as `POST /_hookyard/events`. */
export function emitPushEvent(ctx: Context, type: (typeof VERIFY_PUSH_EVENT_TYPES)[number], factor: Factor, challenge?: Challenge): void {
  const now = ctx.clock.now().toISOString();
  ctx.emitter.emit({ id: ctx.newEventId(), provider: 'twilio.verify', type, scope: factor.accountSid, occurredAt: now, data: stateData(ctx, factor, challenge) });
}

/** What `POST /_hookyard/events` names with `factorSid` / `challengeSid`, when it exists in the service. */
function namedState(ctx: Context, scope: string, serviceSid: string, input: Record<string, unknown>) {
  const challenge = typeof input['challengeSid'] === 'string' ? createCollection<Challenge>(ctx.store, VERIFY_CHALLENGES).get(scope, input['challengeSid']) : undefined;
  const factorSid = challenge?.factorSid ?? input['factorSid'];
  const factor = typeof factorSid === 'string' ? createCollection<Factor>(ctx.store, VERIFY_FACTORS).get(scope, factorSid) : undefined;
  return factor && factor.serviceSid === serviceSid ? { factor, challenge: challenge?.serviceSid === serviceSid ? challenge : undefined } : undefined;
}

/**
 * Builds a Verify Push event for an existing service of the account: from the factor (and challenge)
 * named by `factorSid` / `challengeSid` when they exist, else with realistic generated values; the
 * caller's overrides go on top.
 */
export async function buildVerifyPushEvent(ctx: Context, scope: string, emit: EmitInput): Promise<HookyardEvent> {
  if (!(VERIFY_PUSH_EVENT_TYPES as readonly string[]).includes(emit.type)) {
    throw invalidParam('type', `Unknown Verify Push event type '${emit.type}'; one of ${VERIFY_PUSH_EVENT_TYPES.join(', ')}`);
  }
  const serviceSid = emit.input['serviceSid'];
  if (typeof serviceSid !== 'string') throw invalidParam('serviceSid', 'serviceSid is required: the Verify Service (VA…) whose webhooks receive the event');
  const service = requireService(ctx, scope, serviceSid);
  const now = ctx.clock.now();
  const named = namedState(ctx, scope, service.sid, emit.input);
  const data = named && (named.challenge || !emit.type.startsWith('challenge.')) ? stateData(ctx, named.factor, named.challenge) : await generatedData(ctx, service.sid, emit.type, now);
  Object.assign(data, camelizeKeys(emit.data));
  return { id: ctx.newEventId(), provider: 'twilio.verify', type: emit.type, scope, occurredAt: now.toISOString(), data };
}

/** Realistic values for a Push event about no factor in particular. */
async function generatedData(ctx: Context, serviceSid: string, type: string, now: Date): Promise<Record<string, unknown>> {
  const faker = await fakerFor(ctx);
  const data: Record<string, unknown> = {
    uuid: newUuid(ctx.random),
    serviceSid,
    entityIdentity: ctx.random.hex(32),
    factorSid: newSid(ctx.random, 'verifyFactor'),
    factorType: 'push',
    factorFriendlyName: `${faker.person.firstName()}'s ${faker.helpers.arrayElement(['iPhone', 'Pixel', 'Galaxy S24', 'iPad'])}`,
    factorMetadata: JSON.stringify({ os: faker.helpers.arrayElement(['iOS', 'Android']) }),
    createdDate: toIsoSeconds(now),
  };
  if (type.startsWith('challenge.')) {
    Object.assign(data, {
      challengeSid: newSid(ctx.random, 'verifyChallenge'),
      challengeDetails: JSON.stringify({
        message: `Is it you signing in to ${faker.company.name()}?`,
        date: now.toISOString(),
        fields: [
          { label: 'Action', value: faker.helpers.arrayElement(['Sign in', 'Approve payment', 'Change password']) },
          { label: 'Location', value: `${faker.location.city()}, ${faker.location.countryCode()}` },
        ],
      }),
      challengeHiddenDetails: JSON.stringify({ ip: faker.internet.ipv4() }),
      challengeMetadata: JSON.stringify({}),
    });
  }
  return data;
}

/**
 * The webhook's form parameters. Confirmed by Twilio's docs: uuid, type, account_sid, service_sid,
 * entity_identity, factor_sid, factor_type. The rest are unconfirmed (the docs' table was cut off); v1
 * ("legacy") is guessed to lack the `*_metadata` fields.
 */
export function toPushParams(event: HookyardEvent, version: 'v1' | 'v2'): Record<string, string> {
  const d = event.data;
  // Written straight into the params, in the wire's order; absent (undefined or null) fields are left out.
  const params: Record<string, string> = {};
  put(params, 'uuid', d['uuid']);
  put(params, 'type', event.type);
  put(params, 'account_sid', event.scope);
  put(params, 'service_sid', d['serviceSid']);
  put(params, 'entity_identity', d['entityIdentity']);
  put(params, 'factor_sid', d['factorSid']);
  put(params, 'factor_type', d['factorType']);
  put(params, 'factor_friendly_name', d['factorFriendlyName']);
  put(params, 'created_date', d['createdDate']);
  put(params, 'challenge_sid', d['challengeSid']);
  put(params, 'challenge_details', d['challengeDetails']);
  put(params, 'challenge_hidden_details', d['challengeHiddenDetails']);
  if (version === 'v2') {
    put(params, 'factor_metadata', d['factorMetadata']);
    put(params, 'challenge_metadata', d['challengeMetadata']);
  }
  return params;
}

function put(params: Record<string, string>, name: string, v: unknown): void {
  if (v !== undefined && v !== null) params[name] = typeof v === 'string' ? v : JSON.stringify(v);
}

/** Every enabled webhook of the event's service whose `event_types` hold the type or `*`. */
export function matchVerifyPushEvent(ctx: Context) {
  const webhooks = createCollection<VerifyWebhook>(ctx.store, VERIFY_WEBHOOKS);
  const match = (event: HookyardEvent): DeliveryPlan[] => {
    const token = ctx.twilio.accounts.get(event.scope);
    if (token === undefined) return [];
    // One parameter set and body per webhook version, shared by every webhook that gets the event.
    const wire = new Map<string, { params: Record<string, string>; body: string }>();
    const wireFor = (version: 'v1' | 'v2') => {
      let w = wire.get(version);
      if (!w) {
        const params = toPushParams(event, version);
        wire.set(version, (w = { params, body: formBody(params) }));
      }
      return w;
    };
    return webhooks
      .by(event.scope, WEBHOOKS_BY_SERVICE, String(event.data['serviceSid']))
      .filter((w) => w.status === 'enabled' && (w.eventTypes.includes('*') || (w.eventTypes as string[]).includes(event.type)))
      .map((w) => ({
        target: { kind: 'verify.webhook', id: w.sid, url: w.webhookUrl },
        events: [event],
        request: toFormRequest(token, ctx.publicUrls.route(w.webhookUrl), wireFor(w.version).params, event.id, wireFor(w.version).body),
        ...twilioDeliveryOptions(w.webhookUrl),
      }));
  };
  return (events: readonly HookyardEvent[]) => events.flatMap(match);
}
