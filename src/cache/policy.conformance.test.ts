/**
 * One conformance suite for every replacement policy (style: one interface, one suite). Each
 * case runs through a real `CacheHierarchy` level and, where it is about the policy object
 * itself, through the `ReplacementPolicy` interface. Skipped combinations are listed with
 * their reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind } from '../trace/index.js';
import { CacheHierarchy } from './hierarchy.js';
import { createPolicy, RandomPolicy } from './policy.js';
import { POLICY_NAMES, type PolicyName } from './types.js';

const LINE = 64;

/** Way counts every policy must handle; tree-PLRU skips non-powers of two (it rejects them, see config tests). */
const WAY_COUNTS = [1, 2, 3, 4, 5, 8, 12];
const supports = (policy: PolicyName, ways: number): boolean =>
  policy !== 'plru' || (ways & (ways - 1)) === 0;

function level(policy: PolicyName, sets: number, ways: number, seed = 7) {
  return new CacheHierarchy(
    { levels: [{ name: 'L1d', sizeBytes: sets * ways * LINE, ways, lineBytes: LINE, policy }], seed },
    { fastPath: false },
  );
}

/** Address of the k-th distinct line that maps to set `set`. */
const inSet = (sets: number, set: number, k: number): number => (k * sets + set) * LINE;

for (const policy of POLICY_NAMES) {
  describe(`replacement policy conformance: ${policy}`, () => {
    for (const ways of WAY_COUNTS.filter((w) => supports(policy, w))) {
      it(`${ways} ways: a re-access hits`, () => {
        const cache = level(policy, 3, ways);
        cache.access(inSet(3, 1, 0), 8, AccessKind.Load);
        cache.access(inSet(3, 1, 0) + 8, 8, AccessKind.Load);
        const stats = cache.stats().levels[0]!;
        expect([stats.misses, stats.hits]).toEqual([1, 1]);
      });

      it(`${ways} ways: a set holds exactly ${ways} lines, and evicts only when full`, () => {
        const sets = 3;
        const cache = level(policy, sets, ways);
        for (let k = 0; k < ways; k++) cache.access(inSet(sets, 2, k), 8, AccessKind.Load);
        expect(cache.stats().levels[0]!.evictions).toBe(0);
        for (let k = 0; k < ways; k++) cache.access(inSet(sets, 2, k), 8, AccessKind.Load);
        let stats = cache.stats().levels[0]!;
        expect([stats.misses, stats.hits, stats.evictions]).toEqual([ways, ways, 0]);
        // Other sets are independent: filling them evicts nothing from set 2.
        for (let k = 0; k < ways; k++) cache.access(inSet(sets, 0, k), 8, AccessKind.Load);
        expect(cache.stats().levels[0]!.evictions).toBe(0);
        cache.access(inSet(sets, 2, ways), 8, AccessKind.Load);
        stats = cache.stats().levels[0]!;
        expect(stats.evictions).toBe(1);
        // Some old line is gone.
        const before = stats.misses;
        for (let k = 0; k <= ways; k++) cache.access(inSet(sets, 2, k), 8, AccessKind.Load);
        expect(cache.stats().levels[0]!.misses - before).toBeGreaterThanOrEqual(1);
      });
    }

    it('the victim is always a way of the set (any history)', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...WAY_COUNTS.filter((w) => supports(policy, w))),
          fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 60 }),
          (ways, events) => {
            const sets = 2;
            const state = createPolicy(policy, sets, ways, 3);
            for (const [isFill, n] of events) {
              const base = (n % sets) * ways;
              if (isFill) state.fill(base, n % ways);
              else state.touch(base, n % ways);
              const victim = state.victim(base);
              expect(Number.isInteger(victim) && victim >= 0 && victim < ways).toBe(true);
            }
          },
        ),
      );
    });

    it('is deterministic for a seed, and reset() starts over', () => {
      const trace = Array.from({ length: 3000 }, (_, i) => ((i * 2654435761) % 97) * LINE);
      const run = (cache: CacheHierarchy) => {
        for (const address of trace) cache.access(address, 4, AccessKind.Load);
        return cache.stats();
      };
      const first = level(policy, 4, 4, 11);
      const a = run(first);
      expect(run(level(policy, 4, 4, 11))).toEqual(a);
      first.reset();
      expect(run(first)).toEqual(a);
    });
  });
}

describe('random policy', () => {
  // Chi-square critical values at p = 0.001 for ways - 1 degrees of freedom.
  const CRITICAL: Record<number, number> = { 3: 13.816, 5: 18.467, 12: 31.264 };
  for (const ways of [3, 5, 12]) {
    it(`picks each of ${ways} ways equally often (chi-square, p = 0.001)`, () => {
      const policy = new RandomPolicy(1, ways, 2024);
      const draws = 1200 * ways;
      const counts = new Array<number>(ways).fill(0);
      for (let i = 0; i < draws; i++) counts[policy.victim(0)]!++;
      const expected = draws / ways;
      const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
      expect(chiSquare).toBeLessThan(CRITICAL[ways]!);
    });
  }

  it('different seeds give different eviction sequences', () => {
    const sequence = (seed: number) => {
      const policy = new RandomPolicy(1, 8, seed);
      return Array.from({ length: 32 }, () => policy.victim(0));
    };
    expect(sequence(1)).toEqual(sequence(1));
    expect(sequence(1)).not.toEqual(sequence(2));
  });
});

describe('policy-specific behaviour on one 4-way set', () => {
  // Lines A B C D fill the set, then A is re-used, then E arrives: who is evicted?
  const evictedAfter = (policy: PolicyName): number => {
    // Probe which of A–D is gone. A probe that misses evicts again, so each probe replays the
    // history on a fresh cache.
    for (const k of [0, 1, 2, 3]) {
      const probe = level(policy, 1, 4);
      for (const j of [0, 1, 2, 3, 0, 4]) probe.access(j * LINE, 1, AccessKind.Load);
      const before = probe.stats().levels[0]!.misses;
      probe.access(k * LINE, 1, AccessKind.Load);
      if (probe.stats().levels[0]!.misses > before) return k;
    }
    return -1;
  };

  it('LRU evicts B (least recently used), FIFO evicts A (first in)', () => {
    expect(evictedAfter('lru')).toBe(1);
    expect(evictedAfter('fifo')).toBe(0);
  });

  it('tree-PLRU evicts the line its tree points at (C after A B C D A)', () => {
    // After D (way 3) the root points left; A (way 0) flips it right; the right node points at C (way 2).
    expect(evictedAfter('plru')).toBe(2);
  });

  it('SRRIP evicts the first line with the longest re-reference prediction (B)', () => {
    // A was hit (RRPV 0); B C D are at 2; ageing once brings B first to 3.
    expect(evictedAfter('srrip')).toBe(1);
  });
});
