import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBoundedLog } from '../../src/core/bounded-log.js';

interface Rec {
  id: string;
  n: number;
}

const op = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('add' as const), n: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('page' as const), even: fc.boolean(), limit: fc.integer({ min: 1, max: 4 }), pick: fc.nat() }) },
);

/** Both ways of finding a record by id (an index, or ids that name their arrival) give what a plain list gives. */
describe('bounded log', () => {
  it('keeps the newest `limit` records, found by id and paged from any cursor, with or without an index', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 60 }), (limit, ops) => {
        const indexed = createBoundedLog<Rec>(limit);
        const idOf = (arrival: number) => `R${arrival}`;
        const byArrival = createBoundedLog<Rec>(limit, { arrivalOf: (id) => (/^R\d+$/.test(id) ? Number(id.slice(1)) : undefined) });
        let model: Rec[] = [];
        const everId: string[] = [];
        for (const o of ops) {
          if (o.kind === 'add') {
            const rec = { id: idOf(byArrival.nextArrival), n: o.n };
            everId.push(rec.id);
            indexed.add(rec);
            byArrival.add(rec);
            model = [...model, rec].slice(-limit);
          } else if (o.kind === 'clear') {
            indexed.clear();
            byArrival.clear();
            model = [];
          } else {
            const match = (r: Rec) => (r.n % 2 === 0) === o.even;
            const before = everId.length === 0 || o.pick % 3 === 0 ? undefined : everId[o.pick % everId.length];
            const at = before === undefined ? model.length : model.findIndex((r) => r.id === before);
            const older = at < 0 ? [] : model.slice(0, at).reverse().filter(match);
            const want = { items: older.slice(0, o.limit), next: older.length > o.limit ? older[o.limit - 1]!.id : null };
            expect(indexed.page(match, { limit: o.limit, before })).toEqual(want);
            expect(byArrival.page(match, { limit: o.limit, before })).toEqual(want);
          }
          expect(byArrival.list()).toEqual(model);
          for (const id of [...everId, 'R-1', 'nope']) {
            expect(byArrival.get(id)).toEqual(model.find((r) => r.id === id));
            expect(indexed.get(id)).toEqual(model.find((r) => r.id === id));
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never reuses an arrival number, even after clear', () => {
    const log = createBoundedLog<Rec>(2, { arrivalOf: (id) => Number(id.slice(1)) });
    log.add({ id: `R${log.nextArrival}`, n: 0 });
    log.clear();
    expect(log.nextArrival).toBe(1);
    expect(log.get('R0')).toBeUndefined();
  });
});
