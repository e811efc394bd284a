import type { Cron } from 'croner';
import type { Clock, Timer } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Random } from '../core/random.js';
import { parseDuration } from './duration.js';
import type { ScheduleSpec } from './schema.js';

export interface ScheduleInfo {
  id: string;
  label: string;
  spec: ScheduleSpec;
  state: 'active' | 'done' | 'cancelled';
  runs: number;
  /**
   * Ticks skipped because the next one was already due by the time they could run (a pause, a clock jump,
   * a loop blocked for a whole period): reported, not replayed. `runs + missed` is the ticks so far.
   */
  missed: number;
  /** When the next tick runs: its grid time plus its own jitter. */
  nextRunAt: string | null;
  lastRunAt: string | null;
  /** The grid time of the last tick run (`lastRunAt` minus its jitter and lateness). */
  lastDueAt: string | null;
  /** How long after its planned moment (grid time + jitter) the last tick started, in ms. */
  lastLateMs: number | null;
  lastError?: string;
}

export interface Scheduler {
  /**
   * Starts a schedule. `run` is called on every tick without being awaited: a slow tick never holds up the
   * next one. `warm` (optional) is started at once, so what the first tick loads (generators, faker, the
   * HTTP client) is loaded before it falls due rather than by it.
   */
  add(label: string, spec: ScheduleSpec, run: () => Promise<unknown>, warm?: () => Promise<unknown>): Promise<ScheduleInfo>;
  list(): ScheduleInfo[];
  cancel(id: string): boolean;
  cancelAll(): void;
}

interface Entry {
  info: ScheduleInfo;
  run: () => Promise<unknown>;
  cron?: Cron;
  /** The next tick's index (0-based), grid time and planned time (grid + jitter), in ms. */
  k: number;
  due: number;
  at: number;
}

/** The entries planned for one instant, under one timer. */
interface Slot {
  timer: Timer;
  entries: Set<Entry>;
}

/**
 * Runs `every` / `cron` / `at` schedules with `count` / `until` limits and seeded jitter on the injected
 * clock, so tests drive them with fake time.
 *
 * Ticks are on a grid fixed when the schedule starts: tick k of `every` is due at `first + k × interval`
 * (`first` = start + interval), a cron tick at the cron time after the previous tick's *due* time. A tick
 * that starts late does not move the later ones, and jitter is drawn per tick on top of its grid time,
 * never carried over (and below the period, so ticks keep their order). A tick is *late* when it starts
 * after its planned moment (`lastLateMs`), and *missed* when it is late by its whole period or more — the
 * next tick is already due by the time it could run: missed ticks are counted, not replayed, and the
 * schedule runs the latest tick due and carries on on the grid. `count` is the runs a schedule makes (a
 * missed tick does not use one up); `until` ends the grid.
 *
 * Schedules planned for the same instant share one timer, and a tick only starts its `run`: a thousand
 * schedules due together cost one timer, and none waits for another's work (a scenario's ticks then take
 * turns of the event loop to emit: `core/turns`).
 */
export interface SchedulerDeps {
  clock: Clock;
  random: Random;
  log: Logger;
  /** What every tick's work loads (the HTTP client): warmed with the first schedule, not by its first tick. */
  warm?: () => Promise<unknown>;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const entries = new Map<string, Entry>();
  let warmed = false;
  const slots = new Map<number, Slot>();
  let seq = 0;

  /** The grid time after `due` (ms), or null when the schedule has no more. */
  const dueAfter = (e: Entry, due: number): number | null => {
    const s = e.info.spec;
    if (s.every) return due + parseDuration(s.every);
    if (e.cron) return e.cron.nextRun(new Date(due))?.getTime() ?? null;
    return null;
  };

  /** Whether a tick due at `due` is within the schedule's limits (`count` runs, ticks until `until`). */
  const within = (e: Entry, due: number | null): due is number => {
    const s = e.info.spec;
    return due !== null && (s.count === undefined || e.info.runs < s.count) && (s.until === undefined || due <= Date.parse(s.until));
  };

  /**
   * Tick `e.k`'s jitter: up to the spec's, but below the gap to the next grid time, so a tick never
   * overtakes the next one (with more jitter than period, ticks would run out of order and seem missed).
   */
  const jitterOf = (e: Entry) => {
    if (!e.info.spec.jitter) return 0;
    const next = dueAfter(e, e.due);
    const bound = Math.min(parseDuration(e.info.spec.jitter), next === null ? Infinity : next - e.due);
    return Math.floor(deps.random.float() * bound);
  };

