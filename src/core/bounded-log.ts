/**
 * The newest `limit` records in arrival order, the oldest evicted first, with subscribers told of every
 * record added or changed: what the delivery and request journals are kept in.
 */
export interface BoundedLog<T extends { id: string }> {
  add(record: T): void;
  /** Tells subscribers a record changed. */
  touch(record: T): void;
  /** Called with every record added or changed; returns the unsubscribe function. */
  subscribe(fn: (record: T) => void): () => void;
  /** Oldest first. */
  list(match?: (record: T) => boolean): T[];
  /** Newest first: at most `limit` matching records older than the one `before` names; `next` is null on the last page. */
  page(match: (record: T) => boolean, options: { limit: number; before?: string | undefined }): { items: T[]; next: string | null };
  get(id: string): T | undefined;
  readonly evicted: number;
  clear(): void;
}

export function createBoundedLog<T extends { id: string }>(limit: number): BoundedLog<T> {
  const records = new Map<string, T>();
  const subscribers = new Set<(record: T) => void>();
  let evicted = 0;
  const tell = (record: T) => {
    for (const fn of subscribers) fn(record);
  };
  return {
    add(record) {
      records.set(record.id, record);
      while (records.size > limit) {
        records.delete(records.keys().next().value!);
        evicted++;
      }
      tell(record);
    },
    touch: tell,
    subscribe(fn) {
      subscribers.add(fn);
      return () => void subscribers.delete(fn);
    },
    list: (match) => (match ? [...records.values()].filter(match) : [...records.values()]),
    page(match, { limit: max, before }) {
      const all = [...records.values()];
      let i = all.length - 1;
      // An evicted cursor: everything older went with it (eviction is oldest first), so the page is empty.
      if (before !== undefined) i = all.findIndex((r) => r.id === before) - 1;
      const items: T[] = [];
      for (; i >= 0 && items.length < max; i--) if (match(all[i]!)) items.push(all[i]!);
      let more = false;
      for (; i >= 0 && !more; i--) more = match(all[i]!);
      return { items, next: more ? items.at(-1)!.id : null };
    },
    get: (id) => records.get(id),
    get evicted() {
      return evicted;
    },
    clear() {
      records.clear();
      evicted = 0;
    },
  };
}
