/** The time source every component reads. Injected so tests can drive time without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests and reproducible scenario runs. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(time: Date | string): void;
}

export function createManualClock(start: Date | string = '2026-01-01T00:00:00Z'): ManualClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    set(time) {
      t = new Date(time).getTime();
    },
  };
}

/** ISO 8601 UTC without milliseconds, as Twilio's v1/v2 APIs write dates: `2015-07-30T20:00:00Z`. */
export function toIsoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
