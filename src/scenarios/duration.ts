const UNIT = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** `250ms`, `5s`, `1m`, `2h` → milliseconds. */
export const DURATION_PATTERN = /^(\d+)(ms|s|m|h)$/;

export function parseDuration(text: string): number {
  const m = DURATION_PATTERN.exec(text);
  if (!m) throw new Error(`'${text}' is not a duration like 250ms, 5s, 1m or 2h`);
  return Number(m[1]) * UNIT[m[2] as keyof typeof UNIT];
}
