import fc from 'fast-check';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { hierarchyFromMachine } from '../../cache/index.js';
import type { MachineInfo } from '../../machine/types.js';
import { UsageError } from '../../util/errors.js';
import { simulate } from '../explain/simulate.js';
import {
  checkVectorGrowthParams,
  emitVecGrowth,
  formatCount,
  growthCounters,
  traceExercise,
  VARIANT_IDS,
  VECTOR_GROWTH_DEFAULTS,
  type VectorGrowthSummary,
  variantKernel,
  vectorGrowthExperiment,
} from './index.js';

/** Rust's RawVec growth for n pushes of 4-byte elements, from an empty vector: the slow model. */
function modelPushes(n: number): { reallocations: number; bytesCopied: number; capacity: number } {
  let capacity = 0;
  let reallocations = 0;
  let bytesCopied = 0;
  for (let length = 0; length < n; length++) {
    if (length === capacity) {
      capacity = Math.max(2 * capacity, length + 1, 4);
      reallocations++;
      bytesCopied += length * 4;
    }
  }
  return { reallocations, bytesCopied, capacity };
}

describe('vector-growth counters', () => {
  it('match hand-derived values', () => {
    // 1000 pushes: capacities 4, 8, …, 1024 (9 buffers); copies 4 + 8 + … + 512 = 1020 elements.
    expect(growthCounters('vec-push', 1000)).toEqual({
      reallocations: 9,
      bytesCopied: 1020 * 4,
      finalCapacity: 1024,
    });
    // 5 pushes: 4, then 8 at the 5th push (4 elements moved).
    expect(growthCounters('vec-push', 5)).toEqual({ reallocations: 2, bytesCopied: 16, finalCapacity: 8 });
    expect(growthCounters('vec-push', 4)).toEqual({ reallocations: 1, bytesCopied: 0, finalCapacity: 4 });
    // reserve(n) on an empty vector: one allocation of max(n, 4), nothing copied.
    expect(growthCounters('vec-reserve', 1000)).toEqual({
      reallocations: 1,
      bytesCopied: 0,
      finalCapacity: 1000,
    });
    expect(growthCounters('vec-reserve', 3)).toEqual({ reallocations: 1, bytesCopied: 0, finalCapacity: 4 });
    expect(growthCounters('vec-with-capacity', 1000)).toEqual({
      reallocations: 0,
      bytesCopied: 0,
      finalCapacity: 1000,
    });
    for (const variant of ['array-push', 'array-preallocated'] as const) {
      expect(growthCounters(variant, 1000)).toEqual({
        reallocations: null,
        bytesCopied: null,
        finalCapacity: null,
      });
    }
  });

  it('vec-push follows the doubling model for any count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (n) => {
        const model = modelPushes(n);
        expect(growthCounters('vec-push', n)).toEqual({
          reallocations: model.reallocations,
          bytesCopied: model.bytesCopied,
          finalCapacity: model.capacity,
        });
      }),
      { numRuns: 60 },
    );
  });

  it('every kernel builds the same vector: sink = rounds × (n − 1 + n)', () => {
    for (const variant of VARIANT_IDS) {
      expect(variantKernel(variant, 10)(3)).toBe(3 * 19);
      expect(variantKernel(variant, 1)(2)).toBe(2 * 1);
    }
  });

  it('formats powers of ten with superscripts', () => {
    expect(formatCount(10_000_000)).toBe('10⁷');
    expect(formatCount(1000)).toBe('10³');
    expect(formatCount(5000)).toBe('5,000');
  });
});

describe('the simulated growth traffic', () => {
  it('emits the pushes and the reallocation copies exactly', () => {
    const accesses: [number, number, number][] = [];
    const sink = {
      access: (address: number, size: number, kind: number) => void accesses.push([address, size, kind]),
    };
    // 5 pushes without reserve: capacity 4 at 0x10000, then 8 at 0x10000 + 16 rounded up to 64 → 0x10040.
    expect(emitVecGrowth(sink, 'vec-push', 5, 4)).toEqual({ pushes: 5, reallocations: 2, elementsCopied: 4 });
    const store = (address: number): [number, number, number] => [address, 4, 1];
    const load = (address: number): [number, number, number] => [address, 4, 0];
    expect(accesses).toEqual([
      store(0x10000),
      store(0x10004),
      store(0x10008),
      store(0x1000c),
      ...[0, 4, 8, 12].flatMap((j) => [load(0x10000 + j), store(0x10040 + j)]),
      store(0x10050),
    ]);
  });

  it('agrees with Vec’s own counters and misses once per line when nothing is copied', () => {
    const counter = { access: () => {} };
    for (const n of [1, 4, 5, 1000, 4097]) {
      for (const variant of ['vec-push', 'vec-reserve', 'vec-with-capacity'] as const) {
        const traffic = emitVecGrowth(counter, variant, n, 4);
        expect(traffic.reallocations).toBe(growthCounters(variant, n).reallocations);
        expect(traffic.elementsCopied * 4).toBe(growthCounters(variant, n).bytesCopied);
      }
    }
    const config = hierarchyFromMachine(tinyMachine);
    const cold = simulate(config, null, (s) => void emitVecGrowth(s, 'vec-with-capacity', 1024, 4), 0);
    expect(cold.levels[0]).toMatchObject({ accesses: 1024, misses: 4096 / 64 });
  });
});

