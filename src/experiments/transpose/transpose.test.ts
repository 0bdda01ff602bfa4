import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { MachineInfo } from '../../machine/types.js';
import { UsageError } from '../../util/errors.js';
import { checkTransposeParams, TRANSPOSE_DEFAULTS, transposeExperiment } from './index.js';

const tinyMachine: MachineInfo = {
  name: 'tiny',
  source: 'preset',
  cpuModel: 'test',
  cpus: 1,
  numaNodes: 1,
  pageBytes: 4096,
  transparentHugePages: null,
  caches: [
    // Fully associative: power-of-two row strides would otherwise map a tile's lines to one set.
    { level: 1, type: 'data', sizeBytes: 4096, lineBytes: 64, ways: 64, sets: 1, sharedByCpus: [0] },
    { level: 2, type: 'unified', sizeBytes: 32768, lineBytes: 64, ways: 8, sets: 64, sharedByCpus: [0] },
  ],
  notes: [],
};

describe('transpose experiment', () => {
  it('times and simulates every variant; tiles cut the simulated misses of a matrix larger than L1', async () => {
    const result = await transposeExperiment.run(
      { machine: tinyMachine, quick: true, seed: 1, progress: () => {}, log: () => {} },
      { edges: [16, 128], blockBytes: 512, samples: 1, simulateMaxEdge: 128 },
    );
    expect(result.points).toHaveLength(6);
    const at = (variant: string) => result.points.find((p) => p.edge === 128 && p.variant === variant)!;
    // 128² f64 = 128 KiB per matrix, far above the 4 KiB L1.
    const naive = Number(at('naive').L1dMissesPerAccess);
    expect(naive).toBeGreaterThan(0.5); // every destination write misses, plus 1/8 of the reads
    expect(Number(at('blocked').L1dMissesPerAccess)).toBeLessThan(naive / 3);
    expect(Number(at('cache-oblivious').L1dMissesPerAccess)).toBeLessThan(naive / 3);
    // 16² f64 = 2 KiB: both matrices fit L1 after the compulsory misses, whatever the order.
    const small = result.points.filter((p) => p.edge === 16).map((p) => Number(p.L1dMissesPerAccess));
    expect(Math.max(...small)).toBeCloseTo(64 / 512, 5); // 2 × 32 lines over 512 accesses
    for (const point of result.points) {
      expect(Number(point.nsPerElement)).toBeGreaterThan(0);
      expect(['memory-bound', 'compute-bound']).toContain(point.verdict);
    }
    expect(transposeExperiment.explain(result).join('\n')).toMatch(
      /128² f64 \(128 KiB per matrix\): blocked is/,
    );
    for (const chart of transposeExperiment.charts(result))
      expect(() => compile(chart.vegaLite as never)).not.toThrow();
  });

  it('leaves matrices above simulateMaxEdge unsimulated, saying so', async () => {
    const result = await transposeExperiment.run(
      { machine: tinyMachine, quick: true, seed: 1, progress: () => {}, log: () => {} },
      { edges: [32], blockBytes: 512, samples: 1, simulateMaxEdge: 16 },
    );
    expect(result.points.every((p) => p.predictedNs === null && /not simulated/.test(String(p.reason)))).toBe(
      true,
    );
  });

  it('rejects bad parameters', () => {
    expect(() => checkTransposeParams(TRANSPOSE_DEFAULTS.quick)).not.toThrow();
    expect(() => checkTransposeParams({ ...TRANSPOSE_DEFAULTS.quick, edges: [] })).toThrow(UsageError);
    expect(() => checkTransposeParams({ ...TRANSPOSE_DEFAULTS.quick, edges: [1] })).toThrow(/edges/);
    expect(() => checkTransposeParams({ ...TRANSPOSE_DEFAULTS.quick, blockBytes: -8 })).toThrow(/blockBytes/);
  });
});
