const UNIT: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration as people type it — `10m`, `90s`, `1h30m`, `2d`, `250ms` — or a number of milliseconds,
 * to milliseconds; undefined when it is neither.
 */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || !/^(\d+(ms|s|m|h|d))+$/.test(value.trim())) return undefined;
  let total = 0;
  for (const [, n, unit] of value.trim().matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(n) * UNIT[unit!]!;
  return Number.isSafeInteger(total) ? total : undefined;
}
