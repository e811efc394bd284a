import type { Store } from '../store/store.js';
import { RowGoneError } from './errors.js';
import { dropIndexes, indexedBy, indexesOf, positionOf, type Index, type Row } from './row-index.js';

export { defineIndex, type Index, type Row } from './row-index.js';

/**
 * Typed CRUD over one store table, partitioned by scope (an AccountSid or a Sinch projectId).
 * Mutations change memory synchronously; callers `await store.commit()` once per request.
 */
export interface Collection<T extends Row> {
  get(scope: string, key: string): T | undefined;
  /** Rows in insertion order. Read-only: it may be the stored array itself. */
  list(scope: string, where?: (row: T) => boolean): readonly T[];
  /**
   * Rows whose `index` key is `value`, in insertion order (or the index's own order), from a secondary index kept up to date by
   * every insert, replace and remove: the cost is the size of the answer, not of the partition.
   * Read-only: it is the index's own array.
   */
  by(scope: string, index: Index<T>, value: string): readonly T[];
  count(scope: string, where?: (row: T) => boolean): number;
  /** Removes every row whose `index` key is `value` (a parent's children); the count removed. */
  removeBy(scope: string, index: Index<T>, value: string): number;
  insert(scope: string, row: T): T;
  replace(scope: string, row: T): T;
  remove(scope: string, key: string): boolean;
  removeWhere(scope: string, where: (row: T) => boolean): number;
}

/** key → row, per partition array; rebuilt lazily, so a reset (new arrays) needs no invalidation. */
const sids = new WeakMap<Row[], Map<string, Row>>();

function sidIndexOf(rows: Row[]): Map<string, Row> {
  let index = sids.get(rows);
  if (!index) {
    index = new Map(rows.map((r) => [r.sid, r]));
    sids.set(rows, index);
  }
  return index;
}

/** Past this many rows removed at once, a partition's secondary indexes are rebuilt on next use instead of patched. */
const REBUILD_AFTER = 64;

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
    const index = sidIndexOf(rows);
    let kept = 0;
    const gone: T[] = [];
    for (const row of rows) {
      if (where(row)) {
        index.delete(row.sid);
        gone.push(row);
        store.changed({ op: 'del', table, scope, sid: row.sid });
      } else rows[kept++] = row;
    }
    rows.length = kept;
    if (gone.length > REBUILD_AFTER) dropIndexes(rows);
    else for (const b of indexesOf(rows)) for (const row of gone) b.remove(row);
    return gone.length;
  };
  const by = (scope: string, index: Index<T>, value: string): readonly T[] => {
    const rows = partition(scope, false);
    return rows ? indexedBy(rows, index, value) : [];
  };
  const remove = (scope: string, key: string): boolean => {
    const rows = partition(scope, false);
    const index = rows && sidIndexOf(rows);
    const row = index?.get(key) as T | undefined;
    if (!rows || !index || !row) return false;
    rows.splice(positionOf(rows, row), 1);
    index.delete(key);
    for (const b of indexesOf(rows)) b.remove(row);
    store.changed({ op: 'del', table, scope, sid: key });
    return true;
  };
  return {
    get: (scope, key) => {
      const rows = partition(scope, false);
      return rows && (sidIndexOf(rows).get(key) as T | undefined);
    },
    list,
    by,
    count: (scope, where) => list(scope, where).length,
    insert(scope, row) {
      const rows = partition(scope, true)!;
      row._seq = ++store.data.seq;
      rows.push(row);
      sidIndexOf(rows).set(row.sid, row);
      for (const b of indexesOf(rows)) b.add(row);
      store.changed({ op: 'put', table, scope, row });
      return row;
    },
    replace(scope, row) {
      const rows = partition(scope, true)!;
      const old = sidIndexOf(rows).get(row.sid) as T | undefined;
      if (!old) throw new RowGoneError(table, row.sid);
      // In place, so the row keeps its position (and the array stays ascending by _seq).
      for (const k of Object.keys(old)) if (!(k in row)) delete (old as unknown as Record<string, unknown>)[k];
      Object.assign(old, row, { _seq: old._seq });
      for (const b of indexesOf(rows)) b.update(old);
      store.changed({ op: 'put', table, scope, row: old });
      return old;
    },
    remove,
    removeWhere,
    removeBy(scope, index, value) {
      const group = [...by(scope, index, value)];
      if (group.length <= REBUILD_AFTER) {
        for (const row of group) remove(scope, row.sid);
        return group.length;
      }
      const gone = new Set<T>(group);
      return removeWhere(scope, (row) => gone.has(row));
    },
  };
}
