import { open, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { headerGen, logHeader, parseLog, type Change } from './change-log.js';

export type Handle = Awaited<ReturnType<typeof open>>;

/** fsync of a file or directory (a directory makes a create or rename durable); ignored where the platform refuses it. */
export async function syncPath(path: string): Promise<void> {
  let handle: Handle | undefined;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // e.g. EISDIR/EPERM on some platforms for directories: the data itself was synced
  } finally {
    await handle?.close();
  }
}

/** Writes all of `text` at the handle's position (one write call may take only part of it). */
export async function writeAll(handle: Handle, text: string): Promise<void> {
  const buf = Buffer.from(text);
  for (let at = 0; at < buf.length; ) at += (await handle.write(buf, at, buf.length - at, null)).bytesWritten;
}

/** One change log: `<db>.log` or, while a compaction folds the older ones into the snapshot, `<db>.log.<gen>`. */
export interface LogFile {
  path: string;
  gen: number;
  /** Bytes of changes in it (the header aside). */
  bytes: number;
  /** Open for appending while it is the log being written to, or the one a write in flight goes to. */
  handle?: Handle | undefined;
}

export const logPath = (file: string) => `${file}.log`;
export const snapshotTemp = (file: string) => `${file}.tmp`;

/** Creates (or truncates) a log of generation `gen`, its header and directory entry durable before it is used. */
export async function createLog(path: string, gen: number): Promise<LogFile> {
  const handle = await open(path, 'w');
  try {
    await writeAll(handle, logHeader(gen));
    await handle.datasync();
    await syncPath(dirname(path));
  } catch (err) {
    await handle.close();
    throw err;
  }
  return { path, gen, bytes: 0, handle };
}

/** Reopens a log found at start-up for appending. */
export async function reopenLog(log: LogFile): Promise<LogFile> {
  log.handle = await open(log.path, 'a');
  return log;
}

/** Appends and fsyncs (fdatasync): an acknowledged write survives a power cut, not only `kill -9`. */
export async function appendDurably(log: LogFile, text: string): Promise<void> {
  await log.handle!.appendFile(text);
  await log.handle!.datasync();
  log.bytes += Buffer.byteLength(text);
}

/** A log file as start-up finds it. */
export interface FoundLog {
  path: string;
  /** Undefined: a log whose header was cut off at its creation, so it holds nothing. */
  gen: number | undefined;
  /** Bytes up to the end of the last complete line; anything after it is a torn, unacknowledged write. */
  complete: number;
  size: number;
  /** Bytes of changes (the header aside). */
  bytes: number;
  /** Parsed only for logs that are replayed. */
  changes: () => Change[];
}

/** `<db>.log` and `<db>.log.<gen>` in the database's folder. */
export async function findLogs(file: string, display: string): Promise<FoundLog[]> {
  const base = basename(file);
  const names = (await readdir(dirname(file))).filter((n) => n === `${base}.log` || (n.startsWith(`${base}.log.`) && /^\d+$/.test(n.slice(base.length + 5))));
  const found: FoundLog[] = [];
  for (const name of names) {
    const path = join(dirname(file), name);
    const buf = await readFile(path);
    const complete = buf.lastIndexOf(10) + 1;
    const text = buf.toString('utf8', 0, complete);
    const firstLine = text.slice(0, text.indexOf('\n'));
    const torn = complete === 0 && buf.toString('utf8', 0, Math.min(buf.length, 17)) === '{"hookyard":"log"'.slice(0, Math.min(buf.length, 17));
    const gen = complete === 0 ? (torn ? undefined : 0) : (headerGen(firstLine) ?? 0);
    const headerBytes = complete > 0 && headerGen(firstLine) !== undefined ? Buffer.byteLength(firstLine) + 1 : 0;
    const shown = display + name.slice(base.length);
    // Without a header, the first line must be a change (a log from before generations); else the file is damaged.
    if (complete > 0 && headerBytes === 0) parseLog(text, shown);
    found.push({ path, gen, complete, size: buf.length, bytes: complete - headerBytes, changes: () => parseLog(text, shown) });
  }
  return found;
}
