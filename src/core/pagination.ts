import type { Row } from './collection.js';
import { invalidParam } from './errors.js';
import { firstWhere } from './search.js';

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

/** Continue after (`a`) or end the page just before (`b`) a row named by its sequence, or by its sort key. */
export type PageToken = { dir: 'a' | 'b'; seq: number; key?: undefined } | { dir: 'a' | 'b'; key: string | number; seq?: undefined };

const encode = (seq: number, dir: 'a' | 'b') => 'PA' + Buffer.from(`${dir}${seq}`).toString('base64url');
const encodeKey = (key: string | number, dir: 'a' | 'b') => 'PA' + Buffer.from(`${dir}k${JSON.stringify(key)}`).toString('base64url');

/** Decodes a token minted by `paginate` or `paginateSorted`; undefined when it is not one of ours. */
export function decodePageToken(token: string): PageToken | undefined {
  if (!token.startsWith('PA')) return undefined;
  const text = Buffer.from(token.slice(2), 'base64url').toString();
  const m = /^([ab])(\d+)$/.exec(text);
  if (m) return { dir: m[1] as 'a' | 'b', seq: Number(m[2]) };
  const k = /^([ab])k(.+)$/s.exec(text);
  if (!k) return undefined;
  try {
    const key: unknown = JSON.parse(k[2]!);
    if (typeof key === 'string' || (typeof key === 'number' && Number.isFinite(key))) return { dir: k[1] as 'a' | 'b', key };
  } catch {
    // not JSON: not ours
  }
  return undefined;
}

const wrongList = () => invalidParam('PageToken', 'Invalid parameter PageToken: it was issued by another list');

/** Index of the first row whose sequence is greater than `seq` (rows ascend by sequence). */
const firstAfter = (rows: readonly Row[], seq: number) => firstWhere(rows.length, (i) => (rows[i]!._seq ?? 0) > seq);

/** Rows as one page sees them: positions 0 … length-1, whatever order they are stored in. */
interface View<T> {
  length: number;
  at(p: number): T;
}

/**
 * Walks `view` for one page of rows `where` keeps: from `start` forward (a token's `a`), or back from `start`
 * (a token's `b`: the page that ends just before it), or — without a token — skipping `page` pages of
 * matches. Only the page (and one more match each way, for the links) is walked.
 */
function walk<T>(view: View<T>, req: PageRequest, start: { dir: 'a' | 'b'; at: number } | undefined, where: (row: T) => boolean, tokenOf: (row: T, dir: 'a' | 'b') => string): PageResult<T> {
  let items: T[] = [];
  let from = -1; // position of the first item
  let i: number; // where the forward walk starts
  if (start?.dir === 'b') {
    // Walk back for pageSize matches (and, near the start, fill the page forward from there, as page 0 does).
    for (let j = start.at - 1; j >= 0 && items.length < req.pageSize; j--) {
      if (where(view.at(j))) {
        items.push(view.at(j));
        from = j;
      }
    }
    items = items.reverse();
    i = start.at;
  } else {
    i = start ? start.at : 0;
    if (!start) for (let skip = req.page * req.pageSize; skip > 0 && i < view.length; i++) if (where(view.at(i))) skip--;
  }
  for (; i < view.length && items.length < req.pageSize; i++) {
    if (where(view.at(i))) {
      if (items.length === 0) from = i;
      items.push(view.at(i));
    }
  }
  const to = i; // past the last item: every row between it and `i` was walked and did not match
  const more = (p: number, step: 1 | -1) => {
    for (; p >= 0 && p < view.length; p += step) if (where(view.at(p))) return true;
    return false;
  };
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    nextToken: last !== undefined && items.length === req.pageSize && more(to, 1) ? tokenOf(last, 'a') : undefined,
    previousToken: first !== undefined && more(from - 1, -1) ? tokenOf(first, 'b') : undefined,
  };
}

