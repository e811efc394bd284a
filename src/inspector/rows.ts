import type { Hono } from 'hono';
import type { Context } from '../core/context.js';
import { invalidParam } from '../core/errors.js';
import { filterFromQuery } from '../delivery/filter.js';
import type { DeliveryRecord } from '../delivery/journal.js';
import { summarizeDelivery, type DeliverySummary } from '../delivery/summary.js';
import type { Provider } from '../providers/provider.js';

/** One line of the inspector's list: the delivery's summary (as an emit answers it) plus what the table shows. */
export interface DeliveryRow extends DeliverySummary {
  createdAt: string;
  provider: string;
  eventType: string;
  eventTypes: string[];
  /** The last attempt's duration; null before any was sent. */
  latencyMs: number | null;
  replayOf?: string;
  duplicateOf?: string;
  edited?: true;
}

export function toDeliveryRow(d: DeliveryRecord): DeliveryRow {
  const last = d.attempts.at(-1);
  return {
    ...summarizeDelivery(d),
    createdAt: d.createdAt,
    provider: d.provider,
    eventType: d.eventType,
    eventTypes: d.eventTypes,
    latencyMs: last && last.outcome !== 'not_delivered' ? last.durationMs : null,
    ...(d.replayOf ? { replayOf: d.replayOf } : {}),
    ...(d.duplicateOf ? { duplicateOf: d.duplicateOf } : {}),
    ...(d.edited ? { edited: true as const } : {}),
  };
}

/**
 * `GET /_hookyard/inspect/rows`: the list's rows, newest first, filtered like `/deliveries` and paged
 * (`limit` up to 1000, `cursor` = the previous page's `next`), so a 10,000-record journal loads a page at a time.
 */
export function routeRows(app: Hono, ctx: Context, providers: readonly Provider[]): void {
  app.get('/inspect/rows', (c) => {
    const limit = Number(c.req.query('limit') ?? 200);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidParam('limit', 'limit must be an integer from 1 to 1000');
    const cursor = c.req.query('cursor');
    if (cursor !== undefined && !/^HD[0-9a-f]{32}$/.test(cursor)) throw invalidParam('cursor', "cursor is a page's `next` (a delivery id)");
    const page = ctx.journal.page(filterFromQuery(c.req.queries(), providers.map((p) => p.name)), { limit, before: cursor });
    return c.json({ rows: page.deliveries.map(toDeliveryRow), next: page.next, evicted: ctx.journal.evicted });
  });
}
