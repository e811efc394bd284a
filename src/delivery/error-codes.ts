import type { HttpResult } from './http-client.js';

/**
 * The error code each provider's debugger shows for a failed attempt, so the journal reads like it.
 * Event Streams: 91305 a 4xx answer (not retried), 91302 throttled by a 429, 91306 a 5xx, 91307 no
 * connection, 91308 no answer in time, 91300 anything else. Twilio's form webhooks (Verify, Sync): 11200
 * for an HTTP error answer, 11205 when no connection could be made or no answer came in time.
 * @see https://www.twilio.com/docs/api/errors/91305
 * @see https://www.twilio.com/docs/api/errors/11200
 */
export const ERROR_CODE_TABLES = {
  eventstreams(r: HttpResult): number | undefined {
    if (r.outcome === 'delivered') return undefined;
    if (r.outcome === 'timeout') return r.error?.startsWith('connect') ? 91307 : 91308;
    if (r.outcome === 'network_error') return 91307;
    const s = r.status ?? 0;
    if (s === 429) return 91302;
    if (s >= 500) return 91306;
    if (s >= 400) return 91305;
    return 91300;
  },
  twilio(r: HttpResult): number | undefined {
    if (r.outcome === 'delivered') return undefined;
    return r.outcome === 'http_error' ? 11200 : 11205;
  },
} as const;

export type ErrorCodeTable = keyof typeof ERROR_CODE_TABLES;

export const errorCodeOf = (table: string | undefined, r: HttpResult): number | undefined =>
  table !== undefined && Object.hasOwn(ERROR_CODE_TABLES, table) ? ERROR_CODE_TABLES[table as ErrorCodeTable](r) : undefined;
