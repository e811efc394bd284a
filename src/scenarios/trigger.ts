import type { DeliveryRecord } from '../delivery/journal.js';
import type { DeliverySummary } from '../delivery/summary.js';
import type { HookyardEvent } from '../events/event.js';
import { HookyardError } from '../core/errors.js';
import type { HookyardApi, Provider } from '../providers/provider.js';
import type { CatalogEntry } from './catalog.js';

export interface TriggerOptions {
  entry: CatalogEntry;
  /** Pointers to existing resources (`serviceSid` …), merged over what `setup` made. */
  input?: Record<string, unknown>;
  data?: Record<string, unknown>;
  count?: number;
  /** Create the parents the event needs, pointing their webhook at this URL. */
  setup?: { webhookUrl: string; secret?: string | undefined };
}

/** What a run with `summaries: true` answers: a line per delivery instead of its whole record. */
export type SummarizedTrigger = Omit<TriggerResult, 'deliveries'> & { deliveries: DeliverySummary[] };

export interface TriggerResult {
  created: string[];
  /** The pointers setup made (reuse them to emit again without setting up twice). */
  input: Record<string, unknown>;
  events: HookyardEvent[];
  deliveries: DeliveryRecord[];
  /** Why nothing was delivered, when nothing was. */
  noDelivery?: string | undefined;
}

/**
 * Emits one catalogued event through hookyard's own API and waits for its deliveries. The engine knows no
 * wire format: the provider's `setup` and `POST /_hookyard/events` do.
 */
export async function runTrigger(api: HookyardApi, providers: readonly Provider[], opts: TriggerOptions): Promise<TriggerResult> {
  return (await trigger(api, providers, opts, true)) as TriggerResult;
}

/** `runTrigger` answered with a line per delivery, not whole records: a schedule's ticks, whose bodies nobody reads. */
export async function runTriggerSummarized(api: HookyardApi, providers: readonly Provider[], opts: TriggerOptions): Promise<SummarizedTrigger> {
  return (await trigger(api, providers, opts, false)) as SummarizedTrigger;
}

async function trigger(api: HookyardApi, providers: readonly Provider[], opts: TriggerOptions, records: boolean): Promise<TriggerResult | SummarizedTrigger> {
  const provider = providers.find((p) => p.name === opts.entry.provider)!;
  const setup = opts.setup ? await provider.setup(api, opts.entry.type, opts.setup.webhookUrl, { secret: opts.setup.secret }) : { input: {}, created: [] };
  const body = { ...setup.input, ...opts.input, provider: provider.name, type: opts.entry.type, data: opts.data ?? {}, count: opts.count ?? 1, wait: true, records };
  const res = await api.request('POST', '/_hookyard/events', { json: body });
  if (res.status >= 300) {
    const err = res.json as { error?: { message?: string } } | null;
    throw new HookyardError('invalid_param', `hookyard refused the event (${res.status}): ${err?.error?.message ?? JSON.stringify(res.json)}`);
  }
  // A summary names every event but carries only the first.
  const out = res.json as { event: HookyardEvent; events?: HookyardEvent[]; deliveries: DeliveryRecord[] | DeliverySummary[]; noDelivery?: string };
  return { created: setup.created, input: setup.input, events: out.events ?? [out.event], deliveries: out.deliveries, noDelivery: out.noDelivery } as TriggerResult | SummarizedTrigger;
}
