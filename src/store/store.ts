import { existsSync, statSync } from 'node:fs';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Low, Memory } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { parseLog, replay, toLogLines, type Change, type StoreData, type Tables } from './change-log.js';

export type { StoreData, Tables } from './change-log.js';

export interface Store {
  readonly mode: 'memory' | 'file';
  readonly file: string | undefined;
  readonly data: StoreData;
  /** Collections report each row they put or delete, so a commit writes only what changed. */
  changed(change: Change): void;
  /**
   * Resolves once every mutation made so far is on disk. Group commit: at most one write is in flight;
   * every mutation made before a write starts is acknowledged when that write lands.
   */
  commit(): Promise<void>;
  /** Disk writes started so far (group commit makes this far fewer than mutations). */
  readonly flushes: number;
  /** Keeps `get()`'s value under `key` in the data, logged with the next commit whenever it changed. */
  track(key: string, get: () => unknown): void;
  /** Folds the change log into a fresh lowdb snapshot. */
  compact(): Promise<void>;
  reset(): Promise<void>;
  /**
   * Replaces every table at once (a state import or snapshot restore; runtime tables in `keep` stay) and,
   * with a file, writes the new snapshot before resolving.
   */
  replaceTables(tables: Tables, seq: number, keep?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** Start-up failure of the store; its message is one readable line. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** Past this size the change log is folded into the lowdb snapshot. */
const COMPACT_AT_BYTES = 4 * 1024 * 1024;

const emptyData = (): StoreData => ({ hookyard: 1, tables: {}, seq: 0 });

function parseDb(file: string) {
  return (text: string): StoreData => {
    if (text.trim() === '') return emptyData();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      // JSON.parse quotes the text it choked on, newlines and all: keep the one line to the reason.
      const why = (err as Error).message.replace(/\s+/g, ' ').slice(0, 120);
      throw new StoreOpenError(`cannot use --db ${file}: not valid JSON (${why}); the file was left untouched`);
    }
    const d = parsed as Partial<StoreData> | null;
    if (!d || typeof d !== 'object' || d.hookyard !== 1 || typeof d.tables !== 'object' || d.tables === null) {
      throw new StoreOpenError(`cannot use --db ${file}: not a hookyard database; the file was left untouched`);
    }
    return { hookyard: 1, tables: d.tables, seq: typeof d.seq === 'number' ? d.seq : 0, ...(d.meta && typeof d.meta === 'object' ? { meta: d.meta } : {}) };
  };
}

/** Opens the lowdb store: in memory by default, a JSON file (plus its change log) when `file` is given. */
export async function openStore(options: { file?: string | undefined } = {}): Promise<Store> {
  if (options.file === undefined) return createStore(new Low<StoreData>(new Memory<StoreData>(), emptyData()), undefined);
  const file = resolve(options.file);
  if (!existsSync(dirname(file))) throw new StoreOpenError(`cannot use --db ${options.file}: folder ${dirname(file)} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new StoreOpenError(`cannot use --db ${options.file}: it is a directory`);
  const db = new Low<StoreData>(new DataFile<StoreData>(file, { parse: parseDb(options.file), stringify: (d) => JSON.stringify(d) }), emptyData());
  let log = '';
  try {
    await db.read();
    if (existsSync(logFile(file))) log = await readFile(logFile(file), 'utf8');
  } catch (err) {
    if (err instanceof StoreOpenError) throw err;
    throw new StoreOpenError(`cannot read --db ${options.file}: ${(err as Error).message}`);
  }
  try {
    replay(db.data, parseLog(log, `${options.file}.log`));
  } catch (err) {
    throw new StoreOpenError((err as Error).message);
  }
  const store = createStore(db, file);
  // Fold what the log held into the snapshot now, so the JSON file alone is the state again.
  await store.compact();
  return store;
}

const logFile = (file: string) => `${file}.log`;

/**
 * Appends and fsyncs (fdatasync): an acknowledged write survives a power cut, not only `kill -9`. One per
 * group commit, so its cost is shared by every mutation in the batch (`npm run bench` measures it).
 */
async function appendDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await handle.appendFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** fsync of a file or directory (a directory makes a rename durable); ignored where the platform refuses it. */
async function syncPath(path: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // e.g. EISDIR/EPERM on some platforms for directories: the data itself was synced
  } finally {
    await handle?.close();
  }
}

function createStore(db: Low<StoreData>, file: string | undefined): Store {
  let pending: Change[] = [];
  let logBytes = 0;
  let flushes = 0;
  let flushing: Promise<void> | null = null;
  let waiting: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void; compact: boolean } | null = null;

  /**
   * One disk write: append the batch's changes to the log; when compacting, then also rewrite the
   * snapshot and empty the log. The log is appended first so that a crash between the snapshot and
   * the truncation replays the log to exactly the acknowledged state.
   */
  const write = async (compact: boolean, changes: Change[]) => {
    if (changes.length > 0) {
      const lines = toLogLines(changes);
      await appendDurably(logFile(file!), lines);
      logBytes += lines.length;
    }
    if (compact || logBytes > COMPACT_AT_BYTES) {
      await db.write(); // lowdb serialises synchronously, so this snapshot holds every change so far
      // The snapshot must be on disk before the log that covers it is emptied.
      await syncPath(file!);
      await syncPath(dirname(file!));
      await writeFile(logFile(file!), '');
      logBytes = 0;
    }
  };

  const tracked = new Map<string, () => unknown>();
  /** Tracked values that moved since they were last logged, as changes (and into the data for the snapshot). */
  const metaChanges = (): Change[] =>
    [...tracked].flatMap(([key, get]) => {
      const value = get();
      if (JSON.stringify(db.data.meta?.[key]) === JSON.stringify(value)) return [];
      (db.data.meta ??= {})[key] = value;
      return [{ op: 'meta' as const, key, value }];
    });

  const startFlush = () => {
    flushes++;
    const batch = waiting!;
    waiting = null;
    const changes = pending.length > 0 ? [...pending, ...metaChanges()] : pending;
    pending = [];
    flushing = write(batch.compact, changes)
      .then(batch.resolve, batch.reject)
      .finally(() => {
        flushing = null;
        if (waiting) startFlush();
      });
  };

  const commit = (compact = false): Promise<void> => {
    if (file === undefined) return Promise.resolve();
    if (!waiting) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      waiting = { promise, resolve, reject, compact };
    }
    waiting.compact ||= compact;
    const { promise } = waiting;
    if (!flushing) startFlush();
    return promise;
  };

  const settle = async () => {
    while (flushing || waiting) await (flushing ?? commit());
  };

  return {
    mode: file === undefined ? 'memory' : 'file',
    file,
    get data() {
      return db.data;
    },
    changed(change) {
      if (file !== undefined) pending.push(change);
    },
    commit: () => commit(),
    track(key, get) {
      tracked.set(key, get);
    },
    get flushes() {
      return flushes;
    },
    compact: () => commit(true),
    async reset() {
      db.data.tables = {};
      pending = [];
      await commit(true);
    },
    async replaceTables(tables, seq, keep = []) {
      const kept = Object.fromEntries(keep.flatMap((name) => (db.data.tables[name] ? [[name, db.data.tables[name]!]] : [])));
      db.data.tables = { ...tables, ...kept };
      db.data.seq = Math.max(db.data.seq, seq);
      pending = [];
      await commit(true);
    },
    async close() {
      await settle();
      if (file === undefined) return;
      await commit(true);
      await settle();
      await rm(logFile(file), { force: true });
    },
  };
}
