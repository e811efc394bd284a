import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createControlledClock, createManualClock, type ManualClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/log.js';
import { createRandom } from '../../src/core/random.js';
import { createScheduler, type ScheduleInfo } from '../../src/scenarios/scheduler.js';
import type { ScheduleSpec } from '../../src/scenarios/schema.js';

const START = Date.parse('2026-01-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A scheduler on a manual clock, with every tick's info noted as its run starts. */
function setup(start = START) {
  const clock = createManualClock(new Date(start));
  const warnings: string[] = [];
  const scheduler = createScheduler({ clock, random: createRandom('scheduler'), log: createLogger('warn', (l) => warnings.push(l)) });
  const add = async (spec: ScheduleSpec, run: (info: ScheduleInfo) => unknown = () => {}) => {
    const seen: ScheduleInfo[] = [];
    const info: ScheduleInfo = await scheduler.add('t', spec, async () => {
      seen.push({ ...info });
      await run(info);
    });
    return { info, seen };
  };
  return { clock, scheduler, warnings, add };
}

/** Jumps to `ms` without stepping through the timers in between (a pause, a suspended laptop). */
const jump = (clock: ManualClock, ms: number) => clock.set(new Date(ms));

describe('schedules on the grid', () => {
  it('a late tick does not move the later ones: tick k is due at first + k × interval', async () => {
    const { clock, add } = setup();
    const { info, seen } = await add({ every: '1s' });
    for (let k = 0; k < 5; k++) jump(clock, START + (k + 1) * 1000 + 300); // each tick fires 300 ms late
    expect(seen.map((s) => s.lastDueAt)).toEqual([1, 2, 3, 4, 5].map((s) => iso(START + s * 1000)));
    expect(seen.map((s) => s.lastLateMs)).toEqual([300, 300, 300, 300, 300]);
    expect(info).toMatchObject({ runs: 5, missed: 0, nextRunAt: iso(START + 6000) });
  });

  it('a tick whose work outlasts the period does not hold up the next one', async () => {
    const { clock, add } = setup();
    const { info, seen } = await add({ every: '1s', count: 3 }, () => new Promise(() => {}));
    clock.advance(3000);
    expect(seen.map((s) => s.lastRunAt)).toEqual([1, 2, 3].map((s) => iso(START + s * 1000)));
    expect(info.state).toBe('done');
  });

  it('a clock jump counts the ticks it skipped as missed, runs the latest one once, and resumes on the grid', async () => {
    const { clock, add, warnings } = setup();
    const { info, seen } = await add({ every: '1s' });
    jump(clock, START + 10_500);
    expect(seen).toHaveLength(1);
    expect(info).toMatchObject({ runs: 1, missed: 9, lastDueAt: iso(START + 10_000), lastLateMs: 500, nextRunAt: iso(START + 11_000) });
    expect(warnings).toEqual([expect.stringMatching(/missed 9 tick/)]);
    clock.advance(1000);
    expect(info).toMatchObject({ runs: 2, missed: 9, lastDueAt: iso(START + 11_000), lastLateMs: 0 });
  });

  it('a tick late by less than a period is late, not missed', async () => {
    const { clock, add } = setup();
    const { info } = await add({ every: '1s' });
    jump(clock, START + 1999);
    expect(info).toMatchObject({ runs: 1, missed: 0, lastLateMs: 999, nextRunAt: iso(START + 2000) });
  });

  it('plans a cron tick after the previous due time, with jitter kept below the period', async () => {
    const { clock, add } = setup();
    const { info, seen } = await add({ cron: '*/10 * * * * *', jitter: '15s', count: 5 });
    clock.advance(120_000);
    expect(seen.map((s) => s.lastDueAt)).toEqual([10, 20, 30, 40, 50].map((s) => iso(START + s * 1000)));
    for (const s of seen) expect(Date.parse(s.lastRunAt!) - Date.parse(s.lastDueAt!)).toBeLessThan(10_000);
    expect(info).toMatchObject({ runs: 5, missed: 0, state: 'done' });
  });

  it('counts cron ticks skipped by a jump as missed', async () => {
    const { clock, add } = setup();
    const { info } = await add({ cron: '*/10 * * * * *' });
    jump(clock, START + 65_000);
    expect(info).toMatchObject({ runs: 1, missed: 5, lastDueAt: iso(START + 60_000), nextRunAt: iso(START + 70_000) });
  });

  it('draws jitter per tick on top of the grid time, never carried over', async () => {
    const { clock, add } = setup();
    const { seen } = await add({ every: '1s', jitter: '900ms', count: 50 });
    clock.advance(60_000);
    expect(seen).toHaveLength(50);
    seen.forEach((s, k) => {
      expect(s.lastDueAt).toBe(iso(START + (k + 1) * 1000));
      const jitter = Date.parse(s.lastRunAt!) - Date.parse(s.lastDueAt!);
      expect(jitter).toBeGreaterThanOrEqual(0);
      expect(jitter).toBeLessThan(900);
    });
    expect(new Set(seen.map((s) => Date.parse(s.lastRunAt!) % 1000)).size).toBeGreaterThan(10);
  });

  it('count is the runs made (a missed tick does not use one up); until ends the grid at its last tick', async () => {
    const { clock, add } = setup();
    const counted = await add({ every: '1s', count: 5 });
    const until = await add({ every: '1s', until: iso(START + 3500) });
    clock.advance(2000);
    jump(clock, START + 20_000);
    expect(counted.info).toMatchObject({ runs: 3, missed: 17, state: 'active', nextRunAt: iso(START + 21_000) });
    expect(until.info).toMatchObject({ runs: 3, missed: 0, state: 'done', nextRunAt: null, lastDueAt: iso(START + 3000) });
    clock.advance(5000);
    expect(counted.info).toMatchObject({ runs: 5, missed: 17, state: 'done', nextRunAt: null, lastDueAt: iso(START + 22_000) });
    expect(clock.nextTimerAt()).toBeUndefined();
  });

  it('runs an at schedule once, even when its time has passed', async () => {
    const { clock, add } = setup();
    const past = await add({ at: iso(START - 5000) });
    const future = await add({ at: iso(START + 5000) });
    clock.advance(10_000);
    expect(past.info).toMatchObject({ runs: 1, missed: 0, state: 'done', lastLateMs: 5000 });
    expect(future.info).toMatchObject({ runs: 1, missed: 0, state: 'done', lastLateMs: 0 });
  });

  it('schedules due at the same instant share one timer; cancelling one leaves the others', async () => {
    const clock = createControlledClock(createManualClock(new Date(START)), 'manual');
    const scheduler = createScheduler({ clock, random: createRandom('s'), log: createLogger('silent') });
    let runs = 0;
    const infos = [];
    for (let i = 0; i < 1000; i++) infos.push(await scheduler.add(`s${i}`, { every: '1s' }, async () => void runs++));
    expect(clock.state().pendingTimers).toBe(1);
    scheduler.cancel(infos[0]!.id);
    clock.advance(1000);
    expect(runs).toBe(999);
    expect(clock.state().pendingTimers).toBe(1);
    scheduler.cancelAll();
    expect(clock.state().pendingTimers).toBe(0);
    expect(infos.every((i) => i.state === 'cancelled')).toBe(true);
  });

  it('a schedule cancelled by a tick due at the same instant does not run', async () => {
    const { clock, scheduler, add } = setup();
    let second: ScheduleInfo | undefined;
    await add({ every: '1s' }, () => void scheduler.cancel(second!.id));
    const b = await add({ every: '1s' });
    second = b.info;
    // The cancel comes from the first tick's own (synchronous) start.
    const first = scheduler.list()[0]!;
    expect(first.nextRunAt).toBe(b.info.nextRunAt);
    clock.advance(1000);
    expect(b.seen).toHaveLength(0);
    expect(b.info).toMatchObject({ state: 'cancelled', runs: 0 });
  });

  it('warms what every tick loads once, with the first schedule', async () => {
    let warmed = 0;
    const scheduler = createScheduler({ clock: createManualClock(new Date(START)), random: createRandom('w'), log: createLogger('silent'), warm: async () => void warmed++ });
    await scheduler.add('a', { every: '1s' }, async () => {});
    await scheduler.add('b', { every: '1s' }, async () => {});
    await Promise.resolve();
    expect(warmed).toBe(1);
    scheduler.cancelAll();
  });

  it('warms at once, and a tick that throws is reported without stopping the schedule', async () => {
    const { clock, scheduler, warnings } = setup();
    let warmed = 0;
    const info = await scheduler.add('w', { every: '1s' }, () => Promise.reject(new Error('boom')), async () => void warmed++);
    await Promise.resolve();
    expect(warmed).toBe(1);
    clock.advance(2000);
    await new Promise((r) => setImmediate(r));
    expect(info).toMatchObject({ runs: 2, lastError: 'boom' });
    expect(warnings).toEqual(['schedule w: boom', 'schedule w: boom']);
  });

  it('property: every run is on the grid, no tick runs twice, and runs + missed = the ticks elapsed', async () => {
    const move = fc.record({ ms: fc.integer({ min: 0, max: 20_000 }), jump: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5000 }),
        fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
        fc.array(move, { minLength: 1, maxLength: 15 }),
        async (interval, jitterMs, count, moves) => {
          const { clock, add } = setup();
          const spec: ScheduleSpec = { every: `${interval}ms`, ...(jitterMs ? { jitter: `${jitterMs}ms` } : {}), ...(count ? { count } : {}) };
          const { info, seen } = await add(spec);
          const dueOf = (k: number) => START + (k + 1) * interval;
          const elapsed = (t: number) => Math.max(0, Math.floor((t - START) / interval));
          let jumped = false;
          for (const m of moves) {
            if (m.jump) jump(clock, clock.now().getTime() + m.ms);
            else clock.advance(m.ms);
            jumped ||= m.jump && m.ms > 0;
            const now = clock.now().getTime();
            const ticks = info.runs + info.missed;
            expect(info.runs).toBeLessThanOrEqual(count ?? Infinity);
            expect(ticks).toBeLessThanOrEqual(elapsed(now));
            if (info.state === 'active') expect(ticks).toBeGreaterThanOrEqual(elapsed(now - Math.min(jitterMs ?? 0, interval)));
            if (!jumped) expect(info.missed).toBe(0);
          }
          const dues = seen.map((s) => Date.parse(s.lastDueAt!));
          for (const d of dues) expect((d - START) % interval).toBe(0);
          for (let i = 1; i < dues.length; i++) expect(dues[i]!).toBeGreaterThan(dues[i - 1]!);
          seen.forEach((s) => expect(Date.parse(s.lastRunAt!)).toBeGreaterThanOrEqual(dueOf((Date.parse(s.lastDueAt!) - START) / interval - 1)));
          if (info.state === 'done') expect(info.runs).toBe(count);
        },
      ),
      { numRuns: 200 },
    );
  });
});
