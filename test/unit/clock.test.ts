import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createControlledClock, createManualClock, systemClock } from '../../src/core/clock.js';
import { parseDurationMs } from '../../src/core/duration.js';

describe('the controlled clock', () => {
  it('runs timers that fall due when moved, in order, each at its own moment', () => {
    const base = createManualClock('2026-01-01T00:00:00Z');
    const clock = createControlledClock(base, 'manual');
    const seen: string[] = [];
    clock.setTimer(5 * 60_000, () => seen.push(`b@${clock.now().toISOString()}`));
    clock.setTimer(60_000, () => {
      seen.push(`a@${clock.now().toISOString()}`);
      // A timer set by a timer, still inside the move: runs too, at its own moment.
      clock.setTimer(60_000, () => seen.push(`a2@${clock.now().toISOString()}`));
    });
    clock.setTimer(20 * 60_000, () => seen.push('late'));
    clock.advance(10 * 60_000);
    expect(seen).toEqual(['a@2026-01-01T00:01:00.000Z', 'a2@2026-01-01T00:02:00.000Z', 'b@2026-01-01T00:05:00.000Z']);
    expect(clock.state()).toMatchObject({ now: '2026-01-01T00:10:00.000Z', mode: 'manual', offsetMs: 600_000, pendingTimers: 1 });
    clock.set('2026-01-01T00:20:00Z');
    expect(seen.at(-1)).toBe('late');
  });

  it('keeps timers on the underlying clock too, so moving that one fires them', () => {
    const base = createManualClock('2026-01-01T00:00:00Z');
    const clock = createControlledClock(base, 'manual');
    let fired = 0;
    const t = clock.setTimer(1000, () => fired++);
    clock.setTimer(2000, () => fired++);
    t.cancel();
    base.advance(2000);
    expect(fired).toBe(1);
  });

  it('moving backwards runs nothing and re-arms what is pending', () => {
    const base = createManualClock('2026-01-01T00:00:00Z');
    const clock = createControlledClock(base, 'manual');
    let fired = 0;
    clock.setTimer(60_000, () => fired++);
    clock.set('2025-12-31T23:00:00Z');
    base.advance(60_000);
    expect(fired).toBe(0);
    clock.resetOffset();
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
    expect(fired).toBe(1);
  });

  it('on the real clock, an advance adds an offset and fires due timers at once', () => {
    const clock = createControlledClock(systemClock, 'real');
    let fired = false;
    const before = Date.now();
    clock.setTimer(3_600_000, () => (fired = true));
    clock.advance(3_600_000);
    expect(fired).toBe(true);
    expect(clock.state().offsetMs).toBe(3_600_000);
    expect(clock.now().getTime() - Date.now()).toBeGreaterThanOrEqual(3_600_000 - 5);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    clock.resetOffset();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(50);
  });
});

describe('parseDurationMs', () => {
  it('reads compound durations and milliseconds', () => {
    expect(parseDurationMs('10m')).toBe(600_000);
    expect(parseDurationMs('1h30m')).toBe(5_400_000);
    expect(parseDurationMs('2d')).toBe(172_800_000);
    expect(parseDurationMs('250ms')).toBe(250);
    expect(parseDurationMs(1500)).toBe(1500);
    for (const bad of ['', '10', 'm', '-5m', '1.5h', '10 minutes', -1, Number.NaN, Infinity, null, {}]) expect(parseDurationMs(bad)).toBeUndefined();
  });

  it('is the sum of its parts, for any sequence of parts', () => {
    const part = fc.record({ n: fc.integer({ min: 0, max: 10_000 }), unit: fc.constantFrom('ms', 's', 'm', 'h', 'd') });
    const ms = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const text = parts.map((p) => `${p.n}${p.unit}`).join('');
        expect(parseDurationMs(text)).toBe(parts.reduce((sum, p) => sum + p.n * ms[p.unit], 0));
      }),
    );
  });

  it('never throws and never answers a negative or non-finite number, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.anything()), (v) => {
        const r = parseDurationMs(v);
        expect(r === undefined || (Number.isFinite(r) && r >= 0)).toBe(true);
      }),
    );
  });
});
