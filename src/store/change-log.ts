/** Rows by table, then by scope (Twilio AccountSid, Sinch projectId), as arrays in insertion order. */
export type Tables = Record<string, Record<string, { sid: string; _seq?: number }[]>>;

export interface StoreData {
  hookyard: 1;
  tables: Tables;
  /** Monotonic counter for insertion order and opaque page tokens. */
  seq: number;
}

/**
 * One row written or deleted. The store appends these, one JSON line each, to `<db>.log` so a commit
 * costs the size of what changed rather than a rewrite of the whole lowdb file; the log is folded
 * into the snapshot on start-up, on close, on reset and whenever it passes a few MiB.
 */
export type Change =
  | { op: 'put'; table: string; scope: string; row: { sid: string; _seq?: number } }
  | { op: 'del'; table: string; scope: string; sid: string };

export function toLogLines(changes: readonly Change[]): string {
  // Rows are serialised now, at write time: a row changed twice in one batch is logged twice with its
  // latest state, which replays to the same result.
  return changes.map((c) => JSON.stringify(c)).join('\n') + '\n';
}

/**
 * Parses the log. A last line without its newline is a write that was cut off and never acknowledged,
 * so it is dropped; any other unreadable line means the file is damaged, and start-up stops.
 */
export function parseLog(text: string, name: string): Change[] {
  const lines = text.split('\n');
  const complete = lines.slice(0, -1);
  const changes: Change[] = [];
  complete.forEach((line, i) => {
    if (line === '') return;
    let c: Change;
    try {
      c = JSON.parse(line) as Change;
    } catch {
      throw new Error(`cannot use ${name}: line ${i + 1} is damaged; the files were left untouched`);
    }
    if ((c.op !== 'put' && c.op !== 'del') || typeof c.table !== 'string' || typeof c.scope !== 'string') {
      throw new Error(`cannot use ${name}: line ${i + 1} is not a hookyard change; the files were left untouched`);
    }
    changes.push(c);
  });
  return changes;
}

/**
 * Applies logged changes in order, in linear time: a put replaces its row in place (keeping its
 * position) or appends it; deletes are applied in one pass per partition at the end (SIDs are never
 * reused, so a deleted row is not put again).
 */
export function replay(data: StoreData, changes: readonly Change[]): void {
  const indexes = new Map<unknown[], Map<string, number>>();
  const deleted = new Map<{ sid: string }[], Set<string>>();
  for (const c of changes) {
    const rows = ((data.tables[c.table] ??= {})[c.scope] ??= []);
    let index = indexes.get(rows);
    if (!index) indexes.set(rows, (index = new Map(rows.map((r, i) => [r.sid, i]))));
    if (c.op === 'del') {
      if (!deleted.has(rows)) deleted.set(rows, new Set());
      deleted.get(rows)!.add(c.sid);
      continue;
    }
    const at = index.get(c.row.sid);
    if (at === undefined) index.set(c.row.sid, rows.push(c.row) - 1);
    else rows[at] = c.row;
    data.seq = Math.max(data.seq, c.row._seq ?? 0);
  }
  for (const [rows, sids] of deleted) {
    const kept = rows.filter((r) => !sids.has(r.sid));
    rows.length = 0;
    rows.push(...kept);
  }
}
