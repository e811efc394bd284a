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
  /** Ticks that fell due while the process could not run them (a pause, a clock jump): reported, not replayed. */
  missed: number;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastError?: string;
}

export interface Scheduler {
  add(label: string, spec: ScheduleSpec, run: () => Promise<unknown>): Promise<ScheduleInfo>;
  list(): ScheduleInfo[];
  cancel(id: string): boolean;
  cancelAll(): void;
}

interface Entry {
  info: ScheduleInfo;
  run: () => Promise<unknown>;
  timer?: Timer;
  cron?: Cron;
}

/**
 * Runs `every` / `cron` / `at` schedules with `count` / `until` limits and seeded jitter on the injected
 * clock, so tests drive them with fake time. Each tick plans the next one from "now": after a pause the
 * schedule runs once and counts what it missed, rather than firing the backlog in a burst.
 */
export function createScheduler(deps: { clock: Clock; random: Random; log: Logger }): Scheduler {
  const entries = new Map<string, Entry>();
  let seq = 0;

  const nextDue = (e: Entry, from: Date): Date | null => {
    const s = e.info.spec;
    if (s.every) return new Date(from.getTime() + parseDuration(s.every));
    if (e.cron) return e.cron.nextRun(from);
    return e.info.runs === 0 ? new Date(s.at!) : null;
  };

  const missedBetween = (e: Entry, planned: Date, now: Date): number => {
    if (now.getTime() <= planned.getTime()) return 0;
    if (e.info.spec.every) return Math.floor((now.getTime() - planned.getTime()) / parseDuration(e.info.spec.every));
    let n = 0;
    for (let d = e.cron?.nextRun(planned); d && d.getTime() <= now.getTime() && n < 100_000; d = e.cron!.nextRun(d)) n++;
    return n;
  };

  const plan = (e: Entry, from: Date) => {
    const s = e.info.spec;
    const due = nextDue(e, from);
    const over = (s.count !== undefined && e.info.runs >= s.count) || due === null || (s.until !== undefined && due.getTime() > Date.parse(s.until));
    if (over) {
      e.info.state = 'done';
      e.info.nextRunAt = null;
      return;
    }
    const jitter = s.jitter ? Math.floor(deps.random.float() * parseDuration(s.jitter)) : 0;
    const planned = new Date(due.getTime() + jitter);
    e.info.nextRunAt = planned.toISOString();
    e.timer = deps.clock.setTimer(Math.max(0, planned.getTime() - deps.clock.now().getTime()), () => fire(e, planned));
  };

  const fire = (e: Entry, planned: Date) => {
    const now = deps.clock.now();
    const missed = missedBetween(e, planned, now);
    if (missed > 0) {
      e.info.missed += missed;
      deps.log.warn(`schedule ${e.info.label} missed ${missed} tick(s) while paused; running once now`);
    }
    e.info.runs++;
    e.info.lastRunAt = now.toISOString();
    e.run().catch((err: Error) => {
      e.info.lastError = err.message;
      deps.log.error(`schedule ${e.info.label}: ${err.message}`);
    });
    plan(e, now);
  };

  return {
    async add(label, spec, run) {
      const info: ScheduleInfo = { id: `SC${String(++seq).padStart(4, '0')}`, label, spec, state: 'active', runs: 0, missed: 0, nextRunAt: null, lastRunAt: null };
      // croner loads only when a cron schedule exists: the scheduler is part of every start-up.
      const cron = spec.cron ? new (await import('croner')).Cron(spec.cron, { paused: true }) : undefined;
      const e: Entry = { info, run, ...(cron ? { cron } : {}) };
      entries.set(info.id, e);
      plan(e, deps.clock.now());
      return info;
    },
    list: () => [...entries.values()].map((e) => e.info),
    cancel(id) {
      const e = entries.get(id);
      if (!e || e.info.state !== 'active') return false;
      e.timer?.cancel();
      e.info.state = 'cancelled';
      e.info.nextRunAt = null;
      return true;
    },
    cancelAll() {
      for (const id of entries.keys()) this.cancel(id);
    },
  };
}
