import fc from 'fast-check';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { machineByName, machineForSimulation } from '../../machine/index.js';
import type { MachineInfo } from '../../machine/types.js';
import { UsageError } from '../../util/errors.js';
import {
  buildLineSizeStream,
  chaseWords,
  checkLineSizeParams,
  chunkCount,
  detectLineSize,
  LINE_SIZE_DEFAULTS,
  type LineSizeSummary,
  lineSizeExperiment,
  naiveBuffer,
  naiveKernel,
  simulatedKnee,
  stridedSum,
  strideSweep,
  withLineBytes,
} from './index.js';

const STRIDES = [4, 8, 16, 32, 64, 128, 256, 512];

/**
 * The cost shape the method produces for a line of `lineBytes` (see stream.ts), from a toy
 * model independent of the code: misses grow as fewer loads share a line, peak at the line,
 * fall once the footprint (1.5 × L1d at the line) halves below L1d.
 */
function modelCost(strideBytes: number, lineBytes: number): number {
  const hitNs = 1.5;
  const missNs = 3;
  const footprintOverL1 = (1.5 * lineBytes) / Math.max(strideBytes, lineBytes);
  const sharing = Math.max(1, lineBytes / strideBytes);
  const missRate = footprintOverL1 <= 1 ? 0.05 : 1 - (1 - 1 / footprintOverL1) * (1 - 1 / sharing) - 0.1;
  return hitNs + missNs * missRate;
}

const curve = (costs: readonly number[]) =>
  STRIDES.map((strideBytes, k) => ({ strideBytes, cost: costs[k]! }));

describe('doc examples', () => {
  it('detectLineSize and buildLineSizeStream do what their TSDoc says', () => {
    const cost = { 4: 5, 8: 5.2, 16: 5.6, 32: 6.4, 64: 8, 128: 6, 256: 3, 512: 2 };
    expect(
      detectLineSize(Object.entries(cost).map(([s, c]) => ({ strideBytes: Number(s), cost: c }))).lineBytes,
    ).toBe(64);
    const stepped = [4, 8, 16, 32, 64, 128, 256].map((s) => ({
      strideBytes: s,
      cost: s <= 64 ? 10 : 640 / s + 2,
    }));
    expect(detectLineSize(stepped).lineBytes).toBe(64); // a flat top ends at its last stride
    expect(buildLineSizeStream(64, 512, 8, 1).order.length).toBe(64);
  });
});

describe('detectLineSize', () => {
  it('finds 64 B and 128 B on model curves, with ±4% noise', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(64, 128),
        fc.array(fc.double({ min: -0.04, max: 0.04, noNaN: true }), {
          minLength: STRIDES.length,
          maxLength: STRIDES.length,
        }),
        (line, noise) => {
          const costs = STRIDES.map((s, k) => modelCost(s, line) * (1 + noise[k]!));
          expect(detectLineSize(curve(costs)).lineBytes).toBe(line);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds the knee of the curve measured on the 2-vCPU EPYC (fastest samples, ns)', () => {
    const measured = [2.99, 3.2, 3.34, 3.54, 4.33, 2.87, 1.67, 1.68];
    const knee = detectLineSize(curve(measured));
    expect(knee.lineBytes).toBe(64);
    expect(knee.dropRatio).toBeCloseTo(2.87 / 4.33, 6);
  });

  it('puts the knee at the end of a flat, noisy top', () => {
    const top = [4.3, 4.25, 4.4, 4.38, 4.36, 3.0, 1.9, 1.7];
    expect(detectLineSize(curve(top)).lineBytes).toBe(64);
    const flatTo128 = [4.3, 4.3, 4.35, 4.4, 4.36, 4.3, 1.9, 1.7];
    expect(detectLineSize(curve(flatTo128)).lineBytes).toBe(128);
  });

  it('is not fooled by a prefetch step on the rise', () => {
    // A prefetcher hiding misses at small strides makes the rise steeper in one place.
    const costs = STRIDES.map((s) => modelCost(s, 64) * (s <= 16 ? 0.7 : 1));
    expect(detectLineSize(curve(costs)).lineBytes).toBe(64);
  });

  it('finds no line on a naive sequential sweep, where prefetch makes cost rise past the line', () => {
    // ns per access of a sequential strided sweep over a buffer larger than L2: a streaming
    // prefetcher hides misses up to 64 B, the cost jumps at 128 B and keeps rising.
    const naive = [0.5, 0.7, 1.1, 1.9, 2.6, 9.5, 14, 18];
    expect(detectLineSize(curve(naive))).toEqual({ lineBytes: null, peakCost: null, dropRatio: null });
  });

  it('rejects a lone dip and a flat curve', () => {
    // A peak at 64 B, a dip at 128 B, then back up: one low point is no knee.
    const dip = [4, 4.2, 4.4, 4.6, 5.4, 4, 5.2, 5];
    expect(detectLineSize(curve(dip)).lineBytes).toBeNull();
    expect(detectLineSize(curve(STRIDES.map(() => 3))).lineBytes).toBeNull();
  });

  it('rejects unsorted or non-finite curves', () => {
    expect(() =>
      detectLineSize([
        { strideBytes: 8, cost: 1 },
        { strideBytes: 4, cost: 1 },
      ]),
    ).toThrow(RangeError);
    expect(() => detectLineSize([{ strideBytes: 4, cost: Number.NaN }])).toThrow(RangeError);
  });
});

