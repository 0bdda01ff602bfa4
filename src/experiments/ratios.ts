/** Small numeric helpers shared by the experiments' summaries. */

/** Geometric mean of positive finite values, or null when there are none. */
export function geometricMean(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (value === null || !(value > 0) || !Number.isFinite(value)) continue;
    sum += Math.log(value);
    count++;
  }
  return count === 0 ? null : Math.exp(sum / count);
}

/** `js / native`, or null when either is missing. */
export function ratio(js: number | null, native: number | null): number | null {
  return js === null || native === null || !(native > 0) ? null : js / native;
}

/** Median of a non-empty list, else null. */
export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Rounds to `digits` significant digits (for stable, readable JSON and sentences). */
export function round(value: number, digits = 4): number {
  return Number(value.toPrecision(digits));
}
