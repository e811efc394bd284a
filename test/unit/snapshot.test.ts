import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { describe, expect, it } from 'vitest';
import type { StoreData } from '../../src/store/change-log.js';
import { readSnapshot, readSnapshotLines, SnapshotFormatError, writeSnapshot } from '../../src/store/snapshot.js';
import { tempDir } from '../helpers/tmp.js';

async function write(file: string, data: StoreData, gen: number) {
  let text = '';
  await writeSnapshot(data, gen, async (t) => {
    text += t;
  });
  writeFileSync(file, text);
  return text;
}

const name = fc.oneof(fc.string(), fc.constantFrom('verify.services', 'a\nb', '"', '}},', '__proto__', '],'));
const row = fc.record({ sid: name, _seq: fc.nat(), v: fc.jsonValue() });
const data = fc.record({
  seq: fc.nat(),
  meta: fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
  tables: fc.dictionary(name, fc.dictionary(name, fc.array(row, { maxLength: 4 }), { maxKeys: 3 }), { maxKeys: 3 }),
});

describe('the snapshot file', () => {
  it('reads back exactly what was written, whatever the names and values, and stays one JSON document', async () => {
    const dir = tempDir('hookyard-snap-');
    const file = join(dir, 'db.json');
    await fc.assert(
      fc.asyncProperty(data, fc.nat(), async (d, gen) => {
        const value: StoreData = { hookyard: 1, tables: d.tables as StoreData['tables'], seq: d.seq, ...(d.meta ? { meta: d.meta } : {}) };
        const text = await write(file, value, gen);
        const expected = JSON.parse(JSON.stringify(value)) as StoreData;
        expect(JSON.parse(text)).toEqual({ ...expected, gen });
        expect(await readSnapshot(file)).toEqual({ data: expected, gen });
        // Line by line, but for a table or partition named __proto__ (an assignment would not keep it as data),
        // which the whole-file parse handles. Anywhere else (meta, rows) each line's own JSON.parse keeps it.
        const proto = Object.keys(expected.tables).some((t) => t === '__proto__' || Object.keys(expected.tables[t]!).includes('__proto__'));
        expect(await readSnapshotLines(file)).toEqual(proto ? undefined : { data: expected, gen });
      }),
      // A meta key named __proto__ (found by a random run): read line by line, and kept.
      { numRuns: 300, examples: [[{ seq: 0, meta: JSON.parse('{"__proto__":{}}') as Record<string, fc.JsonValue>, tables: {} }, 0]] },
    );
  });

  it('reads a snapshot of many MiB whose lines and multi-byte characters straddle the read chunks', async () => {
    const file = join(tempDir('hookyard-snap-'), 'db.json');
    // Rows of varying length, some all ASCII and some not, a long one past a whole chunk among them.
    const rows = Array.from({ length: 9000 }, (_, i) => ({ sid: `r${i}`, _seq: i + 1, text: (i % 3 === 0 ? 'é€😀' : 'ab').repeat((i * 37) % 200) }));
    rows.splice(4000, 0, { sid: 'long', _seq: 0, text: 'ü'.repeat(700_000) });
    const value: StoreData = { hookyard: 1, seq: 9000, tables: { t: { s: rows, empty: [] }, u: {} } };
    const text = await write(file, value, 1);
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 1024 * 1024);
    expect((await readSnapshotLines(file))?.data).toEqual(value); // line by line, not the whole-file fallback
  });

  it('is a plain JSON document lowdb reads as it is', async () => {
    const file = join(tempDir('hookyard-snap-'), 'db.json');
    const value: StoreData = { hookyard: 1, seq: 2, meta: { random: 7 }, tables: { 'verify.services': { AC1: [{ sid: 'VA1', _seq: 1 }, { sid: 'VA2', _seq: 2 }] }, empty: {} } };
    await write(file, value, 3);
    const db = new Low<unknown>(new JSONFile(file), {});
    await db.read();
    expect(db.data).toEqual({ ...value, gen: 3 });
  });

  it('reads a file in another layout (one line, as earlier versions wrote it; pretty-printed) whole', async () => {
    const dir = tempDir('hookyard-snap-');
    const value = { hookyard: 1, tables: { t: { s: [{ sid: 'a', _seq: 1 }] } }, seq: 1 };
    for (const [i, text] of [JSON.stringify(value), JSON.stringify(value, null, 2)].entries()) {
      const file = join(dir, `db${i}.json`);
      writeFileSync(file, text);
      expect(await readSnapshot(file)).toEqual({ data: value, gen: 0 });
    }
  });

  it('refuses a snapshot cut short or damaged in the middle, naming why', async () => {
    const file = join(tempDir('hookyard-snap-'), 'db.json');
    const text = await write(file, { hookyard: 1, seq: 1, tables: { t: { s: [{ sid: 'a', _seq: 1 }, { sid: 'b', _seq: 2 }] } } }, 0);
    writeFileSync(file, text.slice(0, text.indexOf('{"sid":"b"')));
    await expect(readSnapshot(file)).rejects.toThrow(/not valid JSON/);
    writeFileSync(file, text.replace('{"sid":"b"', '{"sid":b"'));
    await expect(readSnapshot(file)).rejects.toBeInstanceOf(SnapshotFormatError);
    writeFileSync(file, text.replace('"hookyard":1', '"hookyard":2'));
    await expect(readSnapshot(file)).rejects.toThrow(/not a hookyard database/);
    expect(readFileSync(file, 'utf8')).toContain('"hookyard":2');
  });
});