describe('buildLineSizeStream', () => {
  it('touches offsets 0, s, 2s, … of every chunk once, in one cycle the chase follows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        (chunkLog, strideShift, chunks, seed) => {
          const chunkBytes = 4 << chunkLog;
          const strideBytes = Math.min(chunkBytes, 4 << strideShift);
          const stream = buildLineSizeStream(strideBytes, chunkBytes, chunks, seed);
          const chunkWords = chunkBytes / 4;
          const slotWords = 2 * chunkWords + 1;
          // Model: per chunk, a start inside the first half of its slot, then every stride.
          const byChunk = new Map<number, number[]>();
          for (const word of stream.order) {
            const chunk = Math.floor(word / slotWords);
            byChunk.set(chunk, [...(byChunk.get(chunk) ?? []), word]);
          }
          expect(byChunk.size).toBe(chunks);
          for (const [chunk, words] of byChunk) {
            words.sort((a, b) => a - b);
            const start = words[0]!;
            expect(start - chunk * slotWords).toBeLessThan(chunkWords);
            expect(words).toEqual(words.map((_, k) => start + (k * strideBytes) / 4));
            expect(words.length).toBe(chunkBytes / strideBytes);
          }
          // The chase visits the order, and returns to its start after one full cycle.
          const n = stream.order.length;
          let p = stream.order[0]!;
          for (let i = 1; i < n; i++) {
            p = chaseWords(stream.words, p, 1);
            expect(p).toBe(stream.order[i]);
          }
          expect(chaseWords(stream.words, stream.order[0]!, n)).toBe(stream.order[0]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('touches one new line per access past the line, and all of each chunk before', () => {
    const chunks = 50;
    for (const line of [32, 64, 128]) {
      for (const stride of STRIDES) {
        const stream = buildLineSizeStream(stride, 512, chunks, 7);
        const lines = new Set(Array.from(stream.order, (word) => Math.floor((word * 4) / line)));
        if (stride >= line) expect(lines.size).toBe(stream.order.length);
        else {
          // Every line a chunk overlaps, give or take its two partial ends.
          expect(lines.size).toBeGreaterThanOrEqual((chunks * 512) / line - chunks);
          expect(lines.size).toBeLessThanOrEqual((chunks * 512) / line + chunks);
        }
      }
    }
  });

  it('rejects strides that do not divide the chunk', () => {
    expect(() => buildLineSizeStream(12, 512, 4, 1)).toThrow(RangeError);
    expect(() => buildLineSizeStream(2, 512, 4, 1)).toThrow(RangeError);
    expect(() => buildLineSizeStream(64, 512, 0, 1)).toThrow(RangeError);
  });
});

/** A machine small enough that the end-to-end run stays quick: 4 KiB L1, 16 KiB L2, 64 KiB L3. */
const tinyMachine: MachineInfo = {
  name: 'tiny',
  source: 'preset',
  cpuModel: 'test',
  cpus: 1,
  numaNodes: 1,
  pageBytes: 4096,
  transparentHugePages: null,
  caches: [
    { level: 1, type: 'data', sizeBytes: 4096, lineBytes: 64, ways: 4, sets: 16, sharedByCpus: [0] },
    { level: 2, type: 'unified', sizeBytes: 16384, lineBytes: 64, ways: 0, sets: 0, sharedByCpus: [0] },
    { level: 3, type: 'unified', sizeBytes: 65536, lineBytes: 64, ways: 16, sets: 64, sharedByCpus: [0] },
  ],
  notes: [],
};

describe('the simulated knee follows the line size', () => {
  const sweep = (machine: MachineInfo) => {
    const l1 = machine.caches.find((c) => c.level === 1 && c.type !== 'instruction')!;
    const chunks = chunkCount(l1.sizeBytes, LINE_SIZE_DEFAULTS.quick.footprintL1Multiple, 512);
    return simulatedKnee(
      machine,
      STRIDES.map((s) => buildLineSizeStream(s, 512, chunks, 3)),
      50_000,
    );
  };

  it('on a tiny machine with 32-, 64- and 128-B lines', () => {
    for (const line of [32, 64, 128]) {
      const machine = machineForSimulation(withLineBytes(tinyMachine, line)).machine;
      expect(sweep(machine).knee.lineBytes).toBe(line);
    }
  });

  it('on the Apple M1 preset (128-B lines) and the Athlon preset (64-B lines)', () => {
    for (const name of ['apple-m1', 'athlon']) {
      const machine = machineForSimulation(machineByName(name)).machine;
      const line = machine.caches.find((c) => c.level === 1 && c.type !== 'instruction')!.lineBytes;
      const { knee, missesPerAccess } = sweep(machine);
      expect(knee.lineBytes).toBe(line);
      // Every load misses most at the line; at four times the line the loop fits L1d.
      const atLine = missesPerAccess[STRIDES.indexOf(line)]!;
      expect(atLine).toBeGreaterThan(0.6);
      expect(missesPerAccess[STRIDES.indexOf(line * 4)]!).toBeLessThan(atLine / 2);
    }
  });
});

describe('the naive sweep', () => {
  it('sums the words at start, start + stride, … wrapping, like a plain loop', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 500 }),
        (strideLog, start, count) => {
          const data = naiveBuffer(1024, 1); // 4 KiB, the smallest buffer
          for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 1000;
          const strideWords = 1 << strideLog;
          const from = (start * strideWords) % data.length;
          let expected = 0;
          for (let i = 0; i < count; i++)
            expected = (expected + data[(from + i * strideWords) % data.length]!) | 0;
          expect(stridedSum(data, strideWords, from, count)).toBe(expected);
        },
      ),
    );
    const data = naiveBuffer(1024 ** 2, 4);
    expect(data.length * 4).toBe(4 * 1024 ** 2);
    const kernel = naiveKernel(data, 64);
    expect(kernel(10) + kernel(10)).toBe(20); // all ones, carrying on across calls
  });
});

