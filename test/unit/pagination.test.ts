import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodePageToken, paginate, paginateSorted, type PageRequest } from '../../src/core/pagination.js';

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

describe('paginateSorted (Sync list and map items: by index or key, either order, from a key)', () => {
  interface Item {
    key: string | number;
    live: boolean;
  }
  // Rows ascending by a unique key: numbers (list indexes) or strings (map keys), some expired.
  const items = fc.oneof(fc.uniqueArray(fc.integer({ min: -5, max: 60 }), { maxLength: 40 }), fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 40 })).chain((keys) =>
    fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length }).map((live) => [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key, i): Item => ({ key, live: live[i]! }))),
  );
  const options = (rows: Item[]) =>
    fc.record({
      desc: fc.boolean(),
      from: fc.option(fc.record({ key: rows.length > 0 && typeof rows[0]!.key === 'string' ? fc.oneof(fc.constantFrom(...rows.map((r) => r.key)), fc.string({ maxLength: 3 })) : fc.integer({ min: -8, max: 64 }), inclusive: fc.boolean() }), { nil: undefined }),
      pageSize: fc.integer({ min: 1, max: 6 }),
    });
  const before = (a: string | number, b: string | number) => a < b;
  /** The oracle: what the listing reads, in reading order. */
  const view = (rows: Item[], o: { desc: boolean; from?: { key: string | number; inclusive: boolean } | undefined }) => {
    const f = o.from;
    const inRange = (r: Item) => {
      if (!f) return true;
      if (r.key === f.key) return f.inclusive;
      return o.desc ? before(r.key, f.key) : before(f.key, r.key);
    };
    const kept = rows.filter((r) => r.live && inRange(r));
    return o.desc ? kept.reverse() : kept;
  };
  const cut = (rows: Item[], o: { desc: boolean; from?: { key: string | number; inclusive: boolean } | undefined }, req: PageRequest) =>
    paginateSorted(rows, req, { keyOf: (r) => r.key, desc: o.desc, from: o.from, where: (r) => r.live });

  it('walks every page forward by tokens, back by tokens, and by Page number, as the filtered sorted list cut into pages (fast-check)', () => {
    fc.assert(
      fc.property(items.chain((rows) => fc.tuple(fc.constant(rows), options(rows))), ([rows, o]) => {
        const want = view(rows, o);
        const pages: Item[][] = [];
        const tokens: (string | undefined)[] = [];
        let token: string | undefined;
        do {
          const page = cut(rows, o, { pageSize: o.pageSize, page: pages.length, pageToken: token });
          pages.push(page.items);
          tokens.push(page.previousToken);
          token = page.nextToken;
        } while (token !== undefined && pages.length < 100);
        expect(pages.flat()).toEqual(want);
        for (const [k, page] of pages.entries()) {
          if (k < pages.length - 1 || want.length === 0) expect(page).toHaveLength(want.length === 0 ? 0 : o.pageSize);
          expect(cut(rows, o, { pageSize: o.pageSize, page: k, pageToken: undefined }).items).toEqual(page);
          if (k > 0) expect(cut(rows, o, { pageSize: o.pageSize, page: k - 1, pageToken: tokens[k] }).items).toEqual(pages[k - 1]);
          else expect(tokens[k]).toBeUndefined();
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('neither skips nor repeats an item when items are added or removed between pages (fast-check)', () => {
    fc.assert(
      fc.property(items.chain((rows) => fc.tuple(fc.constant(rows), options(rows), fc.func(fc.boolean()), items)), ([rows, o, drop, added]) => {
        const first = cut(rows, o, { pageSize: o.pageSize, page: 0, pageToken: undefined });
        if (first.nextToken === undefined) return;
        const last = first.items.at(-1)!.key;
        // Between the pages: some items go, others (new keys of the same kind) come.
        const fresh = added.filter((a) => typeof a.key === typeof last && !rows.some((r) => r.key === a.key));
        const changed = [...rows.filter((r) => !drop(String(r.key))), ...fresh].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const rest: Item[] = [];
        for (let token: string | undefined = first.nextToken, n = 1; token !== undefined && n < 100; n++) {
          const page = cut(changed, o, { pageSize: o.pageSize, page: n, pageToken: token });
          rest.push(...page.items);
          token = page.nextToken;
        }
        expect(rest).toEqual(view(changed, o).filter((r) => (o.desc ? before(r.key, last) : before(last, r.key))));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a token of another kind of list, and keeps the sequence tokens apart', () => {
    const rows: Item[] = [{ key: 'a', live: true }, { key: 'b', live: true }];
    const next = paginateSorted(rows, { pageSize: 1, page: 0, pageToken: undefined }, { keyOf: (r) => r.key, desc: false }).nextToken!;
    expect(decodePageToken(next)).toEqual({ dir: 'a', key: 'a' });
    expect(() => paginate([{ sid: 'R', _seq: 1 }], { pageSize: 1, page: 1, pageToken: next })).toThrow(/PageToken/);
    const seqToken = paginate([{ sid: 'R', _seq: 1 }, { sid: 'S', _seq: 2 }], { pageSize: 1, page: 0, pageToken: undefined }).nextToken;
    expect(() => paginateSorted(rows, { pageSize: 1, page: 1, pageToken: seqToken }, { keyOf: (r) => r.key, desc: false })).toThrow(/PageToken/);
    // A map's (string) token on a list's (number) items.
    expect(() => paginateSorted([{ key: 1, live: true }], { pageSize: 1, page: 1, pageToken: next }, { keyOf: (r) => r.key, desc: false })).toThrow(/PageToken/);
  });
});
