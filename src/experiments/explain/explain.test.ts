import { describe, expect, it } from 'vitest';
import { cachegrindConfig } from '../../cache/index.js';
import { machineForSimulation } from '../../machine/index.js';
import type { MachineInfo } from '../../machine/types.js';
import { AccessKind } from '../../trace/index.js';
import { judge, predictNs } from './predict.js';
import { emitIndexed, isSampled, type SimulatedTraffic, simulate } from './simulate.js';

const traffic: SimulatedTraffic = {
  simulatedAccesses: 100,
  realAccesses: 1000,
  levels: [
    { name: 'L1d', accesses: 100, hits: 60, misses: 40 },
    { name: 'L2', accesses: 40, hits: 30, misses: 10 },
    { name: 'L3', accesses: 10, hits: 4, misses: 6 },
  ],
  memoryAccesses: 6,
};
const latencies = { levelNs: [1, 4, 20], memoryNs: 100 };

describe('predictNs', () => {
  it('prices each access at the level that served it and scales a sample up', () => {
    // (60×1 + 30×4 + 4×20 + 6×100) × 1000/100
    expect(predictNs(traffic, latencies)).toBe((60 + 120 + 80 + 600) * 10);
    expect(isSampled(traffic)).toBe(true);
  });
});

describe('judge', () => {
  it('counts only traffic served below L2 as stall', () => {
    // (4×20 + 6×100) / 100 = 6.8 ns per access
    expect(judge(traffic, latencies, 10, 1 << 20)).toMatchObject({
      verdict: 'memory-bound',
      stallNsPerAccess: 6.8,
    });
    expect(judge(traffic, latencies, 20, 1 << 20).verdict).toBe('compute-bound');
  });
  it('says a working set fits when nothing misses L2', () => {
    const fits = {
      ...traffic,
      levels: [traffic.levels[0]!, { name: 'L2', accesses: 40, hits: 40, misses: 0 }],
      memoryAccesses: 0,
    };
    const verdict = judge(fits, latencies, 3, 400_000);
    expect(verdict.verdict).toBe('compute-bound');
    expect(verdict.reason).toMatch(/^390.6 KiB fits: 0 simulated L2 misses/);
  });
});

describe('simulate', () => {
  it('counts only the measured stream after an uncounted warm-up', () => {
    // Not at address 0: cachegrind (and its compat mode) starts with every tag 0, so line 0 "hits" cold.
    const config = cachegrindConfig({ I1: [1024, 2, 64], D1: [1024, 2, 64], LL: [8192, 4, 64] });
    const indices = Int32Array.from({ length: 256 }, (_, i) => i); // 1 KiB of Int32: fits D1
    const cold = simulate(
      config,
      null,
      (sink) => emitIndexed(sink, AccessKind.Load, 0x10000, 4, indices, 0, 256),
      256,
    );
    expect(cold.levels[0]!.misses).toBe(16);
    const warm = simulate(
      config,
      (sink) => emitIndexed(sink, AccessKind.Load, 0x10000, 4, indices, 0, 256),
      (sink) => emitIndexed(sink, AccessKind.Load, 0x10000, 4, indices, 0, 512),
      512,
    );
    expect(warm.simulatedAccesses).toBe(512);
    expect(warm.levels[0]!.misses).toBe(0);
    expect(warm.memoryAccesses).toBe(0);
  });
});

describe('machineForSimulation', () => {
  it('assumes associativity where unknown and replaces an implausible last level, saying so', () => {
    const machine: MachineInfo = {
      name: 'this',
      source: 'getconf',
      cpuModel: 'x',
      cpus: 2,
      numaNodes: 1,
      pageBytes: 4096,
      transparentHugePages: null,
      caches: [
        {
          level: 1,
          type: 'instruction',
          sizeBytes: 32768,
          lineBytes: 64,
          ways: 0,
          sets: 0,
          sharedByCpus: [],
        },
        { level: 1, type: 'data', sizeBytes: 49152, lineBytes: 64, ways: 12, sets: 64, sharedByCpus: [] },
        {
          level: 3,
          type: 'unified',
          sizeBytes: 532676608,
          lineBytes: 64,
          ways: 0,
          sets: 0,
          sharedByCpus: [],
        },
      ],
      notes: [],
    };
    const { machine: simulated, assumptions } = machineForSimulation(machine);
    expect(simulated.caches.map((c) => [c.sizeBytes, c.ways, c.sets])).toEqual([
      [32768, 8, 64],
      [49152, 12, 64],
      [32 * 1024 * 1024, 16, 32768],
    ]);
    expect(assumptions).toHaveLength(2);
    expect(assumptions[1]).toMatch(/508 MiB.*simulated as 32 MiB 16-way/);
  });
});