describe("the text's exercise", () => {
  it('follows Rust semantics step by step', () => {
    // capacity 4; push 5, 2, 1 (len 3); pop → 1 (len 2); push 42 (3), 350 (4);
    // push 1337: len 4 = capacity → max(2 × 4, 5, 4) = 8; push 1, 2, 5 (len 8);
    // push 10: len 8 = capacity → 16; pop × 8 → 10, 5, 2, 1, 1337, 350, 42, 2; len 1, capacity 16.
    const expected: [string, number | null, number, number, boolean][] = [
      ['with-capacity', 4, 0, 4, false],
      ['push', 5, 1, 4, false],
      ['push', 2, 2, 4, false],
      ['push', 1, 3, 4, false],
      ['pop', 1, 2, 4, false],
      ['push', 42, 3, 4, false],
      ['push', 350, 4, 4, false],
      ['push', 1337, 5, 8, true],
      ['push', 1, 6, 8, false],
      ['push', 2, 7, 8, false],
      ['push', 5, 8, 8, false],
      ['push', 10, 9, 16, true],
      ['pop', 10, 8, 16, false],
      ['pop', 5, 7, 16, false],
      ['pop', 2, 6, 16, false],
      ['pop', 1, 5, 16, false],
      ['pop', 1337, 4, 16, false],
      ['pop', 350, 3, 16, false],
      ['pop', 42, 2, 16, false],
      ['pop', 2, 1, 16, false],
    ];
    const steps = traceExercise();
    expect(steps.map((s) => [s.op, s.value, s.length, s.capacity, s.reallocated])).toEqual(expected);
    expect(steps.map((s) => s.step)).toEqual(expected.map((_, k) => k));
    expect(steps[11]!.contents).toBe('5 2 42 350 1337 1 2 5 10');
    expect(steps[19]!.contents).toBe('5');
  });
});

describe('vector-growth params', () => {
  it('rejects bad parameters with a UsageError naming them', () => {
    const good = VECTOR_GROWTH_DEFAULTS.quick;
    expect(() => checkVectorGrowthParams(good)).not.toThrow();
    expect(() => checkVectorGrowthParams(VECTOR_GROWTH_DEFAULTS.full)).not.toThrow();
    expect(() => checkVectorGrowthParams({ ...good, pushCounts: [] })).toThrow(UsageError);
    expect(() => checkVectorGrowthParams({ ...good, pushCounts: [0] })).toThrow(/pushCounts/);
    expect(() => checkVectorGrowthParams({ ...good, pushCounts: [2 ** 30] })).toThrow(/pushCounts/);
    expect(() => checkVectorGrowthParams({ ...good, samples: 0 })).toThrow(/samples/);
    expect(() => checkVectorGrowthParams({ ...good, maxTimeMsPerPoint: 1.5 })).toThrow(UsageError);
    expect(() => checkVectorGrowthParams({ ...good, simulatedPushesMax: -1 })).toThrow(/simulatedPushesMax/);
  });
});

const tinyMachine: MachineInfo = {
  name: 'tiny',
  source: 'preset',
  cpuModel: 'test',
  cpus: 1,
  numaNodes: 1,
  pageBytes: 4096,
  transparentHugePages: null,
  caches: [{ level: 1, type: 'data', sizeBytes: 4096, lineBytes: 64, ways: 4, sets: 16, sharedByCpus: [0] }],
  notes: [],
};

describe('vector-growth experiment, end to end with tiny params', () => {
  it('measures every variant, records the exercise, explains and charts', async () => {
    const params = { pushCounts: [1000, 5000], samples: 2, maxTimeMsPerPoint: 20, simulatedPushesMax: 1000 };
    const result = await vectorGrowthExperiment.run(
      { machine: tinyMachine, quick: true, seed: 1, progress: () => {}, log: () => {} },
      params,
    );
    const growth = result.points.filter((p) => p.section === 'growth');
    expect(growth).toHaveLength(2 * VARIANT_IDS.length);
    for (const point of growth) expect(point.nsPerPush).toBeGreaterThan(0);
    const push5000 = growth.find((p) => p.variant === 'vec-push' && p.pushes === 5000)!;
    expect(push5000.reallocations).toBe(modelPushes(5000).reallocations);
    expect(push5000.bytesCopied).toBe(modelPushes(5000).bytesCopied);
    expect(growth.find((p) => p.variant === 'array-push')!.bytesCopied).toBeNull();
    expect(result.points.filter((p) => p.section === 'exercise')).toHaveLength(20);

    const summary = result.summary as unknown as VectorGrowthSummary;
    expect(summary.largest).toMatchObject({ pushes: 5000, reallocations: 12, finalCapacity: 8192 });
    expect(summary.exercise.reallocations).toEqual([
      { step: 7, value: 1337, capacityBefore: 4, capacityAfter: 8, elementsCopied: 4 },
      { step: 11, value: 10, capacityBefore: 8, capacityAfter: 16, elementsCopied: 8 },
    ]);
    expect(summary.comparisons).toHaveLength(2);
    // Simulated up to 1000 pushes only; 1000 pushes without reserve: 1000 stores + 1020 copies × 2.
    expect(growth.find((p) => p.variant === 'vec-push' && p.pushes === 1000)!.simulatedAccessesPerPush).toBe(
      3.04,
    );
    expect(push5000.simulatedAccessesPerPush).toBeNull();
    expect(summary.simulatedCopyTraffic).toMatchObject({ pushes: 1000, withCapacityAccessesPerPush: 1 });

    const sentences = vectorGrowthExperiment.explain(result);
    expect(sentences.some((s) => /^5,000 pushes without reserve: 12 reallocations copied /.test(s))).toBe(
      true,
    );
    expect(sentences.some((s) => /step 7 \(push 1337\).*capacity 4 to 8/.test(s))).toBe(true);
    const charts = vectorGrowthExperiment.charts(result);
    expect(charts).toHaveLength(3);
    for (const chart of charts) expect(() => compile(chart.vegaLite as never)).not.toThrow();
  });
});
