import fc from 'fast-check';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { MachineInfo } from '../../machine/types.js';
import { UsageError } from '../../util/errors.js';
import { testCache, testMachine } from '../test-machine.test-support.js';
import {
  ACCESS_PATTERNS_DEFAULTS,
  accessPatternsExperiment,
  bestIsolatedRound,
  checkAccessPatternsParams,
  ISOLATED_PATTERN_IDS,
  indexedTouches,
  isolatedIndices,
  PATTERN_IDS,
  type PatternId,
  patternIndices,
  randomCorrectedPasses,
  randomNaivePasses,
  sequentialPasses,
  stridedPasses,
  touchesPerPass,
  wrappingPasses,
} from './index.js';

/** The text's index formulas, computed exactly with BigInt. */
function referenceIndices(pattern: PatternId, n: number): number[] {
  const out: number[] = [];
  const big = BigInt(n);
  switch (pattern) {
    case 'sequential':
      for (let i = 0; i < n; i++) out.push(i);
      break;
    case 'stride-2':
    case 'stride-3':
    case 'stride-4':
      for (let i = 0; i < n; i += Number(pattern.slice(-1))) out.push(i);
      break;
    case 'random':
      for (let i = 0n; i < big; i++) out.push(Number((i * 37199n + 999331n) % big));
      break;
    default: {
      const stride = BigInt(pattern.slice(5));
      for (let i = 0n; i < big; i++) out.push(Number((i * stride) % big));
    }
  }
  return out;
}

/** Applies `sum += d[i]; d[i] *= 3` over `indices`, `passes` times, to a copy: the model. */
function model(
  data: Int32Array,
  indices: readonly number[],
  passes: number,
): { sum: number; data: Int32Array } {
  const copy = data.slice();
  let sum = 0;
  for (let p = 0; p < passes; p++) {
    for (const i of indices) {
      sum = (sum + copy[i]!) | 0;
      copy[i] = Math.imul(copy[i]!, 3);
    }
  }
  return { sum, data: copy };
}

describe('access patterns', () => {
  it('index lists follow the text formulas exactly, even where i * 37199 leaves int32', () => {
    const store = new Int32Array(70_001).fill(-5);
    for (const pattern of PATTERN_IDS) {
      for (const n of [17, 100, 1000, 70_001]) {
        const indices = patternIndices(pattern, n);
        expect(indices.length).toBe(touchesPerPass(pattern, n));
        expect(Array.from(indices)).toEqual(referenceIndices(pattern, n));
        // Into a reused buffer (left dirty by the previous pattern): the same list, no new array.
        const reused = patternIndices(pattern, n, store);
        expect(reused.buffer).toBe(store.buffer);
        expect(Array.from(reused)).toEqual(referenceIndices(pattern, n));
      }
    }
  });

  it('the isolated sweep draws random uniformly and keeps the text formula as random-formula', () => {
    const n = 1000;
    for (const pattern of ISOLATED_PATTERN_IDS) {
      const indices = isolatedIndices(pattern, n, 7);
      if (pattern === 'random-formula') expect(Array.from(indices)).toEqual(referenceIndices('random', n));
      else if (pattern !== 'random') expect(Array.from(indices)).toEqual(referenceIndices(pattern, n));
    }
    const draws = 200_000;
    const random = isolatedIndices('random', draws, 7);
    expect(Array.from(isolatedIndices('random', draws, 7))).toEqual(Array.from(random));
    const store = new Int32Array(draws + 3).fill(-1);
    expect(Array.from(isolatedIndices('random', draws, 7, store))).toEqual(Array.from(random));
    // Too short a buffer is not used.
    expect(isolatedIndices('random', 10, 7, new Int32Array(9)).length).toBe(10);
    expect(Array.from(isolatedIndices('random', 1000, 8))).not.toEqual(Array.from(random.subarray(0, 1000)));
    // Uniform over [0, n): every decile holds ~10% of the draws (binomial sd ~0.07%), and a
    // constant stride is ruled out: consecutive differences take many values.
    const deciles = new Array<number>(10).fill(0);
    const steps = new Set<number>();
    for (let t = 0; t < draws; t++) {
      const index = random[t]!;
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(draws);
      deciles[Math.floor((index * 10) / draws)]!++;
      if (t > 0) steps.add((index - random[t - 1]! + draws) % draws);
    }
    for (const count of deciles) expect(Math.abs(count / draws - 0.1)).toBeLessThan(0.005);
    expect(steps.size).toBeGreaterThan(draws / 2);
  });

  it('every kernel does the same work as the model on its indices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 17, max: 3000 }), fc.integer({ min: 1, max: 3 }), (n, passes) => {
        const fresh = () => Int32Array.from({ length: n }, (_, i) => (i * 7) % 13);
        const check = (pattern: PatternId, run: (d: Int32Array) => number) => {
          const data = fresh();
          const expected = model(data, referenceIndices(pattern, n), passes);
          expect(run(data)).toBe(expected.sum);
          expect(data).toEqual(expected.data);
        };
        check('sequential', (d) => sequentialPasses(d, passes));
        check('stride-3', (d) => stridedPasses(d, passes, 3));
        check('wrap-17', (d) => wrappingPasses(d, passes, 17));
        check('random', (d) => randomCorrectedPasses(d, passes));
        check('random', (d) => randomNaivePasses(d, passes));
        check('wrap-5', (d) => indexedTouches(d, patternIndices('wrap-5', n), 0, passes * n));
      }),
      { numRuns: 40 },
    );
  });

  it('indexedTouches equals touch-by-touch wrapping from any start, repeated indices included', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 40 })
          .chain((dataLength) =>
            fc.tuple(
              fc.array(fc.integer({ min: 0, max: dataLength - 1 }), { minLength: 1, maxLength: 60 }),
              fc.constant(dataLength),
            ),
          ),
        fc.nat(200),
        fc.nat(300),
        ([indexList, dataLength], startSeed, count) => {
          const indices = Int32Array.from(indexList);
          const start = startSeed % indices.length;
          const data = Int32Array.from({ length: dataLength }, (_, i) => i * 5 - 7);
          const expected = data.slice();
          let expectedSum = 0;
          for (let t = 0; t < count; t++) {
            const i = indexList[(start + t) % indexList.length]!;
            expectedSum = (expectedSum + expected[i]!) | 0;
            expected[i] = Math.imul(expected[i]!, 3);
          }
          expect(indexedTouches(data, indices, start, count)).toBe(expectedSum);
          expect(data).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects bad parameters with a UsageError naming them', () => {
    const good = ACCESS_PATTERNS_DEFAULTS.quick;
    expect(() => checkAccessPatternsParams(good)).not.toThrow();
    expect(() => checkAccessPatternsParams({ ...good, textElementCounts: [] })).toThrow(UsageError);
    expect(() => checkAccessPatternsParams({ ...good, textIterations: -1 })).toThrow(/textIterations/);
    expect(() => checkAccessPatternsParams({ ...good, samples: 1.5 })).toThrow(/samples/);
    expect(() => checkAccessPatternsParams({ ...good, isolatedRounds: 0 })).toThrow(/isolatedRounds/);
  });

  it('an isolated point keeps its lowest-median round and reports rounds far apart', () => {
    const round = (medianNs: number) => ({ medianNs, minNs: medianNs * 0.9, touches: 10 });
    const quiet = [round(13.9), round(12.9), round(14.2)];
    expect(bestIsolatedRound(quiet)).toEqual({ best: quiet[1], stalled: false });
    const stalled = [round(1279), round(13.9)];
    expect(bestIsolatedRound(stalled)).toEqual({ best: stalled[1], stalled: true });
    expect(bestIsolatedRound([round(2)])).toEqual({ best: round(2), stalled: false });
    // Exactly twice apart is still one machine state; more is a stall.
    expect(bestIsolatedRound([round(1), round(2)]).stalled).toBe(false);
    expect(bestIsolatedRound([round(1), round(2.01)]).stalled).toBe(true);
  });
});

