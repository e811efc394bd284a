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
export function paginate<T extends Row>(rows: readonly T[], req: PageRequest, where?: (row: T) => boolean): PageResult<T> {
  if (where) return paginateWhere(rows, req, where);
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

/**
 * The same page as `paginate(rows.filter(where), req)`, without filtering every row: it seeks to the token by
 * sequence and walks only as far as the page (and one more match each way, for the links) needs.
 */
function paginateWhere<T extends Row>(rows: readonly T[], req: PageRequest, where: (row: T) => boolean): PageResult<T> {
  const token = req.pageToken === undefined ? undefined : decodePageToken(req.pageToken);
  let items: T[] = [];
  let from = -1; // index in `rows` of the first item
  let i: number; // where the forward walk starts
  if (token?.dir === 'b') {
    // The page that ends just before the row with that sequence: walk back for pageSize matches (and, near
    // the start, fill the page forward from there, as a page that starts at 0 does).
    const at = firstAfter(rows, token.seq - 1);
    for (let j = at - 1; j >= 0 && items.length < req.pageSize; j--) {
      if (where(rows[j]!)) {
        items.push(rows[j]!);
        from = j;
      }
    }
    items = items.reverse();
    i = at;
  } else {
    i = token ? firstAfter(rows, token.seq) : 0;
    // Page N without a token: skip N pages of matches.
    if (!token) for (let skip = req.page * req.pageSize; skip > 0 && i < rows.length; i++) if (where(rows[i]!)) skip--;
  }
  for (; i < rows.length && items.length < req.pageSize; i++) {
    if (where(rows[i]!)) {
      if (items.length === 0) from = i;
      items.push(rows[i]!);
    }
  }
  const to = i; // past the last item: every row between it and `i` was walked and did not match
  const more = (start: number, step: 1 | -1) => {
    for (let i = start; i >= 0 && i < rows.length; i += step) if (where(rows[i]!)) return true;
    return false;
  };
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    nextToken: last && items.length === req.pageSize && more(to, 1) ? encode(last._seq ?? 0, 'a') : undefined,
    previousToken: first && more(from - 1, -1) ? encode(first._seq ?? 0, 'b') : undefined,
  };
}
