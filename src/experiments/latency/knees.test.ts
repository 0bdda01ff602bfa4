import { describe, expect, it } from 'vitest';
import type { CacheInfo } from '../../machine/types.js';
import { Random } from '../../util/random.js';
import { type CurvePoint, detectKnees } from './knees.js';
import { levelsFromCurves, nameLevels, windowLatency } from './levels.js';

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * A synthetic curve from the textbook model of a random chase through inclusive LRU caches:
 * a working set W hits a level of size C with probability min(1, C / W).
 * `levels`: [sizeBytes, latencyNs] smallest first; `memoryNs` beyond the last.
 */
function modelCurve(
  levels: readonly [number, number][],
  memoryNs: number,
  fromBytes = 4 * KIB,
  toBytes = 256 * MIB,
  pointsPerOctave = 4,
): CurvePoint[] {
  const curve: CurvePoint[] = [];
  for (let k = 0; fromBytes * 2 ** (k / pointsPerOctave) <= toBytes * 1.0001; k++) {
    const size = Math.round(fromBytes * 2 ** (k / pointsPerOctave));
    curve.push({ sizeBytes: size, latencyNs: modelLatency(levels, memoryNs, size) });
  }
  return curve;
}

function modelLatency(levels: readonly [number, number][], memoryNs: number, sizeBytes: number): number {
  let covered = 0;
  let latency = 0;
  for (const [capacity, ns] of levels) {
    const hit = Math.min(1, capacity / sizeBytes);
    latency += (hit - covered) * ns;
    covered = hit;
  }
  return latency + (1 - covered) * memoryNs;
}

/** The latency a level shows on the model curve: its value at the level's size. */
const levelLatency = (i: number): number => modelLatency(THREE_LEVELS, 90, THREE_LEVELS[i]![0]);

function cache(level: number, sizeBytes: number): CacheInfo {
  return {
    level,
    type: level === 1 ? 'data' : 'unified',
    sizeBytes,
    lineBytes: 64,
    ways: 8,
    sets: sizeBytes / 64 / 8,
    sharedByCpus: [0],
  };
}

const THREE_LEVELS: [number, number][] = [
  [48 * KIB, 1.2],
  [1 * MIB, 4],
  [32 * MIB, 12],
];

function expectNear(actual: number, expected: number, factor: number): void {
  expect(actual).toBeGreaterThanOrEqual(expected / factor);
  expect(actual).toBeLessThanOrEqual(expected * factor);
}

describe('detectKnees', () => {
  it('finds the three levels of a clean curve, each at its size and latency', () => {
    const result = detectKnees(modelCurve(THREE_LEVELS, 90));
    expect(result.levels).toHaveLength(3);
    THREE_LEVELS.forEach(([size], i) => {
      expectNear(result.levels[i]!.sizeBytes, size, 1.2);
      expectNear(result.levels[i]!.latencyNs, levelLatency(i), 1.15);
    });
    const curve = modelCurve(THREE_LEVELS, 90);
    expectNear(result.beyondLatencyNs!, curve[curve.length - 1]!.latencyNs, 1.1);
  });

  it('finds the same levels through ±8% multiplicative noise (2 and 4 points per octave, 40 seeds each)', () => {
    for (let seed = 1; seed <= 80; seed++) {
      const clean = modelCurve(THREE_LEVELS, 90, 4 * KIB, 256 * MIB, seed <= 40 ? 2 : 4);
      const random = new Random(seed);
      const noisy = clean.map((p) => ({ ...p, latencyNs: p.latencyNs * (0.92 + 0.16 * random.next()) }));
      const result = detectKnees(noisy);
      expect(result.levels).toHaveLength(3);
      THREE_LEVELS.forEach(([size], i) => {
        expectNear(result.levels[i]!.sizeBytes, size, 1.5);
        expectNear(result.levels[i]!.latencyNs, levelLatency(i), 1.2);
      });
    }
  });

  it('ignores a single spike inside a plateau', () => {
    const curve = modelCurve(THREE_LEVELS, 90);
    const spiked = curve.map((p, i) => (i === 3 ? { ...p, latencyNs: p.latencyNs * 5 } : p));
    expect(detectKnees(spiked).levels.map((l) => l.sizeBytes)).toEqual(
      detectKnees(curve).levels.map((l) => l.sizeBytes),
    );
  });

  it('does not let one noisy point just below the knee pull the knee early', () => {
    const latencies = [1, 1, 1, 1, 1, 1, 1.3, 1, 4, 4, 4, 4, 4, 4];
    const curve = latencies.map((ns, k) => ({ sizeBytes: Math.round(4096 * 2 ** (k / 2)), latencyNs: ns }));
    expect(detectKnees(curve).levels.map((l) => l.sizeBytes)).toEqual([curve[7]!.sizeBytes]);
  });

  it('finds two levels on a machine without L3', () => {
    const result = detectKnees(modelCurve(THREE_LEVELS.slice(0, 2), 80, 4 * KIB, 16 * MIB));
    expect(result.levels).toHaveLength(2);
    expectNear(result.levels[0]!.sizeBytes, 48 * KIB, 1.2);
    expectNear(result.levels[1]!.sizeBytes, MIB, 1.2);
    const named = nameLevels(result.levels, [cache(1, 48 * KIB), cache(2, MIB)]);
    expect(named.map((l) => l.name)).toEqual(['L1d', 'L2']);
  });

  it('returns no level for a flat curve, whose latency is what lies beyond', () => {
    const flat = [1, 2, 3, 4, 5].map((k) => ({ sizeBytes: k * 4096, latencyNs: 2 }));
    expect(detectKnees(flat)).toEqual({ levels: [], beyondLatencyNs: 2 });
  });

  it('gives no beyond-latency when the curve stops within two windows of its last knee', () => {
    const curve = (latencies: number[]) =>
      latencies.map((ns, k) => ({ sizeBytes: 4096 * 2 ** k, latencyNs: ns }));
    expect(detectKnees(curve([1, 1, 1, 1, 8]))).toEqual({
      levels: [{ sizeBytes: 32768, latencyNs: 1 }],
      beyondLatencyNs: null,
    });
    expect(detectKnees(curve([1, 1, 1, 1, 8, 8, 8])).beyondLatencyNs).toBe(8);
  });

  it('does what its documentation example says', () => {
    const curve = [4, 8, 16, 32, 64, 128, 256, 512].map((kib) => ({
      sizeBytes: kib * 1024,
      latencyNs: kib <= 32 ? 1 : 80,
    }));
    expect(detectKnees(curve)).toEqual({ levels: [{ sizeBytes: 32768, latencyNs: 1 }], beyondLatencyNs: 80 });
  });

  it('rejects unsorted or non-positive curves', () => {
    expect(() =>
      detectKnees([
        { sizeBytes: 8, latencyNs: 1 },
        { sizeBytes: 4, latencyNs: 1 },
      ]),
    ).toThrow(RangeError);
    expect(() => detectKnees([{ sizeBytes: 8, latencyNs: 0 }])).toThrow(/positive/);
  });
});