describe('line-size params', () => {
  it('rejects bad parameters with a UsageError naming them', () => {
    const good = LINE_SIZE_DEFAULTS.quick;
    expect(() => checkLineSizeParams(good)).not.toThrow();
    expect(() => checkLineSizeParams(LINE_SIZE_DEFAULTS.full)).not.toThrow();
    expect(() => checkLineSizeParams({ ...good, minStrideBytes: 6 })).toThrow(/minStrideBytes.*power of two/);
    expect(() => checkLineSizeParams({ ...good, minStrideBytes: 2 })).toThrow(UsageError);
    expect(() => checkLineSizeParams({ ...good, maxStrideBytes: 8 })).toThrow(/maxStrideBytes/);
    expect(() => checkLineSizeParams({ ...good, footprintL1Multiple: 1 })).toThrow(/footprintL1Multiple/);
    expect(() => checkLineSizeParams({ ...good, rounds: 0 })).toThrow(/rounds/);
    expect(() => checkLineSizeParams({ ...good, samples: 2.5 })).toThrow(/samples/);
    expect(strideSweep(good)).toEqual(STRIDES);
  });
});

describe('line-size experiment, end to end on a tiny machine', () => {
  it('measures every stride, simulates it, and explains and charts the result', async () => {
    const params = { ...LINE_SIZE_DEFAULTS.quick, rounds: 2, samples: 3, simulatedAccessesMax: 5000 };
    await expect(
      lineSizeExperiment.run(
        { machine: tinyMachine, quick: true, seed: 1, progress: () => {}, log: () => {} },
        { ...params, rounds: 0 },
      ),
    ).rejects.toThrow(UsageError);
    const logged: string[] = [];
    const result = await lineSizeExperiment.run(
      { machine: tinyMachine, quick: true, seed: 1, progress: () => {}, log: (l) => logged.push(l) },
      params,
    );
    expect(result.points.map((p) => p.strideBytes)).toEqual(STRIDES);
    for (const point of result.points) {
      expect(point.measuredNs).toBeGreaterThan(0);
      expect(point.predictedNs).toBeGreaterThan(0);
      expect(['memory-bound', 'compute-bound']).toContain(point.verdict);
      expect(point.accessesPerChunk).toBe(512 / Number(point.strideBytes));
      expect(point.naiveNs).toBeGreaterThan(0);
    }
    const summary = result.summary as unknown as LineSizeSummary;
    expect(summary.roundLineBytes).toHaveLength(2);
    expect(summary.simulatedKneeBytes).toBe(64);
    expect(summary.doubledKneeBytes).toBe(128);
    expect(summary.naiveBufferBytes).toBe(64 * 1024); // 4 × the 16-KiB L2
    expect(STRIDES).toContain(summary.naiveStepFromBytes);
    expect(summary.chunks).toBe(chunkCount(4096, params.footprintL1Multiple, 512));
    expect(logged.some((l) => l.includes('associativity of L2'))).toBe(true);
    const sentences = lineSizeExperiment.explain(result);
    expect(sentences.some((s) => s.includes('simulated knee moves to 128 B'))).toBe(true);
    for (const chart of lineSizeExperiment.charts(result)) {
      expect(() => compile(chart.vegaLite as never)).not.toThrow();
    }
  });
});
