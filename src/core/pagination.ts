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

/** Index of the first row whose sequence is greater than `seq` (rows ascend by sequence). */
function firstAfter(rows: readonly Row[], seq: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid]!._seq ?? 0) <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cuts one page out of rows in insertion order (the collection keeps them ascending by sequence, so
 * no sort is needed). Tokens name the row to continue after (or before) by its sequence, so deleting
 * rows while paging never skips or repeats one. Callers validate the token first (`decodePageToken`).
 */
export function paginate<T extends Row>(rows: readonly T[], req: PageRequest): PageResult<T> {
  let start = req.page * req.pageSize;
  const token = req.pageToken === undefined ? undefined : decodePageToken(req.pageToken);
  if (token) {
    // 'a': continue after the row with that sequence; 'b': the page that ends just before it.
    start = token.dir === 'a' ? firstAfter(rows, token.seq) : Math.max(0, firstAfter(rows, token.seq - 1) - req.pageSize);
  }
  const items = rows.slice(start, start + req.pageSize);
  const last = items[items.length - 1];
  const first = items[0];
  return {
    items,
    nextToken: start + req.pageSize < rows.length && last ? encode(last._seq ?? 0, 'a') : undefined,
    previousToken: start > 0 && first ? encode(first._seq ?? 0, 'b') : undefined,
  };
}
