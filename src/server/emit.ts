import type { Context } from '../core/context.js';
import { invalidParam } from '../core/errors.js';
import type { DeliveryRecord } from '../delivery/journal.js';
import { summarizeDelivery } from '../delivery/summary.js';

export type { DeliverySummary } from '../delivery/summary.js';
import type { HookyardEvent } from '../events/event.js';
import type { Provider } from '../providers/provider.js';
import { buildCatalog, findEntry, type CatalogEntry } from '../scenarios/catalog.js';

/**
 * What `POST /_hookyard/events` and `hook.emit()` take. `type` is the provider's event type
 * (`factor.created`) or prefixed with the provider (`verify.factor.created`, `twilio.verify.factor.created`).
 * Other keys (`serviceSid`, …) point at existing resources; `data` overrides generated values.
 */
export interface EmitRequestJson {
  type?: unknown;
  provider?: unknown;
  accountSid?: unknown;
  data?: unknown;
  /** Wait for every delivery's first attempt and return the records (`nextAttemptAt` says if a retry follows). */
  wait?: unknown;
  /** Emit this many events (1..1000) together; a sink with `batch_events` gets them in one request. */
  count?: unknown;
  /** Over HTTP: answer with every delivery record (requests, bodies, attempts) instead of a summary. */
  records?: unknown;
  [key: string]: unknown;
}

export interface EmitResult {
  /** The first event; `events` has all of them when `count` > 1. */
  event: HookyardEvent;
  events: HookyardEvent[];
  deliveries: DeliveryRecord[];
  waited: boolean;
  /** Set when the events reached no one: why, in the user's terms. */
  noDelivery?: string;
}

/** What one emit may produce: at most 1,000 events, and 16 MiB of `data` overrides in all. */
export const MAX_COUNT = 1000;
export const MAX_EMIT_DATA_BYTES = 16 * 1024 * 1024;



/**
 * An emit's answer over HTTP: the first event, every event's id, and a line per delivery — not every record
 * with its request body (with `count: 1000` and big `data` that was hundreds of MiB). `records: true` asks
 * for the full records (`GET /_hookyard/deliveries/{id}` has each too).
 */
export function summarizeEmit(r: EmitResult) {
  const deliveries = r.deliveries.map(summarizeDelivery);
  const tally: Record<string, number> = {};
  for (const d of deliveries) tally[d.outcome] = (tally[d.outcome] ?? 0) + 1;
  return { event: r.event, eventIds: r.events.map((e) => e.id), deliveries, summary: { events: r.events.length, deliveries: deliveries.length, outcomes: tally }, waited: r.waited, ...(r.noDelivery === undefined ? {} : { noDelivery: r.noDelivery }) };
}

/**
 * The provider and its own type for a name: any alias the catalogue knows (the same ones the CLI and
 * scenario files take), optionally narrowed by `provider`; else 400 with the closest names.
 */
const catalogs = new WeakMap<readonly Provider[], CatalogEntry[]>();

function resolveProvider(providers: readonly Provider[], type: string, provider: unknown): { provider: Provider; type: string } {
  let catalog = catalogs.get(providers);
  if (!catalog) catalogs.set(providers, (catalog = buildCatalog(providers)));
  let candidates = providers;
  if (provider !== undefined) {
    candidates = providers.filter((x) => x.name === provider || x.name.split('.').at(-1) === provider);
    if (candidates.length === 0) throw invalidParam('provider', `Unknown provider '${String(provider)}'; one of ${providers.map((x) => x.name).join(', ')}`);
    catalog = catalog.filter((e) => candidates.some((p) => p.name === e.provider));
  }
  const found = findEntry(catalog, type);
  if ('suggestions' in found) throw invalidParam('type', `Unknown event type '${type}'; did you mean ${found.suggestions.join(', ')}? (hookyard events lists them all)`);
  return { provider: candidates.find((p) => p.name === found.provider)!, type: found.type };
}

/** Builds the event through its provider, hands it to the emitter, and optionally waits for delivery. */
export async function emitEvent(ctx: Context, providers: readonly Provider[], body: EmitRequestJson): Promise<EmitResult> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidParam('body', 'The body must be a JSON object');
  if (typeof body.type !== 'string' || body.type === '') throw invalidParam('type', 'type is required, e.g. "factor.created"');
  if (body.data !== undefined && (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data))) {
    throw invalidParam('data', 'data must be an object of overrides');
  }
  const { provider, type } = resolveProvider(providers, body.type, body.provider);
  const { type: _t, provider: _p, accountSid, data, wait, count, records: _r, ...input } = body;
  if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 1 && (count as number) <= MAX_COUNT)) {
    throw invalidParam('count', `count must be an integer from 1 to ${MAX_COUNT}`);
  }
  const dataBytes = data === undefined ? 0 : Buffer.byteLength(JSON.stringify(data));
  if (dataBytes * ((count as number | undefined) ?? 1) > MAX_EMIT_DATA_BYTES) {
    throw invalidParam('count', `an emit may carry at most ${MAX_EMIT_DATA_BYTES / 1024 / 1024} MiB of overrides in all (count × data is ${Math.ceil((dataBytes * ((count as number | undefined) ?? 1)) / 1024)} KiB)`);
  }
  if (accountSid !== undefined && (typeof accountSid !== 'string' || !ctx.twilio.accounts.has(accountSid))) {
    throw invalidParam('accountSid', `Unknown account '${String(accountSid)}'`);
  }
  const events: HookyardEvent[] = [];
  for (let i = 0; i < ((count as number | undefined) ?? 1); i++) {
    events.push(await provider.buildEvent(ctx, { type, scope: accountSid as string | undefined, input, data: (data ?? {}) as Record<string, unknown> }));
  }
  const emitted = ctx.emitter.emit(events);
  const deliveries = wait === true ? await emitted.first : emitted.deliveries;
  const why = deliveries.length === 0 ? (provider.whyNoDelivery?.(ctx, events[0]!) ?? 'nothing is registered for this event') : undefined;
  return { event: events[0]!, events, deliveries, waited: wait === true, ...(why === undefined ? {} : { noDelivery: why }) };
}
