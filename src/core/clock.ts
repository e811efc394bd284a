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

/** ISO 8601 UTC without milliseconds, as Twilio's v1/v2 APIs write dates: `2015-07-30T20:00:00Z`. */
export function toIsoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
