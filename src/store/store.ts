import { existsSync, statSync } from 'node:fs';
import { rm, truncate } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { replay } from './change-log.js';
import { createLog, findLogs, logPath, reopenLog, snapshotTemp } from './files.js';
import { createStore, writeSnapshotFile } from './running.js';
import { emptyData, readSnapshot, SnapshotFormatError } from './snapshot.js';
import type { Disk, Store, StoreOptions } from './types.js';

export type { StoreData, Tables } from './change-log.js';
export type { CompactionStep, Store, StoreOptions } from './types.js';

/** Start-up failure of the store; its message is one readable line. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
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
