import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCollection, type Row } from '../../src/core/collection.js';
import { openStore, type CompactionStep, type Store, type Tables } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';

type R = Row & { v: number };

/** Tables without empty partitions or tables: what a reader of the store can tell apart. */
function norm(tables: Tables): Tables {
  const out: Tables = {};
  for (const [name, scopes] of Object.entries(tables)) {
    const kept = Object.entries(scopes).filter(([, rows]) => rows.length > 0);
    if (kept.length > 0) out[name] = Object.fromEntries(kept.map(([s, rows]) => [s, rows.map((r) => ({ ...r }))]));
  }
  return JSON.parse(JSON.stringify(out)) as Tables;
}

const STEPS: CompactionStep[] = ['log-created', 'cut', 'snapshot-written', 'log-flushed', 'snapshot-renamed', 'log-renamed', 'done'];

/**
 * Crash images: copies of the database folder taken at one instant, each with the states start-up may
 * recover from it (the acknowledged one, and the one a write still in flight would make).
 */
function crashLab(dir: string) {
  const images: { dir: string; acceptable: Tables[]; at: string }[] = [];
  return {
    images,
    /** Only where no file operation of the store but an append can be under way (a step, or a quiet store). */
    capture(acceptable: Tables[], at: string) {
      const image = join(dir, `image-${images.length}`);
      images.push({ dir: image, acceptable, at });
      mkdirSync(image);
      for (const name of readdirSync(join(dir, 'db'))) cpSync(join(dir, 'db', name), join(image, name));
    },
    async verify() {
      for (const image of images) {
        const store = await openStore({ file: join(image.dir, 'db.json') });
        const got = norm(store.data.tables);
        expect(image.acceptable, `crash at ${image.at}`).toContainEqual(got);
        await store.close();
        // Recovered once, it stays recovered: closing folded it into the snapshot alone.
        expect(readdirSync(image.dir), `crash at ${image.at}`).toEqual(['db.json']);
        const again = await openStore({ file: join(image.dir, 'db.json') });
        expect(norm(again.data.tables)).toEqual(got);
        await again.close();
      }
    },
  };
}

/** One writer driving a store through the collection API, with the model of what is acknowledged. */
function driver(store: Store) {
  const tables = ['t1', 't2'].map((t) => createCollection<R>(store, t));
  let acked = norm(store.data.tables);
  let inFlight: Tables | undefined;
  return {
    get acceptable() {
      return inFlight ? [acked, inFlight] : [acked];
    },
    get acked() {
      return acked;
    },
    async put(t: number, scope: string, sid: string, v: number) {
      const c = tables[t]!;
      if (c.get(scope, sid)) c.replace(scope, { sid, v });
      else c.insert(scope, { sid, v });
      await this.settle();
    },
    async del(t: number, scope: string, sid: string) {
      tables[t]!.remove(scope, sid);
      await this.settle();
    },
    async reset() {
      const done = store.reset();
      inFlight = norm(store.data.tables);
      await done;
      acked = inFlight;
      inFlight = undefined;
    },
    async replace(rows: { sid: string; v: number }[]) {
      const done = store.replaceTables({ t2: { s1: rows.map((r, i) => ({ ...r, _seq: 1000 + i })) } }, 1000 + rows.length);
      inFlight = norm(store.data.tables);
      await done;
      acked = inFlight;
      inFlight = undefined;
    },
    async settle() {
      inFlight = norm(store.data.tables);
      await store.commit();
      acked = inFlight;
      inFlight = undefined;
    },
  };
}

