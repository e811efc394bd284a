import { sinchError } from '../../common/errors.js';
import type { SinchWebhook } from './model.js';

const encode = (dir: 'a' | 'b', target: string) => Buffer.from(`${dir}:${target}`).toString('base64url');

function decode(token: string): { dir: 'a' | 'b'; target: string } {
  const text = Buffer.from(token, 'base64url').toString();
  const m = /^([ab]):(.+)$/s.exec(text);
  if (!m || encode(m[1] as 'a' | 'b', m[2]!) !== token) throw sinchError('invalid_page_token');
  return { dir: m[1] as 'a' | 'b', target: m[2]! };
}

/**
 * A page of webhooks in alphabetical order of `target` (Sinch says "alphabetical" without naming the
 * key). Tokens name the target to continue after or before, so they survive deletes; `nextPageToken` is
 * present only when there is another page — the SDK stops when it is absent.
 */
export function toWebhookPage(rows: readonly SinchWebhook[], query: { pageSize?: string | undefined; pageToken?: string | undefined }) {
  if (query.pageSize !== undefined && !/^\d+$/.test(query.pageSize)) throw sinchError('invalid_page_size');
  const pageSize = query.pageSize === undefined ? 15 : Number(query.pageSize);
  if (pageSize < 1 || pageSize > 15) throw sinchError('invalid_page_size');
  const sorted = [...rows].sort((x, y) => (x.target < y.target ? -1 : x.target > y.target ? 1 : 0));
  let start = 0;
  if (query.pageToken !== undefined && query.pageToken !== '') {
    const t = decode(query.pageToken);
    // 'a': continue after that target; 'b': the page that ends just before it.
    const before = sorted.filter((w) => w.target < t.target).length;
    const upTo = sorted.filter((w) => w.target <= t.target).length;
    start = t.dir === 'a' ? upTo : Math.max(0, before - pageSize);
  }
  const page = sorted.slice(start, start + pageSize);
  return {
    ...(start > 0 && page[0] ? { previousPageToken: encode('b', page[0].target) } : {}),
    ...(start + pageSize < sorted.length && page.length > 0 ? { nextPageToken: encode('a', page.at(-1)!.target) } : {}),
    pageSize,
    totalSize: sorted.length,
    webhooks: page,
  };
}
