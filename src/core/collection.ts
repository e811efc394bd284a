import type { Store } from '../store/store.js';
import { RowGoneError } from './errors.js';

/**
 * A row as stored: its key plus an insertion sequence used for ordering and page tokens. Partitions are
 * arrays in insertion order (a replaced row keeps its place), so they always ascend by `_seq`.
 */
export interface Row {
  sid: string;
  _seq?: number;
}

/**
 * Typed CRUD over one store table, partitioned by scope (an AccountSid or a Sinch projectId).
 * Mutations change memory synchronously; callers `await store.commit()` once per request.
 */
export interface Collection<T extends Row> {
  get(scope: string, key: string): T | undefined;
  /** Rows in insertion order. Read-only: it may be the stored array itself. */
  list(scope: string, where?: (row: T) => boolean): readonly T[];
  count(scope: string, where?: (row: T) => boolean): number;
  insert(scope: string, row: T): T;
  replace(scope: string, row: T): T;
  remove(scope: string, key: string): boolean;
  removeWhere(scope: string, where: (row: T) => boolean): number;
}

/** key → row, per partition array; rebuilt lazily, so a reset (new arrays) needs no invalidation. */
const indexes = new WeakMap<Row[], Map<string, Row>>();

function indexOf(rows: Row[]): Map<string, Row> {
  let index = indexes.get(rows);
  if (!index) {
    index = new Map(rows.map((r) => [r.sid, r]));
    indexes.set(rows, index);
  }
  return index;
}

export function createCollection<T extends Row>(store: Store, table: string): Collection<T> {
  const partition = (scope: string, create: boolean): T[] | undefined => {
    const t = (store.data.tables[table] ??= {});
    if (!t[scope] && create) t[scope] = [];
    return t[scope] as T[] | undefined;
  };
  const list = (scope: string, where?: (row: T) => boolean): readonly T[] => {
    const rows = partition(scope, false) ?? [];
    return where ? rows.filter(where) : rows;
  };
  const removeWhere = (scope: string, where: (row: T) => boolean): number => {
    const rows = partition(scope, false);
    if (!rows) return 0;
    const index = indexOf(rows);
    let kept = 0;
    for (const row of rows) {
      if (where(row)) {
        index.delete(row.sid);
        store.changed({ op: 'del', table, scope, sid: row.sid });
      } else rows[kept++] = row;
    }
    const removed = rows.length - kept;
    rows.length = kept;
    return removed;
  };
  return {
    get: (scope, key) => {
      const rows = partition(scope, false);
      return rows && (indexOf(rows).get(key) as T | undefined);
    },
    list,
    count: (scope, where) => list(scope, where).length,
    insert(scope, row) {
      const rows = partition(scope, true)!;
      row._seq = ++store.data.seq;
      rows.push(row);
      indexOf(rows).set(row.sid, row);
      store.changed({ op: 'put', table, scope, row });
      return row;
    },
    replace(scope, row) {
      const rows = partition(scope, true)!;
      const old = indexOf(rows).get(row.sid);
      if (!old) throw new RowGoneError(table, row.sid);
      // In place, so the row keeps its position (and the array stays ascending by _seq).
      for (const k of Object.keys(old)) if (!(k in row)) delete (old as unknown as Record<string, unknown>)[k];
      Object.assign(old, row, { _seq: old._seq });
      store.changed({ op: 'put', table, scope, row: old });
      return old as T;
    },
    remove: (scope, key) => removeWhere(scope, (r) => r.sid === key) > 0,
    removeWhere,
  };
}
