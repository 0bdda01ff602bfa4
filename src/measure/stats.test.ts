import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../util/index.js';
import { bootstrapMedianCi, computeStats, median, quantileSorted } from './stats.js';

/** Textbook median: the middle value, or the mean of the two middle values. */
function modelMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

describe('quantileSorted (type 7)', () => {
  it('interpolates between closest ranks, as the doc example says', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted([10, 20], 0.25)).toBeCloseTo(12.5, 12);
    expect(quantileSorted([7], 0.9)).toBe(7);
  });

  it('hits order statistics exactly at p = k / (n − 1) and is monotone in p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 40 }),
        (values) => {
          const sorted = [...values].sort((a, b) => a - b);
          const n = sorted.length;
          for (let k = 0; k < n; k++) expect(quantileSorted(sorted, k / (n - 1))).toBeCloseTo(sorted[k]!, 9);
          let previous = Number.NEGATIVE_INFINITY;
          for (let step = 0; step <= 20; step++) {
            const q = quantileSorted(sorted, step / 20);
            expect(q).toBeGreaterThanOrEqual(previous - 1e-9);
            previous = q;
          }
        },
      ),
    );
  });

  it('rejects an empty sample and p outside [0, 1]', () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([1], 1.5)).toThrow(/p must be in \[0, 1\]/);
    expect(() => quantileSorted([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('computeStats', () => {
  it('matches hand-computed values on an even sample', () => {
    const stats = computeStats([1, 2, 3, 4]);
    expect(stats.n).toBe(4);
    expect(stats.min).toBe(1);
    expect(stats.max).toBe(4);
    expect(stats.mean).toBe(2.5);
    expect(stats.median).toBe(2.5);
    expect(stats.p10).toBeCloseTo(1.3, 12);
    expect(stats.p90).toBeCloseTo(3.7, 12);
    // |x − 2.5| = 1.5, 0.5, 0.5, 1.5 → median 1.
    expect(stats.mad).toBe(1);
    expect(stats.outliers).toEqual([]);
  });

  it('matches hand-computed values on an odd, unsorted sample', () => {
    const stats = computeStats([5, 1, 4, 2, 3]);
    expect(stats.median).toBe(3);
    expect(stats.mean).toBe(3);
    expect(stats.p10).toBeCloseTo(1.4, 12);
    expect(stats.p90).toBeCloseTo(4.6, 12);
    // |x − 3| = 2, 2, 1, 1, 0 → median 1.
    expect(stats.mad).toBe(1);
  });

  it('flags an outlier by index and keeps it in every other statistic (doc example)', () => {
    const stats = computeStats([3, 1, 2, 100]);
    expect(stats.median).toBe(2.5);
    expect(stats.mad).toBe(1);
    expect(stats.outliers).toEqual([3]);
    expect(stats.n).toBe(4);
    expect(stats.max).toBe(100);
    expect(stats.mean).toBe(26.5);
    expect(stats.p90).toBeCloseTo(70.9, 9);
  });

  it('flags values just beyond 5 scaled MADs and not those just inside', () => {
    // Median 10, MAD 1 → the limit is 5 × 1.4826 = 7.413 from the median.
    const stats = computeStats([9, 10, 10, 11, 10 + 7.4, 10 - 7.5]);
    expect(stats.median).toBe(10);
    expect(stats.mad).toBe(1);
    expect(stats.outliers).toEqual([5]);
  });

  it('with MAD 0 flags every value that differs from the median', () => {
    const stats = computeStats([2, 2, 3, 2, 2]);
    expect(stats.mad).toBe(0);
    expect(stats.outliers).toEqual([2]);
  });

  it('handles a single value', () => {
    const stats = computeStats([5]);
    expect(stats).toMatchObject({
      n: 1,
      min: 5,
      max: 5,
      mean: 5,
      median: 5,
      p10: 5,
      p90: 5,
      mad: 0,
      outliers: [],
    });
    expect(stats.ci95).toEqual([5, 5]);
  });

  it('agrees with textbook min, max, mean and median on any sample', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 30 }),
        (values) => {
          const stats = computeStats(values);
          expect(stats.min).toBe(Math.min(...values));
          expect(stats.max).toBe(Math.max(...values));
          expect(stats.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
          expect(stats.median).toBe(modelMedian(values));
          expect(median(values)).toBe(modelMedian(values));
          expect(stats.mad).toBe(modelMedian(values.map((v) => Math.abs(v - modelMedian(values)))));
          expect(stats.p10).toBeLessThanOrEqual(stats.median);
          expect(stats.median).toBeLessThanOrEqual(stats.p90);
          for (const index of stats.outliers) expect(index).toBeLessThan(values.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects an empty sample and non-finite values', () => {
    expect(() => computeStats([])).toThrow(/at least one value/);
    expect(() => computeStats([1, Number.NaN])).toThrow(/index 1 is not a finite number/);
    expect(() => computeStats([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

describe('bootstrap confidence interval of the median', () => {
  const draw = (n: number, seed: number): number[] => {
    const random = new Random(seed);
    return Array.from({ length: n }, () => 100 + 10 * random.next());
  };

  it('contains the sample median and lies within [min, max]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 25 }),
        fc.nat(),
        (values, seed) => {
          const stats = computeStats(values, seed);
          expect(stats.ci95[0]).toBeLessThanOrEqual(stats.median);
          expect(stats.ci95[1]).toBeGreaterThanOrEqual(stats.median);
          expect(stats.ci95[0]).toBeGreaterThanOrEqual(stats.min);
          expect(stats.ci95[1]).toBeLessThanOrEqual(stats.max);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is deterministic for a seed', () => {
    const values = draw(40, 7);
    expect(computeStats(values, 123).ci95).toEqual(computeStats(values, 123).ci95);
    expect(bootstrapMedianCi(values, 0.95, 200, 9)).toEqual(bootstrapMedianCi(values, 0.95, 200, 9));
  });

  it('narrows as the sample grows', () => {
    const width = (n: number): number => {
      const [low, high] = computeStats(draw(n, 11), 5).ci95;
      return high - low;
    };
    const small = width(10);
    const large = width(1000);
    expect(large).toBeGreaterThan(0);
    expect(large).toBeLessThan(small);
  });

  it('is wider at a higher confidence level', () => {
    const values = draw(50, 3);
    const [low90, high90] = bootstrapMedianCi(values, 0.9, 500, 1);
    const [low99, high99] = bootstrapMedianCi(values, 0.99, 500, 1);
    expect(low99).toBeLessThanOrEqual(low90);
    expect(high99).toBeGreaterThanOrEqual(high90);
  });

  it('rejects a bad level or resample count', () => {
    expect(() => bootstrapMedianCi([1, 2], 1, 10, 1)).toThrow(/level/);
    expect(() => bootstrapMedianCi([1, 2], 0.95, 0, 1)).toThrow(/resamples/);
    expect(() => bootstrapMedianCi([], 0.95, 10, 1)).toThrow(RangeError);
  });
});
