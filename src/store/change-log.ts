/** Rows by table, then by scope (Twilio AccountSid, Sinch projectId), as arrays in insertion order. */
export type Tables = Record<string, Record<string, { sid: string; _seq?: number }[]>>;

export interface StoreData {
  hookyard: 1;
  tables: Tables;
  /** Monotonic counter for insertion order and opaque page tokens. */
  seq: number;
  /** Small state kept with the data (e.g. where the seeded random stream stands). */
  meta?: Record<string, unknown>;
}

/**
 * One row written or deleted. The store appends these, one JSON line each, to `<db>.log` so a commit
 * costs the size of what changed rather than a rewrite of the whole lowdb file; the log is folded
 * into the snapshot on start-up, on close, on reset and whenever it passes a few MiB.
 */
export type Change =
  | { op: 'put'; table: string; scope: string; row: { sid: string; _seq?: number } }
  | { op: 'del'; table: string; scope: string; sid: string }
  | { op: 'meta'; key: string; value: unknown };

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
    const valid = c.op === 'meta' ? typeof c.key === 'string' : (c.op === 'put' || c.op === 'del') && typeof c.table === 'string' && typeof c.scope === 'string';
    if (!valid) {
      throw new Error(`cannot use ${name}: line ${i + 1} is not a hookyard change; the files were left untouched`);
    }
    changes.push(c);
  });
  return changes;
}

/**
 * Applies logged changes strictly in order, in linear time. Each partition is replayed through a map in
 * insertion order: a put of a live row replaces it in place (keeping its position), a delete removes it,
 * and a put after a delete appends it again — SIDs addressed by natural keys (map items, permissions,
 * messaging configurations) are reused, so a delete is never final.
 */
export function replay(data: StoreData, changes: readonly Change[]): void {
  const live = new Map<{ sid: string }[], Map<string, { sid: string; _seq?: number }>>();
  for (const c of changes) {
    if (c.op === 'meta') {
      (data.meta ??= {})[c.key] = c.value;
      continue;
    }
    const rows = ((data.tables[c.table] ??= {})[c.scope] ??= []);
    let byId = live.get(rows);
    if (!byId) live.set(rows, (byId = new Map(rows.map((r) => [r.sid, r]))));
    if (c.op === 'del') {
      byId.delete(c.sid);
      continue;
    }
    byId.set(c.row.sid, c.row);
    data.seq = Math.max(data.seq, c.row._seq ?? 0);
  }
  for (const [rows, byId] of live) {
    rows.length = 0;
    rows.push(...byId.values());
  }
}
