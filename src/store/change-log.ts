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
 * One row written or deleted, a tracked value, or every table replaced at once (a reset or a state
 * import: `tables` lists the new, still empty partitions, `keep` the tables that stay as they are; the
 * new rows follow as puts). The store appends these, one JSON line each, to `<db>.log` so a commit costs
 * the size of what changed rather than a rewrite of the whole file; the log is folded into the snapshot
 * in the background whenever it passes a few MiB, and on close.
 */
export type Change =
  | { op: 'put'; table: string; scope: string; row: { sid: string; _seq?: number } }
  | { op: 'del'; table: string; scope: string; sid: string }
  | { op: 'meta'; key: string; value: unknown }
  | { op: 'tables'; tables: Record<string, string[]>; keep: string[]; seq: number };

export function toLogLines(changes: readonly Change[]): string {
  // Rows are serialised now, at write time: a row changed twice in one batch is logged twice with its
  // latest state, which replays to the same result.
  return changes.map((c) => JSON.stringify(c)).join('\n') + '\n';
}

/**
 * The first line of every log the store creates: its generation. A snapshot of generation G holds
 * everything logged before generation G began, so start-up replays exactly the logs of generation ≥ G.
 * A log without this line (written before generations existed) is generation 0.
 */
export const logHeader = (gen: number): string => JSON.stringify({ hookyard: 'log', gen }) + '\n';

/** The generation a log's first line declares, or undefined when it has no header (generation 0). */
export function headerGen(firstLine: string): number | undefined {
  if (!firstLine.startsWith('{"hookyard":"log"')) return undefined;
  try {
    const h = JSON.parse(firstLine) as { gen?: unknown };
    return typeof h.gen === 'number' && Number.isSafeInteger(h.gen) && h.gen >= 0 ? h.gen : undefined;
  } catch {
    return undefined;
  }
}

const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

function validChange(c: Change | null): boolean {
  if (!c || typeof c !== 'object') return false;
  switch (c.op) {
    case 'meta':
      return typeof c.key === 'string';
    case 'put':
      return typeof c.table === 'string' && typeof c.scope === 'string' && !!c.row && typeof c.row.sid === 'string';
    case 'del':
      return typeof c.table === 'string' && typeof c.scope === 'string' && typeof c.sid === 'string';
    case 'tables':
      return !!c.tables && typeof c.tables === 'object' && Object.values(c.tables).every(isStringArray) && isStringArray(c.keep) && typeof c.seq === 'number';
    default:
      return false;
  }
}

/**
 * Parses the log (a header line, if any, is skipped). A last line without its newline is a write that
 * was cut off and never acknowledged, so it is dropped; any other unreadable line means the file is
 * damaged, and start-up stops. Line numbers in messages count from the top of the file.
 */
export function parseLog(text: string, name: string): Change[] {
  const lines = text.split('\n');
  const complete = lines.slice(0, -1);
  const changes: Change[] = [];
  complete.forEach((line, i) => {
    if (line === '' || (i === 0 && headerGen(line) !== undefined)) return;
    let c: Change;
    try {
      c = JSON.parse(line) as Change;
    } catch {
      throw new Error(`cannot use ${name}: line ${i + 1} is damaged; the files were left untouched`);
    }
    if (!validChange(c)) throw new Error(`cannot use ${name}: line ${i + 1} is not a hookyard change; the files were left untouched`);
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
  const settle = () => {
    for (const [rows, byId] of live) {
      rows.length = 0;
      for (const row of byId.values()) rows.push(row); // not push(...): a partition can outgrow the argument limit
    }
    live.clear();
  };
  for (const c of changes) {
    if (c.op === 'meta') {
      (data.meta ??= {})[c.key] = c.value;
      continue;
    }
    if (c.op === 'tables') {
      settle();
      const kept = Object.fromEntries(c.keep.flatMap((name) => (data.tables[name] ? [[name, data.tables[name]!]] : [])));
      data.tables = Object.fromEntries(Object.entries(c.tables).map(([name, scopes]) => [name, Object.fromEntries(scopes.map((s) => [s, []]))]));
      Object.assign(data.tables, kept);
      data.seq = Math.max(data.seq, c.seq);
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
  settle();
}
