import type { Store } from '../store/store.js';

/** A row as stored: its key plus an insertion sequence used for ordering and page tokens. */
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
  list(scope: string, where?: (row: T) => boolean): T[];
  count(scope: string, where?: (row: T) => boolean): number;
  insert(scope: string, row: T): T;
  replace(scope: string, row: T): T;
  remove(scope: string, key: string): boolean;
  removeWhere(scope: string, where: (row: T) => boolean): number;
}

export function createCollection<T extends Row>(store: Store, table: string): Collection<T> {
  const partition = (scope: string, create: boolean): Record<string, T> | undefined => {
    const tables = store.data.tables;
    const t = (tables[table] ??= {});
    if (!t[scope] && create) t[scope] = {};
    return t[scope] as Record<string, T> | undefined;
  };
  const list = (scope: string, where?: (row: T) => boolean): T[] => {
    const rows = Object.values(partition(scope, false) ?? {});
    return where ? rows.filter(where) : rows;
  };
  return {
    get: (scope, key) => partition(scope, false)?.[key],
    list,
    count: (scope, where) => list(scope, where).length,
    insert(scope, row) {
      row._seq = ++store.data.seq;
      partition(scope, true)![row.sid] = row;
      return row;
    },
    replace(scope, row) {
      partition(scope, true)![row.sid] = row;
      return row;
    },
    remove(scope, key) {
      const p = partition(scope, false);
      if (!p || !(key in p)) return false;
      delete p[key];
      return true;
    },
    removeWhere(scope, where) {
      const p = partition(scope, false);
      if (!p) return 0;
      let n = 0;
      for (const [k, row] of Object.entries(p)) {
        if (where(row)) {
          delete p[k];
          n++;
        }
      }
      return n;
    },
  };
}
