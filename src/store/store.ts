import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Low, Memory } from 'lowdb';
import { DataFile } from 'lowdb/node';

/** Rows by table, then by scope (Twilio AccountSid, Sinch projectId), then by key; insertion-ordered. */
export type Tables = Record<string, Record<string, Record<string, unknown>>>;

export interface StoreData {
  hookyard: 1;
  tables: Tables;
  /** Monotonic counter for insertion order and opaque page tokens. */
  seq: number;
}

export interface Store {
  readonly mode: 'memory' | 'file';
  readonly file: string | undefined;
  readonly data: StoreData;
  /**
   * Resolves once every mutation made so far is on disk. Group commit: at most one file write is in
   * flight; every mutation made before a write starts is acknowledged when that write lands.
   */
  commit(): Promise<void>;
  /** File writes started so far (group commit makes this far fewer than mutations). */
  readonly flushes: number;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Start-up failure of the store; its message is one readable line. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

const emptyData = (): StoreData => ({ hookyard: 1, tables: {}, seq: 0 });

function parseDb(file: string) {
  return (text: string): StoreData => {
    if (text.trim() === '') return emptyData();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new StoreOpenError(`cannot use --db ${file}: not valid JSON (${(err as Error).message}); the file was left untouched`);
    }
    const d = parsed as Partial<StoreData> | null;
    if (!d || typeof d !== 'object' || d.hookyard !== 1 || typeof d.tables !== 'object' || d.tables === null) {
      throw new StoreOpenError(`cannot use --db ${file}: not a hookyard database; the file was left untouched`);
    }
    return { hookyard: 1, tables: d.tables, seq: typeof d.seq === 'number' ? d.seq : 0 };
  };
}

/** Opens the lowdb store: in memory by default, a JSON file when `file` is given. */
export async function openStore(options: { file?: string | undefined } = {}): Promise<Store> {
  const file = options.file === undefined ? undefined : resolve(options.file);
  if (file === undefined) return wrap(new Low<StoreData>(new Memory<StoreData>(), emptyData()), undefined);
  if (!existsSync(dirname(file))) throw new StoreOpenError(`cannot use --db ${options.file}: folder ${dirname(file)} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new StoreOpenError(`cannot use --db ${options.file}: it is a directory`);
  const adapter = new DataFile<StoreData>(file, { parse: parseDb(file), stringify: (d) => JSON.stringify(d) });
  const db = new Low<StoreData>(adapter, emptyData());
  try {
    // Read the text ourselves first so an unreadable file is reported, not treated as empty.
    if (existsSync(file)) await readFile(file, 'utf8');
    await db.read();
  } catch (err) {
    if (err instanceof StoreOpenError) throw err;
    throw new StoreOpenError(`cannot read --db ${options.file}: ${(err as Error).message}`);
  }
  const store = wrap(db, file);
  if (!existsSync(file)) await store.commit();
  return store;
}

function wrap(db: Low<StoreData>, file: string | undefined): Store {
  let flushing: Promise<void> | null = null;
  let waiting: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;

  let flushes = 0;
  const startFlush = () => {
    flushes++;
    const batch = waiting!;
    waiting = null;
    // lowdb's DataFile serialises synchronously inside write(), so this write carries exactly the
    // mutations made up to now; later ones wait for the next flush.
    flushing = db
      .write()
      .then(batch.resolve, batch.reject)
      .finally(() => {
        flushing = null;
        if (waiting) startFlush();
      });
  };

  const commit = (): Promise<void> => {
    if (file === undefined) return Promise.resolve();
    if (!waiting) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      waiting = { promise, resolve, reject };
    }
    const { promise } = waiting;
    if (!flushing) startFlush();
    return promise;
  };

  return {
    mode: file === undefined ? 'memory' : 'file',
    file,
    get data() {
      return db.data;
    },
    commit,
    get flushes() {
      return flushes;
    },
    async reset() {
      db.data.tables = {};
      await commit();
    },
    async close() {
      while (flushing || waiting) await (flushing ?? commit());
    },
  };
}