describe('the --db store across crashes', () => {
  it('recovers exactly the acknowledged writes from a crash at every step of a compaction, writes racing it', async () => {
    const root = tempDir('hookyard-crash-');
    mkdirSync(join(root, 'db'));
    const lab = crashLab(root);
    let d: ReturnType<typeof driver> | undefined;
    let n = 0;
    let armed = true;
    const store = await openStore({
      file: join(root, 'db', 'db.json'),
      onCompactionStep: async (step) => {
        if (!armed) return;
        lab.capture(d!.acceptable, `${step} (before a write)`);
        // A write at every step; at the first, still logged to the old log, a row deleted and re-created under
        // its SID (which moves it last) before another row is added: replaying that log again on top of the new
        // snapshot would move it after that row.
        if (step === 'log-created') {
          await d!.del(0, 's1', 'a');
          await d!.put(0, 's1', 'a', -1);
        }
        await d!.put(0, 's1', `n${++n}`, n);
        await d!.put(0, 's1', 'b', n);
        lab.capture(d!.acceptable, `${step} (after a write)`);
      },
    });
    d = driver(store);
    for (const sid of ['a', 'b', 'c']) await d.put(0, 's1', sid, 0);
    await d.put(1, 's2', 'x', 0);
    await store.compact();
    expect(lab.images).toHaveLength(STEPS.length * 2);
    expect(lab.images.map((i) => i.at.split(' ')[0])).toEqual(STEPS.flatMap((s) => [s, s]));
    armed = false;
    await lab.verify();
    const final = d.acked;
    await store.close();
    const reopened = await openStore({ file: join(root, 'db', 'db.json') });
    expect(norm(reopened.data.tables)).toEqual(final);
    await reopened.close();
  });

  it('keeps every acknowledged write when a compaction fails at any step, and the next one succeeds', async () => {
    for (const failAt of STEPS) {
      const root = tempDir('hookyard-crash-');
      const file = join(root, 'db.json');
      let fail = true;
      const store = await openStore({
        file,
        onCompactionStep: (step) => {
          if (fail && step === failAt) throw new Error(`injected at ${step}`);
        },
      });
      const d = driver(store);
      await d.put(0, 's', 'a', 1);
      await expect(store.compact()).rejects.toThrow(`injected at ${failAt}`);
      await d.put(0, 's', 'b', 2);
      await d.del(0, 's', 'a');
      // The failed attempt leaves files a start-up recovers from …
      const image = join(root, 'image');
      mkdirSync(image);
      for (const name of readdirSync(root)) if (name !== 'image') cpSync(join(root, name), join(image, name));
      const copy = await openStore({ file: join(image, 'db.json') });
      expect(norm(copy.data.tables), failAt).toEqual(d.acked);
      await copy.close();
      // … and the store carries on: the next compaction folds everything, close leaves the snapshot alone.
      fail = false;
      await store.compact();
      await d.put(0, 's', 'c', 3);
      await store.close();
      expect(readdirSync(root).filter((f) => f !== 'image'), failAt).toEqual(['db.json']);
      const reopened = await openStore({ file });
      expect(norm(reopened.data.tables), failAt).toEqual(d.acked);
      await reopened.close();
    }
  });

  it('random puts, deletes, resets and imports with compactions interleaved: every crash image and the reopened store hold the acknowledged tables', async () => {
    const op = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('put' as const), t: fc.nat(1), scope: fc.constantFrom('s1', 's2'), sid: fc.constantFrom('a', 'b', 'c', 'd'), v: fc.nat(99) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('del' as const), t: fc.nat(1), scope: fc.constantFrom('s1', 's2'), sid: fc.constantFrom('a', 'b', 'c', 'd') }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('compact' as const) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('crash' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('import' as const), rows: fc.uniqueArray(fc.record({ sid: fc.constantFrom('a', 'b', 'e'), v: fc.nat(9) }), { selector: (r) => r.sid, maxLength: 3 }) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 20 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), async (ops, captureAt) => {
        const root = tempDir('hookyard-crash-');
        mkdirSync(join(root, 'db'));
        const lab = crashLab(root);
        let d: ReturnType<typeof driver> | undefined;
        let steps = 0;
        const file = join(root, 'db', 'db.json');
        // A tiny compaction size, so compactions also start on their own, mid-write.
        const store = await openStore({
          file,
          compactAtBytes: 600,
          onCompactionStep: (step) => {
            if (captureAt[steps++ % captureAt.length] && lab.images.length < 6) lab.capture(d!.acceptable, step);
          },
        });
        d = driver(store);
        const background: Promise<void>[] = [];
        for (const o of ops) {
          if (o.kind === 'put') await d.put(o.t, o.scope, o.sid, o.v);
          else if (o.kind === 'del') await d.del(o.t, o.scope, o.sid);
          else if (o.kind === 'compact') background.push(store.compact());
          else if (o.kind === 'reset') await d.reset();
          else if (o.kind === 'import') await d.replace(o.rows);
          else if (lab.images.length < 6) {
            // A crash while nothing is being compacted: after this compaction, none is under way.
            await store.compact();
            lab.capture(d.acceptable, 'quiet');
          }
        }
        await Promise.all(background);
        const final = d.acked;
        await store.close();
        await lab.verify();
        const reopened = await openStore({ file });
        expect(norm(reopened.data.tables)).toEqual(final);
        await reopened.close();
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('after a crash mid-compaction, start-up replays both logs by generation, cleans what is stale and appends to the newest', async () => {
    const root = tempDir('hookyard-crash-');
    mkdirSync(join(root, 'db'));
    const file = join(root, 'db', 'db.json');
    const image = join(root, 'image');
    let d: ReturnType<typeof driver> | undefined;
    const store = await openStore({
      file,
      onCompactionStep: async (step) => {
        if (step !== 'snapshot-written' || existsSync(image)) return;
        await d!.put(0, 's', 'late', 2);
        mkdirSync(image);
        for (const name of readdirSync(join(root, 'db'))) cpSync(join(root, 'db', name), join(image, name));
      },
    });
    d = driver(store);
    await d.put(0, 's', 'early', 1);
    await store.compact();
    await store.close();
    // The crash image: the old snapshot, its log, the new log, and the new snapshot not yet renamed into place.
    expect(readdirSync(image).sort()).toEqual(['db.json', 'db.json.log', 'db.json.log.1', 'db.json.tmp']);
    writeFileSync(join(image, 'db.json.log.7'), '{"hookyard":"lo'); // a log whose creation was cut off
    const snapshot = readFileSync(join(image, 'db.json'), 'utf8');
    const reopened = await openStore({ file: join(image, 'db.json') });
    expect(norm(reopened.data.tables)).toEqual({ t1: { s: [{ sid: 'early', v: 1, _seq: 1 }, { sid: 'late', v: 2, _seq: 2 }] } });
    expect(readFileSync(join(image, 'db.json'), 'utf8')).toBe(snapshot);
    expect(existsSync(join(image, 'db.json.tmp'))).toBe(false);
    expect(existsSync(join(image, 'db.json.log.7'))).toBe(false);
    const more = createCollection<R>(reopened, 't1');
    more.insert('s', { sid: 'after', v: 3 });
    await reopened.commit();
    expect(readFileSync(join(image, 'db.json.log.1'), 'utf8')).toContain('"after"');
    await reopened.close();
    const last = await openStore({ file: join(image, 'db.json') });
    expect(last.data.tables['t1']!['s']!.map((r) => r.sid)).toEqual(['early', 'late', 'after']);
    await last.close();
  });

  it('starts a compaction in the background when it opens a log past the compaction size, writes going on meanwhile', async () => {
    const file = join(tempDir('hookyard-crash-'), 'db.json');
    const first = await openStore({ file });
    const c = createCollection<R>(first, 't');
    for (let i = 0; i < 50; i++) c.insert('s', { sid: `r${i}`, v: i });
    await first.commit();
    const log = readFileSync(`${file}.log`, 'utf8');
    // Reopened without closing, as after kill -9: below the compaction size the files are left as they are …
    const second = await openStore({ file, onCompactionStep: () => { throw new Error('no compaction expected'); } });
    expect(second.data.tables['t']!['s']).toHaveLength(50);
    createCollection<R>(second, 't').insert('s', { sid: 'x', v: 0 });
    await second.commit();
    expect(readFileSync(`${file}.log`, 'utf8').startsWith(log)).toBe(true);
    // … past it, the log is folded in the background, without a call to compact().
    let folded!: () => void;
    const done = new Promise<void>((r) => (folded = r));
    const third = await openStore({ file, compactAtBytes: 1000, onCompactionStep: (s) => void (s === 'done' && folded()) });
    createCollection<R>(third, 't').insert('s', { sid: 'y', v: 0 });
    await third.commit();
    await done;
    expect(JSON.parse(readFileSync(file, 'utf8')).tables.t.s).toHaveLength(52);
    await third.close();
    const last = await openStore({ file });
    expect(last.data.tables['t']!['s']!.map((r) => r.sid).slice(-2)).toEqual(['x', 'y']);
    await last.close();
  });

  it('makes a snapshot written while rows change current only once the log holds those changes', async () => {
    const root = tempDir('hookyard-crash-');
    mkdirSync(join(root, 'db'));
    const lab = crashLab(root);
    let d: ReturnType<typeof driver> | undefined;
    let ticking = false;
    let ticks = 0;
    const store = await openStore({
      file: join(root, 'db', 'db.json'),
      onCompactionStep: (step) => {
        if (step === 'cut') {
          // Between the snapshot's slices, one "request" after another changes the first and the last row alike.
          ticking = true;
          const tick = () => {
            if (!ticking) return;
            ticks++;
            rows.replace('s', { sid: 'first', v: ticks });
            rows.replace('s', { sid: 'last', v: ticks });
            setImmediate(tick);
          };
          setImmediate(tick);
        }
        if (step === 'snapshot-written') ticking = false;
        // The changes were never acknowledged: the recovered state is the acknowledged one, or all of them.
        if (step === 'snapshot-renamed') lab.capture([d!.acked, norm(store.data.tables)], step);
      },
    });
    d = driver(store);
    const rows = createCollection<R>(store, 't1');
    rows.insert('s', { sid: 'first', v: 0 });
    for (let i = 0; i < 4000; i++) rows.insert('s', { sid: `r${i}`, v: i, pad: 'x'.repeat(200) } as R);
    rows.insert('s', { sid: 'last', v: 0 });
    await d.settle();
    await store.compact();
    expect(ticks).toBeGreaterThan(1); // the snapshot took several slices, rows changing in between
    expect(lab.images).toHaveLength(1);
    await lab.verify();
    await store.close();
  });
});
