import { firstWhere } from './search.js';

/**
 * A row as stored: its key plus an insertion sequence used for ordering and page tokens. Partitions are
 * arrays in insertion order (a replaced row keeps its place), so they always ascend by `_seq`.
 */
export interface Row {
  sid: string;
  _seq?: number;
}

/**
 * A secondary index of a table: the parent a row belongs to (a service, a sink, a list…), or several
 * keys for a row that is found under each (a subscription under every event type it lists). Defined
 * once per table as a module constant; a row with no key (`undefined`) is not in the index.
 */
export interface Index<T extends Row> {
  readonly name: string;
  readonly key: (row: T) => string | readonly string[] | undefined;
  /**
   * The order rows keep within a group (a map's items by key), for a field that never changes once the row
   * exists; without one, a group is in insertion order (ascending `_seq`).
   */
  readonly order?: ((a: T, b: T) => number) | undefined;
}

export const defineIndex = <T extends Row>(name: string, key: (row: T) => string | readonly string[] | undefined, order?: (a: T, b: T) => number): Index<T> => ({ name, key, order });

const bySeq = (a: Row, b: Row) => (a._seq ?? 0) - (b._seq ?? 0);

/** The first position in `group` (sorted by `order`) whose row sorts after `row` (`after`) or not before it. */
const boundOf = (group: readonly Row[], row: Row, order: (a: Row, b: Row) => number, after: boolean) =>
  firstWhere(group.length, (i) => (after ? order(group[i]!, row) > 0 : order(group[i]!, row) >= 0));

const keysOf = (index: Index<Row>, row: Row): readonly string[] => {
  const k = index.key(row);
  return k === undefined ? [] : typeof k === 'string' ? [k] : [...new Set(k)];
};

/** Position of `row` in rows ascending by `_seq` (binary search; a linear look for rows without one); -1 if absent. */
export function positionOf(rows: readonly Row[], row: Row): number {
  if (row._seq !== undefined) {
    const at = boundOf(rows, row, bySeq, false);
    if (rows[at] === row) return at;
  }
  return rows.indexOf(row);
}

/** One index built over one partition array: groups by key, and the keys each row was filed under. */
export class BuiltIndex {
  readonly groups = new Map<string, Row[]>();
  private readonly filed = new WeakMap<Row, readonly string[]>();

  /** The order of a group: the index's own, rows that tie kept in insertion order; else insertion order. One exact place for every row. */
  private readonly order: (a: Row, b: Row) => number;

  constructor(
    private readonly index: Index<Row>,
    rows: readonly Row[],
  ) {
    const by = index.order;
    this.order = by ? (a, b) => by(a, b) || bySeq(a, b) : bySeq;
    for (const row of rows) this.file(row, keysOf(index, row), false);
    if (by) for (const group of this.groups.values()) group.sort(this.order);
  }

  private file(row: Row, keys: readonly string[], sorted: boolean) {
    this.filed.set(row, keys);
    for (const k of keys) {
      const group = this.groups.get(k);
      if (!group) this.groups.set(k, [row]);
      else if (sorted) this.insert(group, row);
      else group.push(row);
    }
  }

  private insert(group: Row[], row: Row) {
    group.splice(boundOf(group, row, this.order, true), 0, row);
  }

  private unfile(row: Row, keys: readonly string[]) {
    for (const k of keys) {
      const group = this.groups.get(k);
      if (!group) continue;
      let at = boundOf(group, row, this.order, false);
      if (group[at] !== row) at = group.indexOf(row);
      if (at >= 0) group.splice(at, 1);
      if (group.length === 0) this.groups.delete(k);
    }
  }

  /** A new row: it has the highest sequence, so it goes last in each of its groups (or in its place by the index's order). */
  add(row: Row) {
    this.file(row, keysOf(this.index, row), this.index.order !== undefined);
  }

  /** A row changed in place: moved between groups when its keys changed (compared with what it was filed under). */
  update(row: Row) {
    const before = this.filed.get(row) ?? [];
    const after = keysOf(this.index, row);
    if (before.length === after.length && before.every((k, i) => k === after[i])) return;
    this.unfile(row, before.filter((k) => !after.includes(k)));
    this.filed.set(row, after);
    for (const k of after.filter((x) => !before.includes(x))) {
      const group = this.groups.get(k);
      if (!group) this.groups.set(k, [row]);
      else this.insert(group, row);
    }
  }

  remove(row: Row) {
    this.unfile(row, this.filed.get(row) ?? []);
    this.filed.delete(row);
  }
}

/**
 * Built indexes per partition array, made on first use. Keyed by the array itself, so a reset, an import
 * or a restore (which bring new arrays) needs no invalidation, exactly like the SID index.
 */
const built = new WeakMap<Row[], Map<Index<Row>, BuiltIndex>>();

/** Forgets the indexes built over `rows`: they are built again on next use. */
export const dropIndexes = (rows: Row[]): void => void built.delete(rows);

/** The indexes built over `rows` so far, if any (inserts and removes patch only these). */
export const indexesOf = (rows: Row[]): Iterable<BuiltIndex> => built.get(rows)?.values() ?? [];

function builtIndexes(rows: Row[]): Map<Index<Row>, BuiltIndex> {
  let m = built.get(rows);
  if (!m) built.set(rows, (m = new Map()));
  return m;
}

const none: readonly Row[] = Object.freeze([]);

export function indexedBy<T extends Row>(rows: T[], index: Index<T>, value: string): readonly T[] {
  const m = builtIndexes(rows);
  let b = m.get(index as Index<Row>);
  if (!b) m.set(index as Index<Row>, (b = new BuiltIndex(index as Index<Row>, rows)));
  return (b.groups.get(value) ?? none) as readonly T[];
}
