import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { NDArray } from '../../collections/index.js';
import type { MachineInfo } from '../../machine/types.js';
import { i32, Sandbox } from '../../sandbox/index.js';
import { UsageError } from '../../util/errors.js';
import {
  checkMultidimParams,
  elementWiseSweeps,
  flatColumnMajorSweeps,
  flatRowMajorSweeps,
  MULTIDIM_DEFAULTS,
  multidimExperiment,
  ndarraySweeps,
  nestedSweeps,
  stackSweeps,
  typedRowsSweeps,
} from './index.js';

const tinyMachine: MachineInfo = {
  name: 'tiny',
  source: 'preset',
  cpuModel: 'test',
  cpus: 1,
  numaNodes: 1,
  pageBytes: 4096,
  transparentHugePages: null,
  caches: [
    { level: 1, type: 'data', sizeBytes: 4096, lineBytes: 64, ways: 64, sets: 1, sharedByCpus: [0] },
    { level: 2, type: 'unified', sizeBytes: 65536, lineBytes: 64, ways: 16, sets: 64, sharedByCpus: [0] },
  ],
  notes: [],
};

describe('multidim kernels', () => {
  it('every layout computes the same sum and leaves every element at `sweeps`', () => {
    const n = 5;
    const sweeps = 3;
    // Model: each sweep adds 1 to every element and sums the new values.
    let expected = 0;
    for (let s = 1; s <= sweeps; s++) expected += s * n * n * n;
    const nested = Array.from({ length: n }, () =>
      Array.from({ length: n }, () => new Array<number>(n).fill(0)),
    );
    expect(nestedSweeps(nested, n, sweeps)).toBe(expected);
    expect(nested.flat(2).every((v) => v === sweeps)).toBe(true);
    const rows = Array.from({ length: n }, () => Array.from({ length: n }, () => new Int32Array(n)));
    expect(typedRowsSweeps(rows, n, sweeps)).toBe(expected);
    for (const sweep of [
      (d: Int32Array) => flatRowMajorSweeps(d, n, sweeps),
      (d: Int32Array) => flatColumnMajorSweeps(d, n, sweeps),
      (d: Int32Array) => elementWiseSweeps(d, sweeps),
    ]) {
      const flat = new Int32Array(n * n * n);
      expect(sweep(flat)).toBe(expected);
      expect(flat.every((v) => v === sweeps)).toBe(true);
    }
    expect(ndarraySweeps(NDArray.zeros(Int32Array, [n, n, n]), n, sweeps)).toBe(expected);
    const sandbox = new Sandbox({ sanitize: false, stackBytes: 64 * 1024 });
    sandbox.call('multi_array', (frame) => {
      const data = frame.local(i32, n * n * n, 'data');
      for (let i = 0; i < n * n * n; i++) data.setAt(i, 0);
      expect(stackSweeps(data, n, sweeps)).toBe(expected);
    });
  });
});

describe('multidim experiment', () => {
  it('runs every layout, overflows the stack for cubes beyond it, and simulates the flat ones', async () => {
    const params = { edges: [4, 16, 32], iterations: 1, samples: 1, stackBytes: 16 * 1024 };
    const result = await multidimExperiment.run(
      { machine: tinyMachine, quick: true, seed: 1, progress: () => {}, log: () => {} },
      params,
    );
    expect(result.points).toHaveLength(3 * 7);
    // 16³ Int32 = 16 KiB: exactly the stack, which also holds the frame: overflow, like 32³.
    expect(result.summary.stackOverflowAtEdges).toEqual([16, 32]);
    const stack = result.points.filter((p) => p.variant === 'stack-multi-array');
    expect(stack.map((p) => p.status)).toEqual(['ok', 'stack-overflow', 'stack-overflow']);
    expect(String(stack[1]!.error)).toMatch(/stack-overflow/);
    const at = (variant: string) => result.points.find((p) => p.edge === 32 && p.variant === variant)!;
    // 32³ Int32 = 128 KiB: row-major misses once per 16 elements; column-major (stride 4 KiB) every time.
    expect(at('flat-row-major').L1dMissesPerAccess).toBeCloseTo(1 / 16, 4);
    expect(at('flat-column-major').L1dMissesPerAccess).toBe(1);
    expect(at('nested-arrays').reason).toMatch(/not simulated/);
    expect(result.points.filter((p) => p.status === 'ok').every((p) => Number(p.measuredNs) > 0)).toBe(true);
    const sentences = multidimExperiment.explain(result).join('\n');
    expect(sentences).toMatch(/overflowed the 16 KiB stack at 16³ \(16 KiB\) and 32³ \(128 KiB\)/);
    for (const chart of multidimExperiment.charts(result))
      expect(() => compile(chart.vegaLite as never)).not.toThrow();
  });

  it('the default 1 MiB stack overflows at 64³ and 128³, as in the text', () => {
    expect(MULTIDIM_DEFAULTS.quick.stackBytes).toBe(1024 * 1024);
    const fits = (n: number) => {
      const sandbox = new Sandbox({ sanitize: false, stackBytes: MULTIDIM_DEFAULTS.quick.stackBytes });
      try {
        sandbox.call('multi_array', (frame) => frame.local(i32, n * n * n, 'data'));
        return true;
      } catch {
        return false;
      }
    };
    expect([16, 32, 64, 128].map(fits)).toEqual([true, true, false, false]);
  });

  it('rejects bad parameters', () => {
    expect(() => checkMultidimParams(MULTIDIM_DEFAULTS.full)).not.toThrow();
    expect(() => checkMultidimParams({ ...MULTIDIM_DEFAULTS.full, edges: [] })).toThrow(UsageError);
    expect(() => checkMultidimParams({ ...MULTIDIM_DEFAULTS.full, stackBytes: 10 })).toThrow(/stackBytes/);
  });
});
