/** A scheduled callback that can be called off. */
export interface Timer {
  cancel(): void;
}

/**
 * The time source every component reads, and the one it schedules on. Injected so tests drive time
 * (and everything scheduled on it) without sleeping.
 */
export interface Clock {
  now(): Date;
  setTimer(ms: number, fn: () => void): Timer;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};

/**
 * The system clock for a command that waits (a scenario's `wait`, a schedule's next tick): its timers keep
 * the process alive, so the command finishes its work instead of exiting 0 half-way. The server's own clock
 * unrefs its timers, so pending retries never hold up shutdown.
 */
export const processClock: Clock = {
  now: () => new Date(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

/** A clock that only moves when told to; `advance` runs every timer that falls due, in order. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  /** When the earliest pending timer falls due, if any: lets a test jump exactly to it. */
  nextTimerAt(): Date | undefined;
  set(time: Date | string): void;
}

export function createManualClock(start: Date | string = '2026-01-01T00:00:00Z'): ManualClock {
  let t = new Date(start).getTime();
  let timers: { at: number; fn: () => void; seq: number }[] = [];
  let seq = 0;
  const runDue = () => {
    for (;;) {
      const due = timers.filter((x) => x.at <= t).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) return;
      timers = timers.filter((x) => x !== due);
      due.fn();
    }
  };
  return {
    now: () => new Date(t),
    setTimer(ms, fn) {
      const timer = { at: t + ms, fn, seq: seq++ };
      timers.push(timer);
      return { cancel: () => void (timers = timers.filter((x) => x !== timer)) };
    },
    nextTimerAt() {
      const next = [...timers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      return next ? new Date(next.at) : undefined;
    },
    advance(ms) {
      const end = t + ms;
      // Step through due timers so each runs with the clock reading its own due time.
      for (;;) {
        const next = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
        if (!next) break;
        t = Math.max(t, next.at);
        runDue();
      }
      t = end;
    },
    set(time) {
      t = new Date(time).getTime();
      runDue();
    },
  };
}

/** What `GET /_hookyard/clock` reports. */
export interface ClockState {
  now: string;
  /** `real`: follows the machine's time (plus any offset); `manual`: moves only when told to. */
  mode: 'real' | 'manual';
  /** How far hookyard's time is from the underlying clock's, in ms. */
  offsetMs: number;
  /** Timers (expiries, retries, schedules …) waiting on this clock. */
  pendingTimers: number;
}

/**
 * hookyard's own clock, movable from outside while it runs (`POST /_hookyard/clock`, `hook.clock`):
 * it reads an underlying clock plus an offset, and keeps its own timers so that moving time runs every
 * timer that falls due, in order, each with the clock reading its own due time.
 */
export interface ControlledClock extends Clock {
  readonly mode: 'real' | 'manual';
  /** Moves time forward by `ms`, running what falls due on the way. */
  advance(ms: number): void;
  /** Jumps to `time` (forward runs what falls due; backward only moves the reading). */
  set(time: Date | string): void;
  /** Back to the underlying clock's time (offset 0). */
  resetOffset(): void;
  state(): ClockState;
}

/** setTimeout's largest delay; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  base?: Timer;
}

export function createControlledClock(base: Clock, mode: 'real' | 'manual'): ControlledClock {
  let offset = 0;
  let seq = 0;
  const pending = new Set<Pending>();
  const now = () => base.now().getTime() + offset;
  const arm = (p: Pending) => {
    p.base?.cancel();
    p.base = base.setTimer(Math.min(MAX_TIMER_MS, Math.max(0, p.at - now())), () => fire(p));
  };
  const fire = (p: Pending) => {
    // Woken early: setTimeout caps delays at ~24.8 days, and a real clock may lag the offset reading.
    if (p.at > now()) return arm(p);
    if (!pending.delete(p)) return;
    p.fn();
  };
  const earliestDue = (end: number) => {
    let best: Pending | undefined;
    for (const p of pending) if (p.at <= end && (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq))) best = p;
    return best;
  };
  /**
   * Moves the reading to `target`, firing due timers one by one at their own moment. `finalOffset` pins
   * the end exactly (an advance adds exactly its amount even while a real underlying clock ticks on).
   */
  const moveTo = (target: number, finalOffset?: number) => {
    for (let p = earliestDue(target); p; p = earliestDue(target)) {
      if (p.at > now()) offset += p.at - now();
      p.base?.cancel();
      fire(p);
    }
    offset = finalOffset ?? offset + (target - now());
    for (const p of pending) arm(p);
  };
  return {
    mode,
    now: () => new Date(now()),
    setTimer(ms, fn) {
      const p: Pending = { at: now() + Math.max(0, ms), seq: seq++, fn };
      pending.add(p);
      arm(p);
      return {
        cancel: () => {
          pending.delete(p);
          p.base?.cancel();
        },
      };
    },
    advance(ms) {
      moveTo(now() + ms, offset + ms);
    },
    set(time) {
      moveTo(new Date(time).getTime());
    },
    resetOffset() {
      moveTo(base.now().getTime(), 0);
    },
    state: () => ({ now: new Date(now()).toISOString(), mode, offsetMs: offset, pendingTimers: pending.size }),
  };
}

/** ISO 8601 UTC without milliseconds, as Twilio's v1/v2 APIs write dates: `2015-07-30T20:00:00Z`. */
export function toIsoSeconds(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  // Every write in the same second answers the same text: it is made once per second, not per row.
  // toISOString always ends in `.sssZ`, whatever the year's width, and throws for an invalid date (NaN never equals).
  if (second !== lastSecond.at) lastSecond = { at: second, text: date.toISOString().slice(0, -5) + 'Z' };
  return lastSecond.text;
}
let lastSecond = { at: Number.NaN, text: '' };
