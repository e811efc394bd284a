import { createCollection } from '../../../core/collection.js';
import type { Context } from '../../../core/context.js';
import { invalidParam } from '../../../core/errors.js';
import { newSid } from '../../../core/ids.js';
import type { DeliveryPlan, HookyardEvent } from '../../../events/event.js';
import { EVENT_STREAMS_RETRY, NO_RETRY } from '../../../delivery/retry.js';
import { fakerFor } from '../../../scenarios/fake.js';
import type { EmitInput } from '../../provider.js';
import { findEventType, hasVersion, latestVersion } from './catalog/catalog.js';
import { streamData, toCloudEventsBody, toSinkRequest, type SinkItem, type StreamEventData } from './cloudevents.js';
import { EVENTS_SINKS, type Sink } from './sinks/model.js';
import { EVENTS_SUBSCRIPTIONS, SUBSCRIPTIONS_BY_TYPE, type Subscription } from './subscriptions/model.js';

/** Event Streams gives a sink at most 5 s to answer. */
export const SINK_TIMEOUT_MS = 5_000;

/**
 * Builds an Event Streams event of any catalogued type with a realistic payload for its schema;
 * `data` overrides payload fields, `schemaVersion` pins the version delivered, `source` the CloudEvent source.
 */
export async function buildStreamEvent(ctx: Context, scope: string, emit: EmitInput): Promise<HookyardEvent> {
  const entry = findEventType(emit.type);
  if (!entry) throw invalidParam('type', `Unknown Event Streams type '${emit.type}'; GET /v1/Types lists them`);
  const version = emit.input['schemaVersion'];
  if (version !== undefined && !(typeof version === 'number' && hasVersion(entry.schemaId, version))) {
    throw invalidParam('schemaVersion', `${entry.schemaId} has versions 1..${latestVersion(entry.schemaId)}; got ${String(version)}`);
  }
  const now = ctx.clock.now();
  // The generators load on the first event, not at start-up (start-up time is a feature).
  const { GENERATORS } = await import('./data/index.js');
  const generated = GENERATORS[entry.schemaId]!({ faker: await fakerFor(ctx), random: ctx.random, accountSid: scope, type: entry.type, now });
  const data: StreamEventData = {
    schemaId: entry.schemaId,
    schemaVersion: version as number | undefined,
    source: typeof emit.input['source'] === 'string' ? emit.input['source'] : generated.source,
    cloudEventId: newSid(ctx.random, 'eventId'),
    time: now.toISOString(),
    payload: { ...generated.payload, ...emit.data },
  };
  return { id: ctx.newEventId(), provider: 'twilio.events', type: entry.type, scope, occurredAt: now.toISOString(), data: { ...data } };
}

/**
 * An Event Streams event for a state change another fake API made (a Verify verification approved …),
 * with the real payload: what `buildStreamEvent` generates, but from state instead of faker.
 */
export function streamEventFrom(ctx: Context, scope: string, type: string, source: string, payload: Record<string, unknown>): HookyardEvent {
  const entry = findEventType(type);
  if (!entry) throw new Error(`not an Event Streams type: ${type}`);
  const now = ctx.clock.now().toISOString();
  const data: StreamEventData = { schemaId: entry.schemaId, schemaVersion: undefined, source, cloudEventId: newSid(ctx.random, 'eventId'), time: now, payload };
  return { id: ctx.newEventId(), provider: 'twilio.events', type: entry.type, scope, occurredAt: now, data: { ...data } };
}

/**
 * What one sink gets for the events it should receive: one request per event, or one for all of them
 * when `batch_events` is true — always a JSON array. Only active webhook sinks are sent to (`force`: the
 * Test call's event goes out while the sink is still being validated).
 */
export function toSinkPlans(ctx: Context, sink: Sink, items: SinkItem[], force = false): DeliveryPlan[] {
  const destination = sink.sinkType === 'webhook' ? String(sink.sinkConfiguration['destination']) : `${sink.sinkType}:${sink.sid}`;
  const target = { kind: 'events.sink', id: sink.sid, url: destination };
  const events = items.map((i) => i.event);
  if (sink.sinkType !== 'webhook') {
    const request = { url: destination, method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: toCloudEventsBody(items) };
    return [{ target, events, request, notDelivered: `${sink.sinkType} sinks are stored, but hookyard sends HTTP only to webhook sinks` }];
  }
  if (sink.status !== 'active' && !force) return [{ target, events, notDelivered: `sink ${sink.sid} is ${sink.status}, not active` }];
  const token = ctx.twilio.accounts.get(sink.accountSid)!;
  const batches = sink.sinkConfiguration['batch_events'] === true ? [items] : items.map((i) => [i]);
  return batches.map((batch) => ({
    target,
    events: batch.map((i) => i.event),
    request: toSinkRequest(token, destination, batch, ctx.publicUrls.route),
    timeoutMs: SINK_TIMEOUT_MS,
    // The Test handshake's event is sent once; real events are retried for up to 4 hours.
    retry: force ? NO_RETRY : EVENT_STREAMS_RETRY,
    errorCodes: 'eventstreams',
  }));
}

/**
 * Every sink with a subscription listing the event's type — at the pinned schema version if one was
 * given, else at each subscription's own version. A sink reached through two subscriptions gets an event once.
 */
export function matchStreamEvents(ctx: Context) {
  const sinks = createCollection<Sink>(ctx.store, EVENTS_SINKS);
  const subscriptions = createCollection<Subscription>(ctx.store, EVENTS_SUBSCRIPTIONS);
  return (events: readonly HookyardEvent[]): DeliveryPlan[] => {
    const bySink = new Map<string, { sink: Sink; items: SinkItem[] }>();
    for (const event of events) {
      const pinned = streamData(event).schemaVersion;
      for (const sub of subscriptions.by(event.scope, SUBSCRIPTIONS_BY_TYPE, event.type)) {
        const t = sub.types.find((x) => x.type === event.type && (pinned === undefined || x.schemaVersion === pinned));
        const sink = t && sinks.get(event.scope, sub.sinkSid);
        if (!t || !sink) continue;
        const entry = bySink.get(sink.sid) ?? { sink, items: [] };
        bySink.set(sink.sid, entry);
        if (!entry.items.some((i) => i.event === event)) entry.items.push({ event, schemaVersion: t.schemaVersion });
      }
    }
    return [...bySink.values()].flatMap(({ sink, items }) => toSinkPlans(ctx, sink, items));
  };
}
