import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLog, replay, toLogLines, type Change, type StoreData } from '../../src/store/change-log.js';

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
});
