import { existsSync, statSync } from 'node:fs';
import { open, rename, rm, truncate } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { replay, toLogLines, type Change, type StoreData, type Tables } from './change-log.js';
import { appendDurably, createLog, findLogs, logPath, reopenLog, snapshotTemp, syncPath, writeAll, type LogFile } from './files.js';
import { cutOf, emptyData, readSnapshot, SnapshotFormatError, writeSnapshot } from './snapshot.js';

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
  /**
   * Folds the change log into a fresh snapshot, written in slices between requests while new changes
   * go to a fresh log; resolves once a compaction that started after the call is complete.
   */
  compact(): Promise<void>;
  /** Empties every table; with a file, durable (logged) before it resolves. */
  reset(): Promise<void>;
  /**
   * Replaces every table at once (a state import or snapshot restore; runtime tables in `keep` stay) and,
   * with a file, logs the new tables before resolving.
   */
  replaceTables(tables: Tables, seq: number, keep?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** The moments of a compaction, in order (a test seam: `onCompactionStep` may look at the files, or throw). */
export type CompactionStep = 'log-created' | 'cut' | 'snapshot-written' | 'log-flushed' | 'snapshot-renamed' | 'log-renamed' | 'done';

export interface StoreOptions {
  file?: string | undefined;
  /** Log size past which a compaction starts (default 4 MiB). */
  compactAtBytes?: number | undefined;
  onCompactionStep?: ((step: CompactionStep) => void | Promise<void>) | undefined;
}

/** Start-up failure of the store; its message is one readable line. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** Past this size the change log is folded into the snapshot (in the background). */
const COMPACT_AT_BYTES = 4 * 1024 * 1024;


/** Where the files stand: the snapshot's generation and the logs replayed on top of it, the last one current. */
interface Disk {
  file: string;
  snapGen: number;
  /** Highest generation ever seen: a new log takes the next one. */
  maxGen: number;
  /** Logs of generation ≥ snapGen, oldest first; the last is appended to. */
  live: LogFile[];
}

/**
 * Opens the store: in memory by default; with `file`, a JSON snapshot plus its change log, read as they
 * are (after a crash, the log is replayed in memory and appended to; nothing is rewritten at start-up
 * unless the log is past the compaction size, and then in the background).
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  if (options.file === undefined) return createStore(emptyData(), undefined, options);
  const shown = options.file;
  const file = resolve(options.file);
  if (!existsSync(dirname(file))) throw new StoreOpenError(`cannot use --db ${shown}: folder ${dirname(file)} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new StoreOpenError(`cannot use --db ${shown}: it is a directory`);

  let snapshot: Awaited<ReturnType<typeof readSnapshot>>;
  let logs: Awaited<ReturnType<typeof findLogs>>;
  try {
    snapshot = await readSnapshot(file);
    logs = await findLogs(file, shown);
  } catch (err) {
    if (err instanceof SnapshotFormatError) throw new StoreOpenError(`cannot use --db ${shown}: ${err.message}; the file was left untouched`);
    throw new StoreOpenError(`cannot read --db ${shown}: ${(err as Error).message}`);
  }
  const { data, gen: snapGen } = snapshot;
  const live = logs.filter((l) => l.gen !== undefined && l.gen >= snapGen).sort((a, b) => a.gen! - b.gen! || a.path.length - b.path.length);
  try {
    for (const log of live) replay(data, log.changes());
  } catch (err) {
    throw new StoreOpenError((err as Error).message);
  }

  // Everything parsed: only now touch the files. Logs the snapshot already holds (or that hold nothing) go,
  // a torn last line is cut off so the next append starts on a line of its own.
  const disk: Disk = { file, snapGen, maxGen: Math.max(snapGen, ...logs.map((l) => l.gen ?? 0)), live: [] };
  try {
    await rm(snapshotTemp(file), { force: true });
    for (const log of logs) if (!live.includes(log)) await rm(log.path, { force: true });
    for (const log of live) {
      if (log.complete < log.size) await truncate(log.path, log.complete);
      disk.live.push({ path: log.path, gen: log.gen!, bytes: log.bytes });
    }
    // A new database gets its (empty) snapshot file now; the logs stay on top of it.
    if (!existsSync(file) || statSync(file).size === 0) await writeSnapshotFile(file, emptyData(), snapGen);
    const current = disk.live.at(-1);
    if (current) await reopenLog(current);
    else disk.live.push(await createLog(logPath(file), snapGen));
  } catch (err) {
    await Promise.all(disk.live.map((l) => l.handle?.close()));
    throw new StoreOpenError(`cannot use --db ${shown}: ${(err as Error).message}`);
  }
  return createStore(data, disk, options);
}

/**
 * Writes a complete snapshot next to the file and makes it durable, then (after `beforeRename`) renames it
 * into place and makes that durable too: at every moment the file is either the old snapshot or the new one.
 */
async function writeSnapshotFile(file: string, data: StoreData, gen: number, beforeRename?: () => Promise<void>): Promise<void> {
  const tmp = snapshotTemp(file);
  const handle = await open(tmp, 'w');
  try {
    await writeSnapshot(data, gen, (text) => writeAll(handle, text));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await beforeRename?.();
  await rename(tmp, file);
  await syncPath(dirname(file));
}

function createStore(data: StoreData, disk: Disk | undefined, options: StoreOptions): Store {
  const file = disk?.file;
  const threshold = options.compactAtBytes ?? COMPACT_AT_BYTES;
  const step = async (s: CompactionStep) => {
    await options.onCompactionStep?.(s);
  };
  let pending: Change[] = [];
  let flushes = 0;
  let closed = false;
  let flushing: Promise<void> | null = null;
  let waiting: { promise: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;
  /** Set by a compaction: the next write takes the cut (what the snapshot will hold) and moves to this log. */
  let switchTo: { log: LogFile; onCut: (cut: StoreData) => void } | null = null;

  const current = () => disk!.live.at(-1)!;
  const logBytes = () => disk!.live.reduce((n, l) => n + l.bytes, 0);

  /** One disk write: the batch's changes appended to `target`, which is closed once it is no longer current. */
  const write = async (target: LogFile, changes: Change[]) => {
    try {
      if (changes.length > 0) await appendDurably(target, toLogLines(changes));
    } finally {
      if (target !== current() && target.handle) {
        await target.handle.close();
        target.handle = undefined;
      }
    }
    if (!compacting && closing === undefined && logBytes() > compactAt) void compact().catch(() => undefined);
  };

  const tracked = new Map<string, () => unknown>();
  /** Tracked values that moved since they were last logged, as changes (and into the data for the snapshot). */
  const metaChanges = (): Change[] =>
    [...tracked].flatMap(([key, get]) => {
      const value = get();
      if (JSON.stringify(data.meta?.[key]) === JSON.stringify(value)) return [];
      (data.meta ??= {})[key] = value;
      return [{ op: 'meta' as const, key, value }];
    });

  const startFlush = () => {
    flushes++;
    const batch = waiting!;
    waiting = null;
    const changes = pending.length > 0 ? [...pending, ...metaChanges()] : pending;
    pending = [];
    const target = current();
    if (switchTo) {
      // The cut: memory now holds exactly what the logs so far plus this batch hold. Later changes go to the new log.
      const { log, onCut } = switchTo;
      switchTo = null;
      disk!.live.push(log);
      onCut(cutOf(data));
    }
    flushing = write(target, changes)
      .then(batch.resolve, batch.reject)
      .finally(() => {
        flushing = null;
        if (waiting) startFlush();
      });
  };

  const commit = (): Promise<void> => {
    if (disk === undefined || closed) return Promise.resolve();
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

  const settle = async () => {
    while (flushing || waiting) await (flushing ?? commit());
  };

  /**
   * Folds the logs into a fresh snapshot without stopping writes. Crash-safe at every step: until the
   * rename, the old snapshot plus the old and new logs hold everything; after it, the new snapshot plus
   * the new log do, and older logs are skipped by their generation until they are removed.
   */
  let compactAt = threshold;
  let compacting: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const runCompaction = async () => {
    const d = disk!;
    const gen = ++d.maxGen;
    const next = await createLog(`${d.file}.log.${gen}`, gen).catch(async (err: unknown) => {
      await rm(`${d.file}.log.${gen}`, { force: true }).catch(() => undefined);
      throw err;
    });
    await step('log-created').catch(async (err: unknown) => {
      await next.handle?.close();
      await rm(next.path, { force: true }).catch(() => undefined);
      throw err;
    });
    const cut = await new Promise<StoreData>((onCut) => {
      switchTo = { log: next, onCut };
      commit().catch(() => undefined); // a failed batch was never acknowledged; the cut is taken either way
    });
    await step('cut');
    await writeSnapshotFile(d.file, cut, gen, async () => {
      await step('snapshot-written');
      // Rows were serialised as they stood while the slices were written: once the new log holds every change
      // made until now, the snapshot plus that log is a consistent state whatever moment a crash picks.
      await commit();
      await step('log-flushed');
    });
    d.snapGen = gen;
    const obsolete = d.live.filter((l) => l.gen < gen);
    d.live = d.live.filter((l) => l.gen >= gen);
    await step('snapshot-renamed');
    await rename(next.path, logPath(d.file));
    next.path = logPath(d.file);
    await syncPath(dirname(d.file));
    await step('log-renamed');
    for (const l of obsolete) if (l.path !== next.path) await rm(l.path, { force: true });
    await step('done');
  };
  const compact = (): Promise<void> => {
    if (disk === undefined || closed) return Promise.resolve();
    if (!compacting) {
      const run = runCompaction().then(
        () => {
          compactAt = threshold;
        },
        async (err: unknown) => {
          // Writes still go to the current log; try again once it has grown by as much again.
          compactAt = logBytes() + threshold;
          await rm(snapshotTemp(disk.file), { force: true }).catch(() => undefined);
          throw err;
        },
      );
      compacting = run.finally(() => {
        compacting = null;
      });
      return compacting;
    }
    return (queued ??= compacting.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      queued = null;
      return compact();
    }));
  };

  let closing: Promise<void> | undefined;
  // A log found past the compaction size at start-up is folded in the background, not before serving.
  if (disk !== undefined && logBytes() > compactAt) void compact().catch(() => undefined);
  return {
    mode: disk === undefined ? 'memory' : 'file',
    file,
    get data() {
      return data;
    },
    changed(change) {
      if (disk !== undefined && !closed) pending.push(change);
    },
    commit,
    track(key, get) {
      tracked.set(key, get);
    },
    get flushes() {
      return flushes;
    },
    compact,
    async reset() {
      data.tables = {};
      if (disk !== undefined) pending.push({ op: 'tables', tables: {}, keep: [], seq: data.seq });
      await commit();
    },
    async replaceTables(tables, seq, keep = []) {
      const kept = Object.fromEntries(keep.flatMap((name) => (data.tables[name] ? [[name, data.tables[name]!]] : [])));
      data.tables = { ...tables, ...kept };
      data.seq = Math.max(data.seq, seq);
      if (disk !== undefined) {
        // Changes still pending are logged first; the marker then sets the tables aside, and the new rows follow.
        pending.push({ op: 'tables', tables: Object.fromEntries(Object.entries(tables).map(([name, scopes]) => [name, Object.keys(scopes)])), keep: [...keep], seq: data.seq });
        for (const [name, scopes] of Object.entries(tables)) {
          if (Object.hasOwn(kept, name)) continue;
          for (const [scope, rows] of Object.entries(scopes)) for (const row of rows) pending.push({ op: 'put', table: name, scope, row });
        }
      }
      await commit();
    },
    close() {
      closing ??= (async () => {
        if (disk === undefined) return;
        try {
          await settle();
          await compact();
          await settle();
        } finally {
          closed = true;
          await Promise.all(disk.live.map((l) => l.handle?.close()));
          for (const l of disk.live) l.handle = undefined;
        }
        // Only the snapshot is left, unless something was logged after the final compaction.
        const log = current();
        if (disk.live.length === 1 && log.bytes === 0) await rm(log.path, { force: true });
      })();
      return closing;
    },
  };
}
