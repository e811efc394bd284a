import { closest } from 'fastest-levenshtein';
import { invalidParam } from '../core/errors.js';
import type { Provider } from '../providers/provider.js';
import type { RequestFilter } from './journal.js';

const KEYS = ['provider', 'operation', 'method', 'path', 'status', 'since', 'until', 'params'] as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Every operationId the mounted providers answer. */
export const knownOperations = (providers: readonly Provider[]): string[] => [...new Set(providers.flatMap((p) => Object.values(p.operations)))];

/**
 * One reading of a request filter for `hook.requests()`, `hook.expectRequest()`, `GET /_hookyard/requests`
 * (where `param.To=…` is `params.To`) and `hookyard requests`: an unknown key, operation, method, provider,
 * status or time is a 400 naming what is accepted, never a filter that matches everything.
 */
export function parseRequestFilter(input: RequestFilter | Record<string, unknown>, providers: readonly Provider[]): RequestFilter {
  const out: RequestFilter = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (key.startsWith('param.') && key.length > 6) {
      out.params = { ...out.params, [key.slice(6)]: value };
      continue;
    }
    if (!(KEYS as readonly string[]).includes(key)) throw invalidParam(key, `unknown filter '${key}'; filter by ${KEYS.join(', ')} (or param.<Name> over HTTP)`);
    if (key === 'params') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidParam(key, 'params must be an object such as { To: "+15005550006" }');
      out.params = { ...out.params, ...(value as Record<string, unknown>) };
      continue;
    }
    if (typeof value !== 'string' || value === '') throw invalidParam(key, `filter ${key} must be a non-empty string`);
    checkValue(key, value, providers);
    out[key as Exclude<keyof RequestFilter, 'params'>] = key === 'method' ? value.toUpperCase() : value;
  }
  return out;
}

function checkValue(key: string, value: string, providers: readonly Provider[]): void {
  if (key === 'provider' && !providers.some((p) => p.name === value)) throw invalidParam(key, `provider '${value}' is not one of ${providers.map((p) => p.name).join(', ')}`);
  if (key === 'operation') {
    const ops = knownOperations(providers);
    if (!ops.includes(value)) throw invalidParam(key, `no operation '${value}'; did you mean ${closest(value, ops)}?`);
  }
  if (key === 'method' && !METHODS.includes(value.toUpperCase())) throw invalidParam(key, `method '${value}' is not one of ${METHODS.join(', ')}`);
  if (key === 'status' && !/^([1-5]\d\d|[1-5]xx)$/i.test(value)) throw invalidParam(key, `status must be a code such as 201 or a class such as 4xx; got '${value}'`);
  if ((key === 'since' || key === 'until') && Number.isNaN(Date.parse(value))) throw invalidParam(key, `${key} must be an ISO time such as 2026-01-01T00:00:00Z`);
}