/**
 * Cuts one page out of rows in insertion order (the collection keeps them ascending by sequence, so
 * no sort is needed). Tokens name the row to continue after (or before) by its sequence, so deleting
 * rows while paging never skips or repeats one. Callers validate the token first (`decodePageToken`).
 */
export function paginate<T extends Row>(rows: readonly T[], req: PageRequest, where?: (row: T) => boolean): PageResult<T> {
  const token = req.pageToken === undefined ? undefined : decodePageToken(req.pageToken);
  if (token && token.seq === undefined) throw wrongList();
  const tokenOf = (row: T, dir: 'a' | 'b') => encode(row._seq ?? 0, dir);
  if (where) {
    // 'a': continue after the row with that sequence; 'b': the page that ends just before it.
    const start = token && { dir: token.dir, at: firstAfter(rows, token.dir === 'a' ? token.seq : token.seq - 1) };
    return walk({ length: rows.length, at: (p) => rows[p]! }, req, start, where, tokenOf);
  }
  // Every row is kept: the page is a slice, found by position.
  let start = req.page * req.pageSize;
  if (token) start = token.dir === 'a' ? firstAfter(rows, token.seq) : Math.max(0, firstAfter(rows, token.seq - 1) - req.pageSize);
  const items = rows.slice(start, start + req.pageSize);
  const last = items[items.length - 1];
  const first = items[0];
  return {
    items,
    nextToken: start + req.pageSize < rows.length && last ? tokenOf(last, 'a') : undefined,
    previousToken: start > 0 && first ? tokenOf(first, 'b') : undefined,
  };
}

export interface SortedPageOptions<T, K extends string | number> {
  /** The key `rows` ascend by (unique among them): a list item's index, a map item's key. */
  keyOf: (row: T) => K;
  /** Read from the highest key down. */
  desc: boolean;
  /** Start at this key (Twilio Sync's `From`), or just past it when not `inclusive` (`Bounds=exclusive`). */
  from?: { key: K; inclusive: boolean } | undefined;
  where?: ((row: T) => boolean) | undefined;
}

/**
 * One page of rows sorted ascending by a unique key, read either way, from an optional starting key. Tokens
 * carry the key to continue after (or before), so a page costs its size and two binary searches whatever
 * the number of rows, and rows added or removed between pages are neither skipped nor repeated.
 */
export function paginateSorted<T, K extends string | number>(rows: readonly T[], req: PageRequest, o: SortedPageOptions<T, K>): PageResult<T> {
  const token = req.pageToken === undefined ? undefined : decodePageToken(req.pageToken);
  if (token && (token.key === undefined || (rows.length > 0 && typeof token.key !== typeof o.keyOf(rows[0]!)))) throw wrongList();
  // The first position whose key is ≥ k (or > k with `after`).
  const bound = (k: string | number, after: boolean) => firstWhere(rows.length, (i) => (after ? o.keyOf(rows[i]!) > k : o.keyOf(rows[i]!) >= k));
  // The rows this listing reads, [lo, hi) of `rows`, cut by `from`.
  let lo = 0;
  let hi = rows.length;
  if (o.from && !o.desc) lo = bound(o.from.key, !o.from.inclusive);
  if (o.from && o.desc) hi = bound(o.from.key, o.from.inclusive);
  const length = Math.max(0, hi - lo);
  const view: View<T> = o.desc ? { length, at: (p) => rows[hi - 1 - p]! } : { length, at: (p) => rows[lo + p]! };
  const clamp = (p: number) => Math.min(Math.max(p, 0), length);
  let start: { dir: 'a' | 'b'; at: number } | undefined;
  if (token) {
    const k = token.key!;
    // 'a': the first position past k in reading order; 'b': the first position not before k.
    const at = o.desc ? hi - bound(k, token.dir === 'b') : bound(k, token.dir === 'a') - lo;
    start = { dir: token.dir, at: clamp(at) };
  }
  return walk(view, req, start, o.where ?? (() => true), (row, dir) => encodeKey(o.keyOf(row), dir));
}
