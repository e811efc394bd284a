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
  /** The arrival number the next record added gets: 0, 1, 2 … never reused, not even after `clear`. */
  readonly nextArrival: number;
  readonly evicted: number;
  clear(): void;
}

/**
 * Kept in a ring (slot = arrival number modulo the limit) with an index by id, so a write costs the same
 * however full the log is: evicting from the front of a Map instead makes every later add skip the holes
 * left behind, which grew with the limit (10 µs a record at the default 10,000).
 */
export function createBoundedLog<T extends { id: string }>(limit: number, options: { arrivalOf?: (id: string) => number | undefined } = {}): BoundedLog<T> {
  const size = Math.max(1, Math.floor(limit));
  let ring: (T | undefined)[] = [];
  /**
   * Arrival number of each record held; the ring slot is `seq % size`. A log whose ids name their arrival
   * number (`arrivalOf`, ids made from `nextArrival`) keeps no index: its records are only ever added once.
   */
  const byId = options.arrivalOf ? undefined : new Map<string, number>();
  const seqOf = (id: string): number | undefined => {
    if (byId) return byId.get(id);
    const seq = options.arrivalOf!(id);
    // The slot holds this very record only while it is held (an older or newer one there has another id).
    return seq !== undefined && ring[seq % size]?.id === id ? seq : undefined;
  };
  const subscribers = new Set<(record: T) => void>();
  /** Arrival numbers held: [first, next). */
  let first = 0;
  let next = 0;
  let evicted = 0;
  const tell = (record: T) => {
    for (const fn of subscribers) fn(record);
  };
  const at = (seq: number) => ring[seq % size]!;
  return {
    add(record) {
      const held = byId?.get(record.id);
      if (held !== undefined) ring[held % size] = record;
      else {
        if (next - first === size) {
          byId?.delete(at(first).id);
          ring[first % size] = undefined;
          first++;
          evicted++;
        }
        ring[next % size] = record;
        byId?.set(record.id, next);
        next++;
      }
      tell(record);
    },
    touch: tell,
    subscribe(fn) {
      subscribers.add(fn);
      return () => void subscribers.delete(fn);
    },
    list(match) {
      const out: T[] = [];
      for (let s = first; s < next; s++) if (!match || match(at(s))) out.push(at(s));
      return out;
    },
    page(match, { limit: max, before }) {
      // An evicted or unknown cursor: everything older went with it (eviction is oldest first), so the page is empty.
      let s = before === undefined ? next - 1 : (seqOf(before) ?? first - 1) - 1;
      const items: T[] = [];
      for (; s >= first && items.length < max; s--) if (match(at(s))) items.push(at(s));
      let more = false;
      for (; s >= first && !more; s--) more = match(at(s));
      return { items, next: more ? items.at(-1)!.id : null };
    },
    get(id) {
      const seq = seqOf(id);
      return seq === undefined ? undefined : at(seq);
    },
    get nextArrival() {
      return next;
    },
    get evicted() {
      return evicted;
    },
    clear() {
      ring = [];
      byId?.clear();
      first = next;
      evicted = 0;
    },
  };
}
