import { isAscii } from 'node:buffer';
import { open, readFile } from 'node:fs/promises';
import type { StoreData, Tables } from './change-log.js';

/**
 * The snapshot file: one plain JSON document (any JSON reader, lowdb's included, loads it whole), laid
 * out one row per line so that the store can write it in slices between requests and read it back line
 * by line, never holding the file's text, the parsed tree and a re-stringified copy at once:
 *
 *     {"hookyard":1,"gen":3,"seq":120,"meta":{…},"tables":{
 *     "verify.services":{
 *     "AC…":[
 *     {"sid":"VA…",…},
 *     {"sid":"VA…",…}
 *     ]
 *     }
 *     }}
 *
 * `gen` is the first change-log generation not folded into it (see change-log.ts). A file in any other
 * layout (e.g. one line, as earlier versions wrote it) is read whole with JSON.parse.
 */
export interface Snapshot {
  data: StoreData;
  gen: number;
}

/** Bad or foreign content; the message is the reason, without the file name. */
export class SnapshotFormatError extends Error {
  override name = 'SnapshotFormatError';
}

export const emptyData = (): StoreData => ({ hookyard: 1, tables: {}, seq: 0 });

/** Copies every partition array (not the rows) and the meta: what the next snapshot will hold, taken in one go. */
export function cutOf(data: StoreData): StoreData {
  const tables: Tables = {};
  for (const [name, scopes] of Object.entries(data.tables)) {
    const copy: Tables[string] = (tables[name] = {});
    for (const [scope, rows] of Object.entries(scopes)) copy[scope] = rows.slice();
  }
  return { hookyard: 1, tables, seq: data.seq, ...(data.meta ? { meta: JSON.parse(JSON.stringify(data.meta)) as Record<string, unknown> } : {}) };
}

/** How much serialised text one slice holds before the writer lets the event loop run. */
const SLICE_CHARS = 256 * 1024;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes `data` as a snapshot through `write`, one slice of rows at a time, yielding to the event loop
 * between slices. Rows are read as they stand when their slice is written: the change log replayed on
 * top of this snapshot brings any row changed meanwhile to its logged state.
 */
export async function writeSnapshot(data: StoreData, gen: number, write: (text: string) => Promise<unknown>): Promise<void> {
  const head = { hookyard: 1, gen, seq: data.seq, ...(data.meta ? { meta: data.meta } : {}) };
  let out = JSON.stringify(head).slice(0, -1) + ',"tables":{\n';
  const flush = async () => {
    await write(out);
    out = '';
    await turn();
  };
  const tables = Object.entries(data.tables);
  for (let t = 0; t < tables.length; t++) {
    const [name, scopes] = tables[t]!;
    out += JSON.stringify(name) + ':{\n';
    const parts = Object.entries(scopes);
    for (let s = 0; s < parts.length; s++) {
      const [scope, rows] = parts[s]!;
      out += JSON.stringify(scope) + ':[\n';
      for (let r = 0; r < rows.length; r++) {
        out += JSON.stringify(rows[r]) + (r < rows.length - 1 ? ',\n' : '\n');
        if (out.length >= SLICE_CHARS) await flush();
      }
      out += s < parts.length - 1 ? '],\n' : ']\n';
    }
    out += t < tables.length - 1 ? '},\n' : '}\n';
  }
  out += '}}\n';
  await write(out);
}

/** Validates a whole parsed document (the layout-independent path). */
function fromDocument(parsed: unknown): Snapshot {
  const d = parsed as (Partial<StoreData> & { gen?: unknown }) | null;
  if (!d || typeof d !== 'object' || d.hookyard !== 1 || typeof d.tables !== 'object' || d.tables === null || Array.isArray(d.tables)) {
    throw new SnapshotFormatError('not a hookyard database');
  }
  for (const scopes of Object.values(d.tables)) {
    if (!scopes || typeof scopes !== 'object' || Object.values(scopes).some((rows) => !Array.isArray(rows))) throw new SnapshotFormatError('not a hookyard database');
  }
  const data: StoreData = { hookyard: 1, tables: d.tables, seq: typeof d.seq === 'number' ? d.seq : 0, ...(d.meta && typeof d.meta === 'object' ? { meta: d.meta } : {}) };
  return { data, gen: typeof d.gen === 'number' && Number.isSafeInteger(d.gen) && d.gen >= 0 ? d.gen : 0 };
}

function parseWhole(text: string): Snapshot {
  if (text.trim() === '') return { data: emptyData(), gen: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    // JSON.parse quotes the text it choked on, newlines and all: keep the one line to the reason.
    throw new SnapshotFormatError(`not valid JSON (${(err as Error).message.replace(/\s+/g, ' ').slice(0, 120)})`);
  }
  return fromDocument(parsed);
}

