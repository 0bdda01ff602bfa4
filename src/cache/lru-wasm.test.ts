/**
 * The WebAssembly engine (`lru-wasm.ts`, `wasm/lru.wat`) on the geometries its vector scan and
 * shift treat specially — 1 way, way counts that are not a multiple of two or four, fully
 * associative levels, 64 ways, set counts that are not a power of two — and on line numbers
 * near 2^47 and up to 2^52, against the slow reference model; the JavaScript engines run the
 * same cases. Also: its tags, compact (u32) while the lines fit their window and widened to the
 * levels' f64 tags when they do not, with the per-access API and `reset()` on the same state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessKind } from '../trace/index.js';
import { CacheHierarchy, type HierarchyOptions } from './hierarchy.js';
import { CacheLevel } from './level.js';
import { LruWasmKernel, LruWasmMemory, lruWasmAvailable } from './lru-wasm.js';
import type { HierarchyConfig } from './types.js';
import { type Access, hierarchyCase, referenceStats, simulateInBatches } from './wasm-cases.test-support.js';

const ENGINES: readonly { path: string; options: HierarchyOptions }[] = [
  { path: 'lru-wasm', options: {} },
  { path: 'lru-stream', options: { wasm: false } },
];

/** Way counts around the vector width (2 ways per vector) and the bench's 8 and 16; set counts
 * from 1 (fully associative) with 3, 5 and 7 not powers of two. */
const caseArbitrary = hierarchyCase({
  ways: [1, 2, 3, 4, 5, 7, 8, 12, 16, 64],
  sets: [1, 2, 3, 4, 5, 7, 8],
  maxLevels: 3,
  lines: 300,
  maxAccesses: 250,
  commonSizes: [1, 2],
});

/** The trace as one batch, except for accesses `perAccessFrom … perAccessTo - 1` sent one by one. */
function simulate(
  simulator: CacheHierarchy,
  trace: readonly Access[],
  perAccessFrom: number,
  perAccessTo: number,
) {
  return simulateInBatches(simulator, trace, [[perAccessFrom, Math.max(0, perAccessTo - perAccessFrom)]]);
}

