import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodePageToken, paginate } from '../../src/core/pagination.js';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ sid: `R${i}`, _seq: i + 1 }));

describe('paginate', () => {
  it('pages by Page and PageSize, with tokens both ways', () => {
    const all = rows(5);
    const p0 = paginate(all, { pageSize: 2, page: 0, pageToken: undefined });
    expect(p0.items.map((r) => r.sid)).toEqual(['R0', 'R1']);
    expect(p0.previousToken).toBeUndefined();
    const p1 = paginate(all, { pageSize: 2, page: 1, pageToken: p0.nextToken });
    expect(p1.items.map((r) => r.sid)).toEqual(['R2', 'R3']);
    const back = paginate(all, { pageSize: 2, page: 0, pageToken: p1.previousToken });
    expect(back.items.map((r) => r.sid)).toEqual(['R0', 'R1']);
    const p2 = paginate(all, { pageSize: 2, page: 2, pageToken: p1.nextToken });
    expect(p2.items.map((r) => r.sid)).toEqual(['R4']);
    expect(p2.nextToken).toBeUndefined();
  });

  it('neither skips nor repeats a row when rows before the cursor are deleted', () => {
    const all = rows(6);
    const p0 = paginate(all, { pageSize: 2, page: 0, pageToken: undefined });
    const afterDelete = all.filter((r) => r.sid !== 'R0' && r.sid !== 'R1');
    const p1 = paginate(afterDelete, { pageSize: 2, page: 1, pageToken: p0.nextToken });
    expect(p1.items.map((r) => r.sid)).toEqual(['R2', 'R3']);
  });

  it('recognises only its own tokens', () => {
    expect(decodePageToken('garbage')).toBeUndefined();
    expect(decodePageToken('PA' + Buffer.from('zz').toString('base64url'))).toBeUndefined();
    expect(decodePageToken(paginate(rows(3), { pageSize: 1, page: 0, pageToken: undefined }).nextToken!)).toEqual({ dir: 'a', seq: 1 });
  });
});

describe('paginate with a filter', () => {
  it('gives exactly the page of the filtered rows, for any page, size, token and filter (fast-check)', () => {
    const arb = fc.record({
      n: fc.nat({ max: 40 }),
      keep: fc.func(fc.boolean()),
      pageSize: fc.integer({ min: 1, max: 7 }),
      page: fc.nat({ max: 8 }),
      token: fc.option(fc.record({ dir: fc.constantFrom('a', 'b'), seq: fc.integer({ min: 0, max: 45 }) }), { nil: undefined }),
    });
    fc.assert(
      fc.property(arb, ({ n, keep, pageSize, page, token }) => {
        const all = rows(n);
        const where = (r: { sid: string }) => keep(r.sid);
        const pageToken = token && 'PA' + Buffer.from(`${token.dir}${token.seq}`).toString('base64url');
        const req = { pageSize, page, pageToken };
        expect(paginate(all, req, where)).toEqual(paginate(all.filter(where), req));
      }),
      { numRuns: 2000 },
    );
  });
});
