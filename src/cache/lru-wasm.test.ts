/**
 * The WebAssembly engine (`lru-wasm.ts`, `wasm/lru.wat`) on the geometries its vector scan and
 * shift treat specially — 1 way, way counts that are not a multiple of two or four, fully
 * associative levels, 64 ways, set counts that are not a power of two — and on line numbers
 * near 2^47 and up to 2^52, against the slow reference model; the JavaScript engines run the
 * same cases. Also: its state is the levels' tags, shared with the per-access API and `reset()`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind } from '../trace/index.js';
import { CacheHierarchy, type HierarchyOptions } from './hierarchy.js';
import { CacheLevel } from './level.js';
import { LruWasmMemory, lruWasmAvailable } from './lru-wasm.js';
import { ReferenceHierarchy } from './reference-model.test-support.js';
import type { HierarchyConfig, LevelConfig } from './types.js';

interface Access {
  address: number;
  size: number;
  kind: AccessKind;
}

const ENGINES: readonly { path: string; options: HierarchyOptions }[] = [
  { path: 'lru-wasm', options: {} },
  { path: 'lru-stream', options: { wasm: false } },
];

/** Way counts around the vector width (2 ways per vector) and the bench's 8 and 16. */
const WAYS = [1, 2, 3, 4, 5, 7, 8, 12, 16, 64];
/** Set counts: 1 is fully associative; 3, 5 and 7 are not powers of two. */
const SETS = [1, 2, 3, 4, 5, 7, 8];

const levelArbitrary = (name: string, lineBytes: number) =>
  fc
    .record({ sets: fc.constantFrom(...SETS), ways: fc.constantFrom(...WAYS) })
    .map(({ sets, ways }): LevelConfig => ({ name, sizeBytes: sets * ways * lineBytes, ways, lineBytes }));

const caseArbitrary = fc
  .constantFrom(2, 16, 64)
  .chain((lineBytes) =>
    fc.record({
      lineBytes: fc.constant(lineBytes),
      levels: fc.array(levelArbitrary('L', lineBytes), { minLength: 1, maxLength: 3 }),
      instruction: fc.option(levelArbitrary('I1', lineBytes), { nil: undefined }),
      // Line numbers from 0, near 2^47 (the top of x86-64 user space with 64-byte lines) and
      // near 2^52 (the largest with 2-byte lines): every access stays below 2^53.
      firstLine: fc.constantFrom(0, 2 ** 47 - 400, 2 ** 53 / lineBytes - 400),
      accesses: fc.array(
        fc.record({
          line: fc.integer({ min: 0, max: 300 }),
          offset: fc.nat(),
          size: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(1, 2) }, fc.integer({ min: 0, max: 130 })),
          kind: fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(AccessKind.Load, AccessKind.Store) },
            { weight: 1, arbitrary: fc.constantFrom(AccessKind.Modify, AccessKind.Fetch) },
          ),
        }),
        { minLength: 1, maxLength: 250 },
      ),
    }),
  )
  .map(({ lineBytes, levels, instruction, firstLine, accesses }) => {
    const config: HierarchyConfig = {
      levels: levels.map((level, i) => ({ ...level, name: i === 0 ? 'L1d' : `L${i + 1}` })),
    };
    if (instruction !== undefined) config.instruction = instruction;
    const top = 2 ** 53;
    const trace: Access[] = accesses.map(({ line, offset, size, kind }) => {
      // Lines cluster on a few sets (the low line numbers repeat every 300), so sets fill and evict.
      const address = (firstLine + line) * lineBytes + (offset % lineBytes);
      return { address, size: Math.min(size, top - address), kind };
    });
    return { config, trace };
  });

function referenceStats(config: HierarchyConfig, trace: readonly Access[]) {
  const reference = new ReferenceHierarchy(config);
  for (const { address, size, kind } of trace) reference.access(address, size, kind);
  return reference.stats();
}

/** The trace as one batch, except for accesses `perAccessFrom … perAccessTo - 1` sent one by one. */
function simulate(
  simulator: CacheHierarchy,
  trace: readonly Access[],
  perAccessFrom: number,
  perAccessTo: number,
) {
  const addresses = Float64Array.from(trace, (a) => a.address);
  const sizes = Uint32Array.from(trace, (a) => a.size);
  const kinds = Uint8Array.from(trace, (a) => a.kind);
  const from = Math.min(perAccessFrom, trace.length);
  const to = Math.min(Math.max(from, perAccessTo), trace.length);
  simulator.accessBatch(addresses, sizes, kinds, 0, from);
  for (let i = from; i < to; i++) simulator.access(trace[i]!.address, trace[i]!.size, trace[i]!.kind);
  simulator.accessBatch(addresses, sizes, kinds, to, trace.length);
  const stats = simulator.stats();
  return { levels: stats.levels, memoryAccesses: stats.memoryAccesses };
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
