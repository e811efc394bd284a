/**
 * The first position in [0, length) where `reached(i)` holds, for a test that is false and then true along
 * a sorted array (length when it never holds): the one binary search every sorted lookup here uses.
 */
export function firstWhere(length: number, reached: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (reached(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
