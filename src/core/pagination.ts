import type { Row } from './collection.js';

export interface PageRequest {
  pageSize: number;
  page: number;
  pageToken: string | undefined;
}

export interface PageResult<T> {
  items: T[];
  nextToken: string | undefined;
  previousToken: string | undefined;
}

const encode = (seq: number, dir: 'a' | 'b') => 'PA' + Buffer.from(`${dir}${seq}`).toString('base64url');

/** Decodes a token minted by `paginate`; undefined when it is not one of ours. */
export function decodePageToken(token: string): { dir: 'a' | 'b'; seq: number } | undefined {
  if (!token.startsWith('PA')) return undefined;
  const m = /^([ab])(\d+)$/.exec(Buffer.from(token.slice(2), 'base64url').toString());
  return m ? { dir: m[1] as 'a' | 'b', seq: Number(m[2]) } : undefined;
}

/**
 * Cuts one page out of rows in insertion order. Tokens name the row to continue after (or before),
 * by its insertion sequence, so deleting rows while paging never skips or repeats one.
 * Callers validate the token first (`decodePageToken`).
 */
export function paginate<T extends Row>(rows: T[], req: PageRequest): PageResult<T> {
  const sorted = [...rows].sort((a, b) => (a._seq ?? 0) - (b._seq ?? 0));
  let start = req.page * req.pageSize;
  const token = req.pageToken === undefined ? undefined : decodePageToken(req.pageToken);
  if (token) {
    // 'a': continue after the row with that sequence; 'b': the page that ends just before it.
    const before = sorted.filter((r) => (r._seq ?? 0) < token.seq).length;
    const upTo = sorted.filter((r) => (r._seq ?? 0) <= token.seq).length;
    start = token.dir === 'a' ? upTo : Math.max(0, before - req.pageSize);
  }
  const items = sorted.slice(start, start + req.pageSize);
  const last = items[items.length - 1];
  const first = items[0];
  return {
    items,
    nextToken: start + req.pageSize < sorted.length && last ? encode(last._seq ?? 0, 'a') : undefined,
    previousToken: start > 0 && first ? encode(first._seq ?? 0, 'b') : undefined,
  };
}
