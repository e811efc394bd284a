import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCollection, defineIndex, type Row } from '../../src/core/collection.js';
import { openStore } from '../../src/store/store.js';

interface Thing extends Row {
  parent: string;
  tags: string[];
  /** Set at insert and never changed, as a Sync map item's key. */
  name: string;
}

const BY_PARENT = defineIndex<Thing>('parent', (t) => t.parent);
const BY_TAG = defineIndex<Thing>('tag', (t) => t.tags);
const byName = (a: Thing, b: Thing) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const BY_PARENT_NAMED = defineIndex<Thing>('parent by name', (t) => t.parent, byName);

const parent = fc.constantFrom('P1', 'P2', 'P3');
const tags = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 });
const op = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), parent, tags, name: fc.string({ maxLength: 3 }) }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), parent, tags, inPlace: fc.boolean() }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('removeWhere' as const), parent }),
  fc.record({ kind: fc.constant('removeBy' as const), parent }),
  fc.record({ kind: fc.constant('read' as const), parent, tag: fc.constantFrom('a', 'b', 'c', 'd') }),
);

describe('collection secondary indexes', () => {
  it('by() always equals a scan in insertion order (or sorted by an ordered index), through any mix of inserts, replaces and removes (fast-check)', async () => {
    const store = await openStore();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 80 }), async (ops) => {
        await store.reset();
        const things = createCollection<Thing>(store, 'things');
        const check = () => {
          const all = things.list('S');
          for (const p of ['P1', 'P2', 'P3']) expect(things.by('S', BY_PARENT, p)).toEqual(all.filter((t) => t.parent === p));
          // Names repeat here: equal names keep insertion order (a stable sort is the oracle).
          for (const p of ['P1', 'P2', 'P3']) expect(things.by('S', BY_PARENT_NAMED, p).map((t) => t.sid)).toEqual(all.filter((t) => t.parent === p).sort(byName).map((t) => t.sid));
          for (const tag of ['a', 'b', 'c', 'd']) expect(things.by('S', BY_TAG, tag)).toEqual(all.filter((t) => t.tags.includes(tag)));
        };
        for (const o of ops) {
          const all = things.list('S');
          const picked = 'pick' in o && all.length > 0 ? all[o.pick % all.length] : undefined;
          if (o.kind === 'insert') things.insert('S', { sid: `T${++n}`, parent: o.parent, tags: o.tags, name: o.name });
          else if (o.kind === 'replace' && picked) {
            if (o.inPlace) {
              // A caller that edits the stored row and hands it back must still be re-filed.
              picked.parent = o.parent;
              picked.tags = o.tags;
              things.replace('S', picked);
            } else things.replace('S', { ...picked, parent: o.parent, tags: o.tags });
          } else if (o.kind === 'remove' && picked) expect(things.remove('S', picked.sid)).toBe(true);
          else if (o.kind === 'removeWhere') things.removeWhere('S', (t) => t.parent === o.parent);
          else if (o.kind === 'removeBy') expect(things.removeBy('S', BY_PARENT, o.parent)).toBeGreaterThanOrEqual(0);
          // Indexes are built on first read: checking only here builds them at random points of the sequence.
          else if (o.kind === 'read') check();
        }
        check();
      }),
      {
        numRuns: 300,
        // A row moved into a group holding an equal name, after that group's index was built.
        examples: [
          [
            [
              { kind: 'insert', parent: 'P1', tags: [], name: 'x' },
              { kind: 'insert', parent: 'P2', tags: [], name: 'x' },
              { kind: 'read', parent: 'P1', tag: 'a' },
              { kind: 'replace', pick: 0, parent: 'P2', tags: [], inPlace: false },
            ],
          ],
        ],
      },
    );
  });

  it('keeps indexes of another partition and of a reset store apart', async () => {
    const store = await openStore();
    const things = createCollection<Thing>(store, 'things');
    things.insert('S1', { sid: 'A', parent: 'P1', tags: [], name: '' });
    things.insert('S2', { sid: 'B', parent: 'P1', tags: [], name: '' });
    expect(things.by('S1', BY_PARENT, 'P1').map((t) => t.sid)).toEqual(['A']);
    await store.reset();
    expect(things.by('S1', BY_PARENT, 'P1')).toEqual([]);
    things.insert('S1', { sid: 'C', parent: 'P1', tags: [], name: '' });
    expect(things.by('S1', BY_PARENT, 'P1').map((t) => t.sid)).toEqual(['C']);
  });

  it('removes many children at once (past the patch limit) and still answers from the index', async () => {
    const store = await openStore();
    const things = createCollection<Thing>(store, 'things');
    for (let i = 0; i < 300; i++) things.insert('S', { sid: `T${i}`, parent: i % 2 ? 'P1' : 'P2', tags: ['a'], name: '' });
    expect(things.by('S', BY_TAG, 'a')).toHaveLength(300);
    expect(things.removeBy('S', BY_PARENT, 'P1')).toBe(150);
    expect(things.by('S', BY_PARENT, 'P1')).toEqual([]);
    expect(things.by('S', BY_TAG, 'a').map((t) => t.sid)).toEqual(things.list('S').map((t) => t.sid));
    expect(things.list('S')).toHaveLength(150);
  });
});