/** The line-by-line reader of the layout above; returns undefined as soon as the file is not in it. */
class LineReader {
  private depth = 0; // 0 before the header, 1 in tables, 2 in a table, 3 in a partition, 4 after the end
  private table: Tables[string] = {};
  private rows: { sid: string }[] = [];
  snapshot: Snapshot | undefined;

  /** False when the line does not fit the layout. */
  line(line: string): boolean {
    switch (this.depth) {
      case 0: {
        if (!line.startsWith('{"hookyard":1,') || !line.endsWith(',"tables":{')) return false;
        let head: Snapshot;
        try {
          head = fromDocument(JSON.parse(line + '}}'));
        } catch {
          return false;
        }
        this.snapshot = head;
        this.depth = 1;
        return true;
      }
      case 1:
        if (line === '}}') return ((this.depth = 4), true);
        return this.open(line, ':{', () => {
          this.table = {};
          return this.table;
        }, this.snapshot!.data.tables as Record<string, unknown>);
      case 2:
        if (line === '}' || line === '},') return ((this.depth = 1), true);
        return this.open(line, ':[', () => {
          this.rows = [];
          return this.rows;
        }, this.table as Record<string, unknown>);
      case 3: {
        if (line === ']' || line === '],') return ((this.depth = 2), true);
        if (line[0] !== '{') return false;
        let row: unknown;
        try {
          row = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line);
        } catch {
          return false;
        }
        if (!row || typeof row !== 'object') return false;
        this.rows.push(row as { sid: string });
        return true;
      }
      default:
        return line === '';
    }
  }

  /** `"key":{` or `"key":[`: a table or a partition starts. */
  private open(line: string, tail: string, make: () => unknown, into: Record<string, unknown>): boolean {
    if (line[0] !== '"' || !line.endsWith(tail)) return false;
    let key: unknown;
    try {
      key = JSON.parse(line.slice(0, -2));
    } catch {
      return false;
    }
    // A repeated key, or one an assignment would not store as data: the whole-file parse decides.
    if (typeof key !== 'string' || key === '__proto__' || Object.hasOwn(into, key)) return false;
    into[key] = make();
    this.depth++;
    return true;
  }

  get complete(): boolean {
    return this.depth === 4;
  }

  get started(): boolean {
    return this.depth > 0;
  }
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads a snapshot file: line by line in the layout above, otherwise (or when anything in it does not fit)
 * whole, so that a foreign or damaged file gets JSON.parse's verdict. A missing or empty file is an empty
 * database. Throws SnapshotFormatError for content that is not a hookyard database.
 */
export async function readSnapshot(path: string): Promise<Snapshot> {
  let lines: Snapshot | undefined;
  try {
    lines = await readSnapshotLines(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { data: emptyData(), gen: 0 };
    throw err;
  }
  return lines ?? parseWhole(await readFile(path, 'utf8'));
}

/** The line-by-line read alone: undefined when the file is not (all) in the layout above. */
export async function readSnapshotLines(path: string): Promise<Snapshot | undefined> {
  const handle = await open(path, 'r');
  const reader = new LineReader();
  let fits = true;
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let carry: Buffer | undefined; // the start of a line the next chunk ends
    const feed = (text: string) => {
      for (const line of text.split('\n')) if (!reader.line(line)) return false;
      return true;
    };
    for (;;) {
      const { bytesRead } = await handle.read(buf, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      let start = 0;
      if (carry) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          carry = Buffer.concat([carry, chunk]);
          // The header is one short line: a long first line means another layout (e.g. all of it on one line).
          if (!reader.started && carry.length > CHUNK_BYTES) {
            fits = false;
            break;
          }
          continue;
        }
        fits = reader.line(Buffer.concat([carry, chunk.subarray(0, nl)]).toString('utf8'));
        carry = undefined;
        start = nl + 1;
        if (!fits) break;
      }
      const end = chunk.lastIndexOf(10);
      if (end >= start) {
        const part = chunk.subarray(start, end);
        // Most snapshots are ASCII, which decodes faster as latin1 (to the same string).
        fits = feed(isAscii(part) ? part.toString('latin1') : part.toString('utf8'));
        if (!fits) break;
      }
      const rest = Math.max(end + 1, start);
      if (rest < bytesRead) carry = Buffer.from(chunk.subarray(rest));
    }
    if (fits && carry && !reader.line(carry.toString('utf8'))) fits = false;
  } finally {
    await handle.close();
  }
  return fits && reader.complete ? reader.snapshot : undefined;
}
