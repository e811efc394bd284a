import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock, toIsoSeconds } from '../../src/core/clock.js';
import { isSid, newSid, newUuid, SID_PREFIX } from '../../src/core/ids.js';
import { createRandom } from '../../src/core/random.js';

describe('ids and randomness', () => {
  it('mints prefix + 32 lower-case hex, from one prefix table', () => {
    const r = createRandom();
    for (const kind of Object.keys(SID_PREFIX) as (keyof typeof SID_PREFIX)[]) {
      const sid = newSid(r, kind);
      expect(sid).toMatch(new RegExp(`^${SID_PREFIX[kind]}[0-9a-f]{32}$`));
      expect(isSid(sid, kind)).toBe(true);
    }
    expect(isSid('VAxyz', 'verifyService')).toBe(false);
    expect(newUuid(r)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('repeats exactly with a seed and differs across seeds', () => {
    const draw = (seed: string | number) => {
      const r = createRandom(seed);
      return [newSid(r, 'verifyService'), r.hex(7), r.float(), newUuid(r)];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    const f = createRandom(1).float();
    expect(f).toBeGreaterThanOrEqual(0);
    expect(f).toBeLessThan(1);
  });

  it('writes ISO dates without milliseconds, on a clock tests can move', () => {
    const clock = createManualClock('2026-03-04T05:06:07.890Z');
    expect(toIsoSeconds(clock.now())).toBe('2026-03-04T05:06:07Z');
    clock.advance(60_000);
    expect(toIsoSeconds(clock.now())).toBe('2026-03-04T05:07:07Z');
  });

  it('writes the same text as toISOString less its milliseconds, for any run of dates (it remembers the last second)', () => {
    // Runs of close times (same second, next second, back again) and far ones, before 1970 and after 9999.
    const ms = fc.oneof(fc.integer({ min: -62_198_755_200_000, max: 253_402_300_799_999 }), fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: 1_764_633_600_000, max: 1_764_633_603_000 }));
    fc.assert(
      fc.property(fc.array(ms, { maxLength: 30 }), (times) => {
        for (const t of times) expect(toIsoSeconds(new Date(t))).toBe(new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z'));
      }),
      { examples: [[[999, 1000, 999, -1, 0, -1000, -1001]]] },
    );
    expect(() => toIsoSeconds(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('the manual clock', () => {
  it('runs timers as time passes, in due order, each seeing its own due time, and not after cancel', () => {
    const clock = createManualClock('2026-01-01T00:00:00Z');
    const seen: string[] = [];
    clock.setTimer(2000, () => seen.push(`b@${clock.now().toISOString()}`));
    clock.setTimer(1000, () => seen.push(`a@${clock.now().toISOString()}`));
    const c = clock.setTimer(1500, () => seen.push('cancelled'));
    c.cancel();
    clock.advance(999);
    expect(seen).toEqual([]);
    clock.advance(5000);
    expect(seen).toEqual(['a@2026-01-01T00:00:01.000Z', 'b@2026-01-01T00:00:02.000Z']);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:05.999Z');
  });
});

describe('the seeded random stream across a restart', () => {
  it('continues where it stood: skipTo(position) then draws exactly what the first stream would have', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 70 }), { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 5 }), (before, after) => {
        const a = createRandom('restart');
        for (const n of before) a.bytes(n);
        const b = createRandom('restart');
        b.skipTo(a.position());
        for (const n of after) expect(b.bytes(n).toString('hex')).toBe(a.bytes(n).toString('hex'));
      }),
    );
  });
});