/** A machine small enough that the end-to-end run stays quick: 4 KiB L1, 16 KiB L2, 64 KiB L3. */
const tinyMachine: MachineInfo = testMachine([
  testCache(1, 4096, 4),
  testCache(2, 16384, 0),
  testCache(3, 65536, 16),
]);

describe('access-patterns experiment, end to end on a tiny machine', () => {
  it('measures, simulates and judges every point, with charts and sentences', async () => {
    const params = {
      ...ACCESS_PATTERNS_DEFAULTS.quick,
      textElementCounts: [100, 3000],
      textIterations: 10,
      isolatedMinBytes: 4096,
      isolatedMaxBytes: 1024 * 1024,
      isolatedOctavesPerPoint: 8,
      isolatedRounds: 2,
      samples: 3,
      simulatedAccessesMax: 20_000,
    };
    const result = await accessPatternsExperiment.run(
      { machine: tinyMachine, quick: true, seed: 1, progress: () => {}, log: () => {} },
      params,
    );
    const text = result.points.filter((p) => p.section === 'text');
    const isolated = result.points.filter((p) => p.section === 'isolated');
    expect(text).toHaveLength(2 * 9);
    expect(isolated).toHaveLength(2 * 9); // 4 KiB and 1 MiB
    for (const point of result.points) {
      expect(point.measuredNs).toBeGreaterThan(0);
      expect(point.predictedNs).toBeGreaterThan(0);
      expect(['memory-bound', 'compute-bound']).toContain(point.verdict);
    }
    // 100 Int32 (400 B) fit in the 4 KiB L1: nothing reaches L2 in the steady state.
    const small = text.find((p) => p.pattern === 'random' && p.elements === 100)!;
    expect(small.L1dMissesPerAccess).toBe(0);
    expect(small.verdict).toBe('compute-bound');
    expect(small.reason).toMatch(/fits: 0 simulated L2 misses/);
    // 1 MiB random over a 64 KiB L3: nearly every access goes to memory.
    const big = isolated.find((p) => p.pattern === 'random' && p.workingSetBytes === 1024 * 1024)!;
    expect(big.L3MissesPerAccess).toBeGreaterThan(0.9);
    const sequential = isolated.find((p) => p.pattern === 'sequential' && p.workingSetBytes === 1024 * 1024)!;
    expect(sequential.L3MissesPerAccess).toBeCloseTo(1 / 16, 3); // one miss per 64-byte line of Int32
    const summary = result.summary as { notes: string[]; disagreements: unknown[] };
    expect(summary.notes.join('\n')).toMatch(/associativity of L2 unified is unknown; simulated as 16-way/);
    expect(summary.disagreements).toHaveLength(5);
    const sentences = accessPatternsExperiment.explain(result);
    expect(sentences.some((s) => /random costs .*× sequential/.test(s))).toBe(true);
    expect(sentences.some((s) => /random formula .* costs .*× sequential there/.test(s))).toBe(true);
    for (const chart of accessPatternsExperiment.charts(result)) {
      expect(() => compile(chart.vegaLite as never)).not.toThrow();
    }
  });
});
