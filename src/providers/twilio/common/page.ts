import type { Context as HonoContext } from 'hono';
import type { Row } from '../../../core/collection.js';
import { invalidParam } from '../../../core/errors.js';
import { decodePageToken, paginate, type PageRequest, type PageResult } from '../../../core/pagination.js';
import { publicOrigin } from '../../hosts.js';
import { int, toForm } from './params.js';

/** Reads `PageSize` (1..max, default 50), `Page` and `PageToken` from the query string. */
export function readPageRequest(c: HonoContext, maxPageSize = 1000): PageRequest {
  const q = toForm(new URL(c.req.url).search.slice(1));
  const pageSize = int(q, 'PageSize', { min: 1, max: maxPageSize }) ?? 50;
  const page = int(q, 'Page', { min: 0, max: Number.MAX_SAFE_INTEGER }) ?? 0;
  const pageToken = q.get('PageToken')?.at(-1);
  if (pageToken !== undefined && decodePageToken(pageToken) === undefined) {
    throw invalidParam('PageToken', `Invalid parameter PageToken: '${pageToken}' is not a page token this list issued`);
  }
  return { pageSize, page, pageToken };
}

/**
 * A Twilio v1/v2 list response: `{ [key]: items, meta }` with absolute page URLs, filters first, then
 * `PageSize`, `Page`, `PageToken` — the URLs twilio-node follows verbatim.
 * @see https://www.twilio.com/docs/usage/twilios-response#pagination
 */
export function toPageJson<T extends Row, J>(
  c: HonoContext,
  key: string,
  rows: readonly T[],
  toJson: (row: T) => J,
  filters: Record<string, string | undefined> = {},
  maxPageSize?: number,
  /** Only rows it keeps are listed; the page is cut without filtering every row first. */
  where?: (row: T) => boolean,
) {
  return toCutPageJson(c, key, (req) => paginate(rows, req, where), toJson, filters, maxPageSize);
}

/** The same list response for a page `cut` by the caller (e.g. `paginateSorted` over rows in key order). */
export function toCutPageJson<T, J>(
  c: HonoContext,
  key: string,
  cut: (req: PageRequest) => PageResult<T>,
  toJson: (row: T) => J,
  filters: Record<string, string | undefined> = {},
  maxPageSize?: number,
) {
  const req = readPageRequest(c, maxPageSize);
  const result = cut(req);
  const base = publicOrigin(c) + new URL(c.req.url).pathname;
  const link = (page: number, token?: string) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v !== undefined) q.set(k, v);
    q.set('PageSize', String(req.pageSize));
    q.set('Page', String(page));
    if (token) q.set('PageToken', token);
    return `${base}?${q}`;
  };
  return {
    [key]: result.items.map(toJson),
    meta: {
      page: req.page,
      page_size: req.pageSize,
      first_page_url: link(0),
      previous_page_url: result.previousToken ? link(Math.max(0, req.page - 1), result.previousToken) : null,
      url: link(req.page, req.pageToken),
      next_page_url: result.nextToken ? link(req.page + 1, result.nextToken) : null,
      key,
    },
  };
}