describe('nameLevels', () => {
  const caches = [cache(1, 48 * KIB), cache(2, MIB), cache(3, 32 * MIB)];

  it('reports each level as a ratio to its known size', () => {
    const named = nameLevels(detectKnees(modelCurve(THREE_LEVELS, 90)).levels, caches);
    expect(named.map((l) => l.name)).toEqual(['L1d', 'L2', 'L3']);
    for (const level of named) {
      expect(level.kind).toBe('cache');
      expect(level.sizeRatio).toBeCloseTo(level.sizeBytes / level.knownSizeBytes!, 12);
      expectNear(level.sizeRatio!, 1, 1.2);
    }
  });

  it('calls a step that the page-local curve lacks a TLB step, and still matches the caches', () => {
    // A 2 MiB L2; the random curve pays up to 4 ns more per access past 512 KiB (a page walk past the TLB's
    // reach: a fraction 512K/W of pages still hit it), inside the L2 plateau. The page-local
    // curve, which changes page every 64 accesses, does not.
    const levels: [number, number][] = [
      [48 * KIB, 1.2],
      [2 * MIB, 4],
      [32 * MIB, 12],
    ];
    const pageLocal = modelCurve(levels, 90);
    const random = pageLocal.map((p) => ({
      ...p,
      latencyNs: p.latencyNs + 4 * Math.max(0, 1 - (512 * KIB) / p.sizeBytes),
    }));
    const randomLevels = detectKnees(random).levels;
    const named = nameLevels(
      randomLevels,
      [cache(1, 48 * KIB), cache(2, 2 * MIB), cache(3, 32 * MIB)],
      detectKnees(pageLocal).levels,
    );
    expect(named.map((l) => l.kind)).toEqual(['cache', 'tlb', 'cache', 'cache']);
    expect(named.map((l) => l.name)).toEqual(['L1d', null, 'L2', 'L3']);
    expectNear(named[1]!.sizeBytes, 512 * KIB, 1.2);
    expectNear(named[2]!.sizeRatio!, 1, 1.2);
  });

  it('leaves levels unnamed when the machine lists no caches', () => {
    const named = nameLevels(detectKnees(modelCurve(THREE_LEVELS, 90)).levels, []);
    expect(named.every((l) => l.name === null && l.kind === 'unexplained' && l.sizeRatio === null)).toBe(
      true,
    );
  });
});

describe('levelsFromCurves', () => {
  const levels: [number, number][] = [
    [48 * KIB, 1.2],
    [2 * MIB, 4],
    [32 * MIB, 12],
  ];
  const caches = [cache(1, 48 * KIB), cache(2, 2 * MIB), cache(3, 32 * MIB)];
  const pageLocal = modelCurve(levels, 90);
  // Past 512 KiB the random order also pays page walks (up to 4 ns), which the page-local
  // order does not: the random curve leaves the L2 plateau early.
  const random = pageLocal.map((p) => ({
    ...p,
    latencyNs: p.latencyNs + 4 * Math.max(0, 1 - (512 * KIB) / p.sizeBytes),
  }));

  it('takes cache sizes from the page-local curve, latencies from the random one, and adds TLB steps', () => {
    const named = levelsFromCurves(random, pageLocal, caches);
    expect(named.map((l) => [l.kind, l.name])).toEqual([
      ['cache', 'L1d'],
      ['tlb', null],
      ['cache', 'L2'],
      ['cache', 'L3'],
    ]);
    for (const level of named.filter((l) => l.kind === 'cache')) {
      expectNear(level.sizeRatio!, 1, 1.2);
      expect(level.latencyNs).toBe(windowLatency(random, level.sizeBytes));
    }
  });

  it('names the random curve directly without a page-local curve', () => {
    expect(levelsFromCurves(random, null, caches)).toEqual(nameLevels(detectKnees(random).levels, caches));
    expect(windowLatency([], 4096)).toBeNull();
  });
});
