/**
 * The pipelined WebAssembly engine (`lru-wasm-threads.ts`, `threads: 2`) against the slow
 * reference model: every geometry the WebAssembly engine accepts, batches cut anywhere with
 * accesses through the per-access API between them, rings of one to four segments of two to
 * nine entries (so the producer wraps around and waits for the worker), and every split of the
 * levels between the threads. Also its lifecycle: `close()`, use after close, and a process
 * that exits with a hierarchy left open.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind } from '../trace/index.js';
import { CacheHierarchy } from './hierarchy.js';
import { lruWasmThreadsAvailable } from './lru-wasm-threads.js';
import type { HierarchyConfig } from './types.js';
import { hierarchyCase, referenceStats, simulateInBatches } from './wasm-cases.test-support.js';

/** Way and set counts that the WebAssembly engine treats differently (as in lru-wasm.test.ts). */
const caseArbitrary = fc.tuple(
  hierarchyCase({
    ways: [1, 2, 3, 5, 8, 16],
    sets: [1, 2, 3, 4, 7],
    maxLevels: 4,
    lines: 200,
    maxAccesses: 300,
    commonSizes: [1, 8],
  }),
  fc.record({
    // Where batches end (sorted, deduplicated) and how many accesses after each go one by one.
    cuts: fc.array(fc.tuple(fc.nat(300), fc.nat(5)), { maxLength: 6 }),
    streamCapacity: fc.integer({ min: 2, max: 9 }),
    ringSegments: fc.integer({ min: 1, max: 4 }),
    workerLevels: fc.integer({ min: 1, max: 4 }),
    // Batches below it run on the calling thread alone: the two ways alternate in one run.
    minPipelinedAccesses: fc.oneof(fc.constant(0), fc.nat(300)),
  }),
);

const THREE: HierarchyConfig = {
  levels: [
    { name: 'L1d', sizeBytes: 4 * 2 * 64, ways: 2, lineBytes: 64 },
    { name: 'L2', sizeBytes: 8 * 4 * 64, ways: 4, lineBytes: 64 },
    { name: 'L3', sizeBytes: 16 * 8 * 64, ways: 8, lineBytes: 64 },
  ],
};

/** A trace over 600 lines (misses in every level of THREE), one store in three. */
function columns(length: number) {
  const addresses = Float64Array.from({ length }, (_, i) => ((i * 7919) % 600) * 64);
  const sizes = new Uint32Array(length).fill(8);
  const kinds = Uint8Array.from({ length }, (_, i) => (i % 3 === 0 ? 1 : 0));
  return { addresses, sizes, kinds };
}

describe('the pipelined WebAssembly engine (threads: 2)', () => {
  it('runs here', () => {
    expect(lruWasmThreadsAvailable()).toBe(true);
  });

  it('equals the reference model for every geometry, batch cut, ring size and split between the threads', () => {
    fc.assert(
      fc.property(caseArbitrary, ([{ config, trace }, { cuts, ...options }]) => {
        const simulator = new CacheHierarchy(config, { threads: 2, ...options });
        try {
          // Nothing to pipeline without a level below L1d: the single-threaded engine runs it.
          expect(simulator.path).toBe(config.levels.length > 1 ? 'lru-wasm-threads' : 'lru-wasm');
          expect(simulateInBatches(simulator, trace, cuts)).toEqual(referenceStats(config, trace));
        } finally {
          simulator.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('equals the single-threaded engine over many batches, also after reset()', () => {
    const { addresses, sizes, kinds } = columns(20000);
    const single = new CacheHierarchy(THREE);
    // Batches of 1234 are pipelined, the last of each round (256) runs on the calling thread.
    const threaded = new CacheHierarchy(THREE, {
      threads: 2,
      streamCapacity: 16,
      ringSegments: 2,
      minPipelinedAccesses: 1000,
    });
    try {
      for (let round = 0; round < 2; round++) {
        for (let start = 0; start < 20000; start += 1234) {
          single.accessBatch(addresses, sizes, kinds, start, Math.min(start + 1234, 20000));
          threaded.accessBatch(addresses, sizes, kinds, start, Math.min(start + 1234, 20000));
          expect(threaded.stats()).toEqual(single.stats());
        }
        expect(threaded.stats().levels[2]!.misses).toBeGreaterThan(0);
        single.reset();
        threaded.reset();
        expect(threaded.stats()).toEqual(single.stats());
      }
    } finally {
      threaded.close();
    }
  });

  it('checks its options and keeps the default single-threaded', () => {
    expect(new CacheHierarchy(THREE).path).toBe('lru-wasm');
    expect(new CacheHierarchy(THREE, { threads: 1 }).path).toBe('lru-wasm');
    expect(() => new CacheHierarchy(THREE, { threads: 3 as 2 })).toThrow(/threads must be 1 or 2, got 3/);
    expect(() => new CacheHierarchy(THREE, { threads: 2, workerLevels: 0 })).toThrow(
      /workerLevels must be an integer >= 1, got 0/,
    );
    expect(() => new CacheHierarchy(THREE, { threads: 2, ringSegments: 0 })).toThrow(
      /ringSegments must be an integer in \[1, 1024\], got 0/,
    );
    expect(() => new CacheHierarchy(THREE, { threads: 2, minPipelinedAccesses: -1 })).toThrow(
      /minPipelinedAccesses must be an integer >= 0, got -1/,
    );
    // Engines that do not run in WebAssembly ignore it.
    expect(new CacheHierarchy(THREE, { threads: 2, wasm: false }).path).toBe('lru-stream');
    expect(new CacheHierarchy(THREE, { threads: 2, fastPath: false }).path).toBe('general');
  });

  it('close(): stops the worker; simulating afterwards throws, stats() still reports', () => {
    const { addresses, sizes, kinds } = columns(1000);
    const simulator = new CacheHierarchy(THREE, { threads: 2, minPipelinedAccesses: 0 });
    simulator.accessBatch(addresses, sizes, kinds, 0, 1000);
    const before = simulator.stats();
    simulator.close();
    simulator.close();
    const closed = /this CacheHierarchy is closed/;
    expect(() => simulator.accessBatch(addresses, sizes, kinds, 0, 10)).toThrow(closed);
    expect(() => simulator.access(0, 8, AccessKind.Load)).toThrow(closed);
    expect(() => simulator.reset()).toThrow(closed);
    expect(simulator.stats()).toEqual(before);
    const disposed = new CacheHierarchy(THREE, { threads: 2 });
    disposed[Symbol.dispose]();
    expect(() => disposed.accessBatch(addresses, sizes, kinds, 0, 10)).toThrow(closed);
  });

  it('does not keep the process alive: a script that leaves a hierarchy open exits', () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const script = `
      import { CacheHierarchy } from ${JSON.stringify(entry)};
      const cache = new CacheHierarchy(${JSON.stringify(THREE)}, { threads: 2, minPipelinedAccesses: 0 });
      const addresses = Float64Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 600) * 64);
      cache.accessBatch(addresses, new Uint32Array(5000).fill(8), new Uint8Array(5000), 0, 5000);
      console.log(cache.path, cache.stats().levels[2].accesses > 0);
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.stderr).toBe('');
    expect(child.stdout.trim()).toBe('lru-wasm-threads true');
    expect(child.status).toBe(0);
  });
});
