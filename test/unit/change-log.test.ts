import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerGen, logHeader, parseLog, replay, toLogLines, type Change, type StoreData } from '../../src/store/change-log.js';

/** The collection's own semantics, written the slow, obvious way: the oracle for replay. */
function reference(start: { sid: string; v: number }[], changes: Change[]) {
  let rows = [...start];
  for (const c of changes) {
    if (c.op === 'del') rows = rows.filter((r) => r.sid !== c.sid);
    else if (c.op === 'put') {
      const at = rows.findIndex((r) => r.sid === c.row.sid);
      if (at >= 0) rows[at] = c.row as { sid: string; v: number };
      else rows.push(c.row as { sid: string; v: number });
    }
  }
  return rows;
}

describe('the change log', () => {
  it('replays a delete and a re-create of the same key (a map item) as the re-created row', () => {
    const data: StoreData = { hookyard: 1, tables: {}, seq: 0 };
    const log: Change[] = [
      { op: 'put', table: 'sync.items', scope: 'AC1', row: { sid: 'MP1/k', _seq: 1 } },
      { op: 'del', table: 'sync.items', scope: 'AC1', sid: 'MP1/k' },
      { op: 'put', table: 'sync.items', scope: 'AC1', row: { sid: 'MP1/k', _seq: 2 } },
    ];
    replay(data, parseLog(toLogLines(log), 'db.log'));
    expect(data.tables['sync.items']!['AC1']).toEqual([{ sid: 'MP1/k', _seq: 2 }]);
  });

  it('replays any sequence of puts and deletes exactly as the collection applied them', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd');
    const change = fc.oneof(
      fc.record({ op: fc.constant('put' as const), sid: key, v: fc.integer() }).map(({ sid, v }): Change => ({ op: 'put', table: 't', scope: 's', row: { sid, v } as never })),
      fc.record({ op: fc.constant('del' as const), sid: key }).map(({ sid }): Change => ({ op: 'del', table: 't', scope: 's', sid })),
    );
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 3 }), fc.array(change, { maxLength: 30 }), (startKeys, changes) => {
        const start = startKeys.map((sid, i) => ({ sid, v: -i }));
        const data: StoreData = { hookyard: 1, tables: { t: { s: start.map((r) => ({ ...r })) } }, seq: 0 };
        replay(data, changes);
        expect(data.tables['t']!['s']).toEqual(reference(start, changes));
      }),
      { numRuns: 500 },
    );
  });

  it('replays a change into a partition of any size (250k rows once overflowed the call stack)', () => {
    const rows = Array.from({ length: 250_000 }, (_, i) => ({ sid: `r${i}`, _seq: i + 1 }));
    const data: StoreData = { hookyard: 1, tables: { t: { s: rows } }, seq: 250_000 };
    replay(data, [{ op: 'put', table: 't', scope: 's', row: { sid: 'r0', _seq: 1, v: 1 } as never }]);
    expect(data.tables['t']!['s']!.length).toBe(250_000);
    expect(data.tables['t']!['s']![0]).toEqual({ sid: 'r0', _seq: 1, v: 1 });
  });

  it('replays a tables marker: earlier rows set aside, kept tables untouched, the new partitions in their order', () => {
    const data: StoreData = { hookyard: 1, seq: 3, tables: { old: { s: [{ sid: 'x', _seq: 1 }] }, runtime: { _: [{ sid: 'p', _seq: 2 }] } } };
    const log: Change[] = [
      { op: 'put', table: 'old', scope: 's', row: { sid: 'y', _seq: 3 } },
      { op: 'tables', tables: { b: ['s2', 's1'], a: [] }, keep: ['runtime'], seq: 10 },
      { op: 'put', table: 'b', scope: 's1', row: { sid: 'n', _seq: 9 } },
    ];
    replay(data, parseLog(toLogLines(log), 'db.log'));
    expect(data.tables).toEqual({ b: { s2: [], s1: [{ sid: 'n', _seq: 9 }] }, a: {}, runtime: { _: [{ sid: 'p', _seq: 2 }] } });
    expect(Object.keys(data.tables)).toEqual(['b', 'a', 'runtime']);
    expect(Object.keys(data.tables['b']!)).toEqual(['s2', 's1']);
    expect(data.seq).toBe(10);
  });

  it('skips its generation header and counts lines from the top of the file', () => {
    const text = logHeader(4) + 'garbage\n';
    expect(headerGen(text.split('\n')[0]!)).toBe(4);
    expect(() => parseLog(text, 'db.log')).toThrow(/db.log: line 2 is damaged/);
    expect(parseLog(logHeader(4), 'db.log')).toEqual([]);
  });
});
