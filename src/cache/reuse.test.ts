import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind } from '../trace/index.js';
import { CacheHierarchy } from './hierarchy.js';
import { ReuseDistanceTracker } from './reuse.js';

const LINE = 64;

/** Distinct lines touched since the previous access to `lines[i]`, or Infinity: straight from the definition. */
function naiveReuseDistance(lines: readonly number[], i: number): number {
  const previous = i === 0 ? -1 : lines.lastIndexOf(lines[i]!, i - 1);
  if (previous < 0) return Number.POSITIVE_INFINITY;
  return new Set(lines.slice(previous + 1, i)).size;
}

const linesArbitrary = fc.array(fc.integer({ min: 0, max: 24 }), { minLength: 1, maxLength: 300 });

describe('reuse distance', () => {
  it('a fully associative LRU cache misses exactly when the reuse distance >= its capacity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        linesArbitrary,
        fc.boolean(),
        (capacityLines, lines, fastPath) => {
          const cache = new CacheHierarchy(
            {
              levels: [
                { name: 'L1d', sizeBytes: capacityLines * LINE, ways: capacityLines, lineBytes: LINE },
              ],
            },
            { fastPath },
          );
          lines.forEach((line, i) => {
            const before = cache.stats().levels[0]!.misses;
            cache.access(line * LINE, 1, AccessKind.Load);
            const missed = cache.stats().levels[0]!.misses > before;
            expect(missed).toBe(naiveReuseDistance(lines, i) >= capacityLines);
          });
        },
      ),
      { numRuns: 120 },
    );
  });

  it('the tracker returns the naive distances and buckets them by powers of two', () => {
    fc.assert(
      fc.property(linesArbitrary, (lines) => {
        const tracker = new ReuseDistanceTracker(LINE);
        const expectedCounts: number[] = [];
        let cold = 0;
        lines.forEach((line, i) => {
          const expected = naiveReuseDistance(lines, i);
          expect(tracker.record(line)).toBe(expected);
          if (expected === Number.POSITIVE_INFINITY) cold++;
          else {
            const bucket = expected === 0 ? 0 : Math.floor(Math.log2(expected)) + 1;
            while (expectedCounts.length <= bucket) expectedCounts.push(0);
            expectedCounts[bucket]!++;
          }
        });
        expect(tracker.histogram()).toEqual({ lineBytes: LINE, coldAccesses: cold, counts: expectedCounts });
      }),
    );
  });

  it('keeps exact distances past its initial capacity (the Fenwick tree grows)', () => {
    const tracker = new ReuseDistanceTracker(LINE);
    // 10 000 accesses cycling over 3 000 lines: every reuse has distance 2 999.
    const distances = Array.from({ length: 10_000 }, (_, i) => tracker.record(i % 3000));
    expect(distances.slice(0, 3000).every((d) => d === Number.POSITIVE_INFINITY)).toBe(true);
    expect(distances.slice(3000).every((d) => d === 2999)).toBe(true);
  });

  it('the hierarchy reports the histogram of its top-level line accesses', () => {
    const cache = new CacheHierarchy({
      levels: [{ name: 'L1d', sizeBytes: 1024, ways: 2, lineBytes: LINE }],
      reuseHistogram: true,
    });
    expect(cache.path).toBe('general');
    // Lines 0 1 0 (distance 1), then a modify of line 1: read (distance 1) and write (distance 0).
    cache.access(0, 4, AccessKind.Load);
    cache.access(LINE, 4, AccessKind.Load);
    cache.access(0, 4, AccessKind.Store);
    cache.access(LINE, 4, AccessKind.Modify);
    expect(cache.stats().reuseHistogram).toEqual({ lineBytes: LINE, coldAccesses: 2, counts: [1, 2] });
  });
});