  const arm = (e: Entry) => {
    e.info.nextRunAt = new Date(e.at).toISOString();
    let slot = slots.get(e.at);
    if (!slot) {
      const at = e.at;
      slot = { timer: deps.clock.setTimer(Math.max(0, at - deps.clock.now().getTime()), () => fireSlot(at)), entries: new Set() };
      slots.set(at, slot);
    }
    slot.entries.add(e);
  };

  const disarm = (e: Entry) => {
    const slot = slots.get(e.at);
    if (!slot?.entries.delete(e) || slot.entries.size > 0) return;
    slot.timer.cancel();
    slots.delete(e.at);
  };

  /** Plans tick `k` due at `due`, or ends the schedule when that tick is past its limits. */
  const plan = (e: Entry, k: number, due: number | null) => {
    if (!within(e, due)) {
      e.info.state = 'done';
      e.info.nextRunAt = null;
      return;
    }
    e.k = k;
    e.due = due;
    e.at = due + jitterOf(e);
    arm(e);
  };

  const fireSlot = (at: number) => {
    const slot = slots.get(at);
    if (!slot) return;
    slots.delete(at);
    for (const e of slot.entries) tick(e);
  };

  /**
   * Skips the ticks that are missed: while the next grid time, shifted by this tick's jitter, has come.
   * Every's grid is arithmetic; a cron one is walked (100,000 steps at a time: a jump of years on `* * * * * *` catches up over a few ticks).
   */
  const skipMissed = (e: Entry, now: number): number => {
    const shift = e.at - e.due;
    const s = e.info.spec;
    let skipped = 0;
    if (s.every) {
      const interval = parseDuration(s.every);
      skipped = Math.max(0, Math.floor((now - shift - e.due) / interval));
      if (s.until !== undefined) skipped = Math.min(skipped, Math.floor((Date.parse(s.until) - e.due) / interval));
      if (skipped > 0) e.due += skipped * interval;
    } else {
      for (let next = dueAfter(e, e.due); within(e, next) && next + shift <= now && skipped < 100_000; next = dueAfter(e, next)) {
        e.due = next;
        skipped++;
      }
    }
    e.k += skipped;
    return skipped;
  };

  const tick = (e: Entry) => {
    // Cancelled by a tick earlier in the same instant.
    if (e.info.state !== 'active') return;
    const now = deps.clock.now().getTime();
    const missed = skipMissed(e, now);
    if (missed > 0) {
      e.info.missed += missed;
      deps.log.warn(`schedule ${e.info.label} missed ${missed} tick(s) (the clock moved or the process was paused); resuming on the grid`);
      e.at = e.due + jitterOf(e);
      // The latest tick due may still be waiting for its own jitter.
      if (e.at > now) return arm(e);
    }
    const info = e.info;
    info.runs++;
    info.lastRunAt = new Date(now).toISOString();
    info.lastDueAt = new Date(e.due).toISOString();
    info.lastLateMs = now - e.at;
    plan(e, e.k + 1, dueAfter(e, e.due));
    try {
      e.run().catch((err: Error) => failed(e, err));
    } catch (err) {
      failed(e, err as Error);
    }
  };

  const failed = (e: Entry, err: Error) => {
    e.info.lastError = err.message;
    deps.log.error(`schedule ${e.info.label}: ${err.message}`);
  };

  return {
    async add(label, spec, run, warm) {
      const info: ScheduleInfo = { id: `SC${String(++seq).padStart(4, '0')}`, label, spec, state: 'active', runs: 0, missed: 0, nextRunAt: null, lastRunAt: null, lastDueAt: null, lastLateMs: null };
      // A failed warm-up is the first tick's to report, with its step's name.
      for (const w of [warm, warmed ? undefined : deps.warm]) if (w) Promise.resolve().then(w).catch(() => {});
      warmed = true;
      // croner loads only when a cron schedule exists: the scheduler is part of every start-up.
      const cron = spec.cron ? new (await import('croner')).Cron(spec.cron, { paused: true }) : undefined;
      const e: Entry = { info, run, ...(cron ? { cron } : {}), k: 0, due: 0, at: 0 };
      entries.set(info.id, e);
      const now = deps.clock.now().getTime();
      const first = spec.every ? now + parseDuration(spec.every) : cron ? (cron.nextRun(new Date(now))?.getTime() ?? null) : Date.parse(spec.at!);
      plan(e, 0, first);
      return info;
    },
    list: () => [...entries.values()].map((e) => e.info),
    cancel(id) {
      const e = entries.get(id);
      if (!e || e.info.state !== 'active') return false;
      disarm(e);
      e.info.state = 'cancelled';
      e.info.nextRunAt = null;
      return true;
    },
    cancelAll() {
      for (const id of entries.keys()) this.cancel(id);
    },
  };
}
