import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../util/random.js';
import { chase, chaseKernel } from './chase.js';
import { buildChase, LINE_BYTES, sattoloCycle, visitingOrder, WORDS_PER_LINE } from './permutation.js';

/** Follows successors from 0; returns how many steps until 0 comes back (or -1 after count+1). */
function cycleLength(successor: ArrayLike<number>, count: number): number {
  let at = 0;
  for (let steps = 1; steps <= count + 1; steps++) {
    at = successor[at]!;
    if (at === 0) return steps;
  }
  return -1;
}

describe('sattoloCycle', () => {
  it('is one cycle through every element, for any size and seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer(), (count, seed) => {
        const successor = sattoloCycle(count, new Random(seed));
        expect(cycleLength(successor, count)).toBe(count);
        expect(new Set(successor).size).toBe(count);
      }),
      { numRuns: 100 },
    );
  });

  it('depends on the seed and repeats for the same seed', () => {
    expect(sattoloCycle(64, new Random(1))).toEqual(sattoloCycle(64, new Random(1)));
    expect(sattoloCycle(64, new Random(1))).not.toEqual(sattoloCycle(64, new Random(2)));
  });
});

describe('visitingOrder', () => {
  it('page-local visits every line once, finishing each page before the next', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 700 }),
        fc.constantFrom(64, 256, 4096),
        fc.integer(),
        (lines, page, seed) => {
          const order = visitingOrder('page-local', lines, page, seed);
          expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: lines }, (_, i) => i));
          const linesPerPage = page / LINE_BYTES;
          const pages = [...order].map((line) => Math.floor(line / linesPerPage));
          const changes = pages.filter((p, i) => i > 0 && p !== pages[i - 1]).length;
          expect(changes).toBe(Math.ceil(lines / linesPerPage) - 1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects bad sizes', () => {
    expect(() => visitingOrder('random', 0, 4096, 1)).toThrow(RangeError);
    expect(() => visitingOrder('page-local', 8, 100, 1)).toThrow(/pageBytes/);
  });
});

describe('buildChase and chase', () => {
  it('links one cycle through all lines for both variants, with or without an arena', () => {
    const arena = new Uint32Array(1 << 16);
    fc.assert(
      fc.property(
        fc.constantFrom('random' as const, 'page-local' as const),
        fc.integer({ min: 64, max: 200_000 }),
        fc.integer(),
        fc.boolean(),
        (variant, bytes, seed, useArena) => {
          const next = buildChase(variant, bytes, 4096, seed, useArena ? arena : null);
          const lines = Math.floor(bytes / LINE_BYTES);
          expect(next.length).toBe(lines * WORDS_PER_LINE);
          const successor = Array.from(
            { length: lines },
            (_, line) => next[line * WORDS_PER_LINE]! / WORDS_PER_LINE,
          );
          expect(cycleLength(successor, lines)).toBe(lines);
          // chase() walks the same links: after `lines` steps it is back at the start.
          expect(chase(next, 0, lines)).toBe(0);
          expect(chase(next, 0, 1)).toBe(next[0]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('chaseKernel continues where the previous call stopped', () => {
    const next = buildChase('random', 64 * 100, 4096, 7);
    const kernel = chaseKernel(next);
    const first = kernel(30);
    expect(kernel(70)).toBe(chase(next, first, 70));
    expect(chase(next, 0, 100)).toBe(0);
  });
});
