import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toLogLines, type Change, type StoreData } from './change-log.js';
import { appendDurably, createLog, logPath, snapshotTemp, syncPath, writeAll, type LogFile } from './files.js';
import { cutOf, writeSnapshot } from './snapshot.js';
import type { CompactionStep, Disk, Store, StoreOptions } from './types.js';

/** Past this size the change log is folded into the snapshot (in the background). */
const COMPACT_AT_BYTES = 4 * 1024 * 1024;

/** How much snapshot text is written between two fdatasyncs of it. */
const SYNC_SNAPSHOT_EVERY = 1024 * 1024;

/**
 * Writes a complete snapshot next to the file and makes it durable, then (after `beforeRename`) renames it
 * into place and makes that durable too: at every moment the file is either the old snapshot or the new one.
 */
export async function writeSnapshotFile(file: string, data: StoreData, gen: number, beforeRename?: () => Promise<void>): Promise<void> {
  const tmp = snapshotTemp(file);
  const handle = await open(tmp, 'w');
  try {
    // Flushed as it goes: one fsync of the whole file at the end would make the journal commit that every
    // acknowledged write's fdatasync waits for carry the whole snapshot (a 100 ms stall at 35 MB).
    let unsynced = 0;
    await writeSnapshot(data, gen, async (text) => {
      await writeAll(handle, text);
      unsynced += text.length;
      if (unsynced >= SYNC_SNAPSHOT_EVERY) {
        unsynced = 0;
        await handle.datasync();
      }
    });
    await handle.sync();
  } finally {
    await handle.close();
  }
  await beforeRename?.();
  await rename(tmp, file);
  await syncPath(dirname(file));
}

/**
 * The running store: group commit of the change log, and compaction into a fresh snapshot without stopping
 * writes. `openStore` (store.ts) reads the files and hands over where they stand (`disk`; none in memory).
 */
export function createStore(data: StoreData, disk: Disk | undefined, options: StoreOptions): Store {
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
