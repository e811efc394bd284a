import { invalidParam } from '../core/errors.js';
import type { DeliveryFilter, Outcome } from './journal.js';

/** What callers may pass: the filter's keys, plus the older spellings `eventType` and `to`. */
export type DeliveryQuery = DeliveryFilter & { eventType?: string | undefined; to?: string | undefined };

export const OUTCOMES: readonly Outcome[] = ['pending', 'delivered', 'http_error', 'timeout', 'network_error', 'not_delivered'];
const KEYS = ['provider', 'type', 'outcome', 'target', 'eventId', 'since', 'until', 'q'] as const;
/** Older spellings still taken: `eventType` (the record's own field) and `to` (waitForDelivery's first name). */
const ALIASES: Record<string, (typeof KEYS)[number]> = { eventType: 'type', to: 'target' };

/**
 * One reading of a delivery filter for `hook.deliveries()`, `hook.waitForDelivery()`, `GET
 * /_hookyard/deliveries` and `hookyard deliveries`: the same keys everywhere, and an unknown key, an outcome
 * that does not exist, a provider hookyard does not have or a time that is not one is a 400 naming what is
 * accepted — never a filter that silently matches everything.
 */
export function parseDeliveryFilter(input: DeliveryQuery | Record<string, unknown>, providers?: readonly string[]): DeliveryFilter {
  const out: DeliveryFilter = {};
  for (const [rawKey, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const key = Object.hasOwn(ALIASES, rawKey) ? ALIASES[rawKey]! : rawKey;
    if (!(KEYS as readonly string[]).includes(key)) throw invalidParam(rawKey, `unknown filter '${rawKey}'; filter by ${KEYS.join(', ')}`);
    if (typeof value !== 'string' || value === '') throw invalidParam(rawKey, `filter ${rawKey} must be a non-empty string`);
    if (key === 'outcome' && !(OUTCOMES as readonly string[]).includes(value)) throw invalidParam(rawKey, `outcome '${value}' is not one of ${OUTCOMES.join(', ')}`);
    if (key === 'provider' && providers && !providers.includes(value)) throw invalidParam(rawKey, `provider '${value}' is not one of ${providers.join(', ')}`);
    if ((key === 'since' || key === 'until') && Number.isNaN(Date.parse(value))) throw invalidParam(rawKey, `${rawKey} must be an ISO time such as 2026-01-01T00:00:00Z`);
    out[key as keyof DeliveryFilter] = value;
  }
  return out;
}

/** The filter of a query string (`?type=…&outcome=…`), paging keys aside, checked like every other filter. */
export const filterFromQuery = (query: Record<string, string[]>, providers: readonly string[]): DeliveryFilter => {
  const { limit: _l, cursor: _c, ...rest } = query;
  return parseDeliveryFilter(Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v.at(-1)])), providers);
};