describe('the WebAssembly LRU engine', () => {
  for (const { path, options } of ENGINES) {
    it(`${path}: equals the reference model on odd, wide and fully associative geometries and high line numbers`, () => {
      fc.assert(
        fc.property(caseArbitrary, fc.nat(260), fc.nat(40), ({ config, trace }, from, length) => {
          const simulator = new CacheHierarchy(config, { ...options, streamCapacity: 5 });
          if (path === 'lru-wasm') expect(simulator.path).toBe(path);
          expect(simulate(simulator, trace, from, from + length)).toEqual(referenceStats(config, trace));
        }),
        { numRuns: 250 },
      );
    });
  }

  it('keeps its state in the levels: reset() empties it and a second run repeats the first', () => {
    const config: HierarchyConfig = {
      levels: [
        { name: 'L1d', sizeBytes: 4 * 3 * 64, ways: 3, lineBytes: 64 },
        { name: 'L2', sizeBytes: 5 * 12 * 64, ways: 12, lineBytes: 64 },
      ],
    };
    const trace: Access[] = [];
    for (let i = 0; i < 3000; i++) {
      trace.push({
        address: ((i * 7919) % 211) * 64 + (i % 5),
        size: 8,
        kind: (i % 7 === 0 ? 1 : 0) as AccessKind,
      });
    }
    const simulator = new CacheHierarchy(config);
    expect(simulator.path).toBe('lru-wasm');
    const first = simulate(simulator, trace, 1000, 1500);
    expect(first).toEqual(referenceStats(config, trace));
    simulator.reset();
    expect(simulator.stats().levels.every((level) => level.accesses === 0)).toBe(true);
    expect(simulate(simulator, trace, 0, 0)).toEqual(first);
  });

  it('keeps compact tags in each level while its lines fit its window, widens a level mid-batch when they do not, and starts over after reset()', () => {
    // Set counts 64, 16 and 1024 (shifts 6, 4, 10): windows of (2^31 - 1) << shift lines, each
    // centred on the first line.
    const config: HierarchyConfig = {
      levels: [
        { name: 'L1d', sizeBytes: 64 * 4 * 64, ways: 4, lineBytes: 64 },
        { name: 'L2', sizeBytes: 16 * 16 * 64, ways: 16, lineBytes: 64 },
        { name: 'L3', sizeBytes: 1024 * 8 * 64, ways: 8, lineBytes: 64 },
      ],
    };
    const shapes = config.levels.map((level) => ({
      sets: level.sizeBytes / level.lineBytes / level.ways,
      ways: level.ways,
    }));
    const wasmMemory = LruWasmMemory.tryCreate(shapes, 7)!;
    const levels = config.levels.map((level, k) => new CacheLevel(level, k, false, wasmMemory.tags[k]));
    const memoryAccesses = new Float64Array(1);
    const kernel = new LruWasmKernel(wasmMemory, levels, Int32Array.of(1, 2, -1), memoryAccesses, 0);
    const near = 0x7f00_0000_0000;
    const trace: Access[] = [];
    for (let i = 0; i < 6000; i++) {
      // From i = 4000 on, lines 2^35 above the first (past L2's half window, 2^34); from 5000 on,
      // also 2^39 above (past L1d's, 2^36, not L3's, 2^40).
      const far = i >= 4000 && i % 3 === 0 ? 2 ** 35 : i >= 5000 && i % 3 === 1 ? 2 ** 39 : 0;
      trace.push({
        address: near + far * 64 + ((i * 7919) % 5000) * 64 + (i % 60),
        size: 8,
        kind: (i % 5 === 0 ? 1 : 0) as AccessKind,
      });
    }
    const addresses = Float64Array.from(trace, (a) => a.address);
    const sizes = Uint32Array.from(trace, (a) => a.size);
    const kinds = Uint8Array.from(trace, (a) => a.kind);
    const stats = () => ({ levels: levels.map((level) => level.stats()), memoryAccesses: memoryAccesses[0] });
    const expected = (length: number) => referenceStats(config, trace.slice(0, length));
    expect(kernel.tagModes).toEqual(['unset', 'unset', 'unset']);
    kernel.run(addresses, sizes, kinds, 0, 3000);
    expect(kernel.tagModes).toEqual(['compact', 'compact', 'compact']);
    expect(stats()).toEqual(expected(3000));
    for (let i = 3000; i < 3010; i++) kernel.accessOne(addresses[i]!, sizes[i]!, kinds[i]!);
    kernel.run(addresses, sizes, kinds, 3010, 4100);
    expect(kernel.tagModes).toEqual(['compact', 'wide', 'compact']);
    expect(stats()).toEqual(expected(4100));
    kernel.run(addresses, sizes, kinds, 4100, 6000);
    expect(kernel.tagModes).toEqual(['wide', 'wide', 'compact']);
    expect(stats()).toEqual(expected(6000));
    for (const level of levels) level.reset();
    memoryAccesses.fill(0);
    kernel.reset();
    expect(kernel.tagModes).toEqual(['unset', 'unset', 'unset']);
    kernel.run(addresses, sizes, kinds, 0, 3000);
    expect(kernel.tagModes).toEqual(['compact', 'compact', 'compact']);
    expect(stats()).toEqual(expected(3000));
  });

  it('keeps a line dirty when a load hits it below the front of its set, with and without an I1', () => {
    const levels: HierarchyConfig['levels'] = [
      { name: 'L1d', sizeBytes: 4 * 64, ways: 4, lineBytes: 64 },
      { name: 'L2', sizeBytes: 64 * 64, ways: 4, lineBytes: 64 },
    ];
    const instruction = { name: 'I1', sizeBytes: 2 * 64, ways: 2, lineBytes: 64 };
    // Store A, load B, load A (A is second in its set, dirty), then six other lines evict it.
    const lines = [0, 1, 0, 2, 3, 4, 5, 6, 7];
    const trace: Access[] = lines.map((line, i) => ({
      address: 0x7f00_0000_0000 + line * 64,
      size: 8,
      kind: (i === 0 ? 1 : 0) as AccessKind,
    }));
    for (const config of [{ levels }, { levels, instruction }]) {
      const simulator = new CacheHierarchy(config);
      const result = simulate(simulator, trace, 0, 0);
      expect(result).toEqual(referenceStats(config, trace));
      expect(result.levels.find((level) => level.name === 'L1d')?.writeBacks).toBe(1);
    }
  });

  it('runs here (so the suites above test it), and declines a hierarchy whose memory would pass 4 GiB', () => {
    expect(lruWasmAvailable()).toBe(true);
    // Nine levels of 2^26 lines (the most a level may have): 4.5 GiB of tags. Declined before
    // anything is allocated; the hierarchy would then run on the JS engines.
    const huge = Array.from({ length: 9 }, () => ({ sets: 2 ** 26, ways: 1 }));
    expect(LruWasmMemory.tryCreate(huge, 4096)).toBeNull();
    expect(LruWasmMemory.tryCreate([{ sets: 1024, ways: 4 }], 4096)?.tags[0]?.length).toBe(4096);
  });

  it('keeps its tags only in storage of the level size', () => {
    const config = { name: 'L1d', sizeBytes: 4 * 2 * 64, ways: 2, lineBytes: 64 };
    expect(() => new CacheLevel(config, 1, false, new Float64Array(7))).toThrow(
      /L1d: tag storage has 7 slots, the level needs 8/,
    );
    const storage = new Float64Array(8);
    expect(new CacheLevel(config, 1, false, storage).tags).toBe(storage);
    expect([...storage]).toEqual(new Array(8).fill(-1));
  });
});
