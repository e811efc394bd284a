import type { Change, StoreData, Tables } from './change-log.js';
import type { LogFile } from './files.js';

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

/** Where the files stand: the snapshot's generation and the logs replayed on top of it, the last one current. */
export interface Disk {
  file: string;
  snapGen: number;
  /** Highest generation ever seen: a new log takes the next one. */
  maxGen: number;
  /** Logs of generation ≥ snapGen, oldest first; the last is appended to. */
  live: LogFile[];
}
