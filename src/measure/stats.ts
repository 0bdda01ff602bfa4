/**
 * Summary statistics for timing samples: order statistics, a robust spread (MAD), a seeded
 * bootstrap confidence interval of the median, and outliers flagged by index (never dropped).
 */
import { Random } from '../util/index.js';
import type { Stats } from './types.js';

/** Bootstrap resamples drawn for the confidence interval of the median. */
export const BOOTSTRAP_RESAMPLES = 1000;

/** Consistency constant that scales the MAD to the standard deviation of a normal distribution. */
export const MAD_TO_SIGMA = 1.4826;

/** A sample is an outlier when it lies more than this many scaled MADs from the median. */
export const OUTLIER_SCALED_MADS = 5;

/** Seed of the bootstrap when the caller gives none (results are reproducible either way). */
export const DEFAULT_STATS_SEED = 1;

/**
 * The `p`-quantile of ascending `sorted` values by linear interpolation between closest ranks
 * (Hyndman & Fan type 7, the default of R and NumPy): with `h = (n − 1)·p`, the result is
 * `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])` (0-based). `p = 0.5` is the usual median.
 * O(1); the caller sorts.
 *
 * @example
 * ```ts
 * quantileSorted([1, 2, 3, 4], 0.1); // 1.3
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted: needs at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantileSorted: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, n - 1);
  const low = sorted[lower]!;
  return low + (h - lower) * (sorted[upper]! - low);
}

/** The median of `values` (any order), type-7 quantile at 0.5. O(n log n). */
export function median(values: ArrayLike<number>): number {
  return quantileSorted(sortedCopy(values), 0.5);
}

/**
 * Statistics of `values` (usually nanoseconds per operation): min, max, mean, median,
 * p10/p90 (type-7 quantiles, see {@link quantileSorted}), the unscaled median absolute
 * deviation, a percentile-bootstrap 95% confidence interval of the median from
 * {@link BOOTSTRAP_RESAMPLES} resamples drawn with a seeded {@link Random} (same seed, same
 * interval), and the indices of outliers — values farther than
 * {@link OUTLIER_SCALED_MADS} × {@link MAD_TO_SIGMA} × MAD from the median (when MAD is 0, every
 * value different from the median). Nothing is dropped.
 *
 * O(B · n log n) for B resamples. Throws `RangeError` on an empty sample or a non-finite value.
 *
 * @example
 * ```ts
 * const stats = computeStats([3, 1, 2, 100]);
 * stats.median; // 2.5
 * stats.outliers; // [3]
 * ```
 */
export function computeStats(values: readonly number[], seed: number = DEFAULT_STATS_SEED): Stats {
  const n = values.length;
  if (n === 0) throw new RangeError('computeStats: needs at least one value');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) {
      throw new RangeError(`computeStats: value at index ${i} is not a finite number (${value})`);
    }
    sum += value;
  }
  const sorted = sortedCopy(values);
  const middle = quantileSorted(sorted, 0.5);
  const deviations = new Float64Array(n);
  for (let i = 0; i < n; i++) deviations[i] = Math.abs(values[i]! - middle);
  deviations.sort();
  const mad = quantileSorted(deviations, 0.5);
  const limit = OUTLIER_SCALED_MADS * MAD_TO_SIGMA * mad;
  const outliers: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Math.abs(values[i]! - middle) > limit) outliers.push(i);
  }
  return {
    n,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    mean: sum / n,
    median: middle,
    p10: quantileSorted(sorted, 0.1),
    p90: quantileSorted(sorted, 0.9),
    mad,
    ci95: bootstrapMedianCi(sorted, 0.95, BOOTSTRAP_RESAMPLES, seed),
    outliers,
  };
}

/**
 * Percentile-bootstrap confidence interval of the median: draws `resamples` samples of size n
 * with replacement (seeded), takes each one's median, and returns the `(1 − level)/2` and
 * `(1 + level)/2` type-7 quantiles of those medians. O(resamples · n log n).
 */
export function bootstrapMedianCi(
  values: ArrayLike<number>,
  level: number,
  resamples: number,
  seed: number,
): [number, number] {
  const n = values.length;
  if (n === 0) throw new RangeError('bootstrapMedianCi: needs at least one value');
  if (!(level > 0 && level < 1))
    throw new RangeError(`bootstrapMedianCi: level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`bootstrapMedianCi: resamples must be a positive integer, got ${resamples}`);
  }
  const random = new Random(seed);
  const resample = new Float64Array(n);
  const medians = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) resample[i] = values[random.below(n)]!;
    resample.sort();
    medians[b] = quantileSorted(resample, 0.5);
  }
  medians.sort();
  return [quantileSorted(medians, (1 - level) / 2), quantileSorted(medians, (1 + level) / 2)];
}

function sortedCopy(values: ArrayLike<number>): Float64Array {
  // Float64Array#sort is numeric and allocation-free, unlike Array#sort's string default.
  const sorted = Float64Array.from(values);
  sorted.sort();
  return sorted;
}
