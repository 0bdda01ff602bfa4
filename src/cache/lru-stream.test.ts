/**
 * The level-by-level batch engines — WebAssembly (`lru-wasm.ts`) and JavaScript
 * (`lru-stream.ts`), one shared suite — against the slow reference model, with
 * stream buffers small enough that every early drain runs (a full buffer below L1d, below L2,
 * in the middle of a multi-line access), batches cut at arbitrary points and mixed with
 * per-access calls, split L1 caches, and traces heavy in stores so that dirty victims cascade.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind } from '../trace/index.js';
import { CacheHierarchy, type HierarchyOptions, type SimulationPath } from './hierarchy.js';
import { STREAM_CAPACITY } from './lru-stream.js';
import { ReferenceHierarchy } from './reference-model.test-support.js';
import type { HierarchyConfig, LevelConfig } from './types.js';

const LINE_BYTES = 16;

interface Access {
  address: number;
  size: number;
  kind: AccessKind;
}

const levelArbitrary = (name: string) =>
  fc.record({ sets: fc.integer({ min: 1, max: 6 }), ways: fc.integer({ min: 1, max: 6 }) }).map(
    ({ sets, ways }): LevelConfig => ({
      name,
      sizeBytes: sets * ways * LINE_BYTES,
      ways,
      lineBytes: LINE_BYTES,
    }),
  );

/** Two to four data levels (so the stream kernel is taken), sometimes with a split I1. */
const configArbitrary: fc.Arbitrary<HierarchyConfig> = fc
  .record({
    levels: fc.array(levelArbitrary('L'), { minLength: 2, maxLength: 4 }),
    instruction: fc.option(levelArbitrary('I1'), { nil: undefined }),
  })
  .map(({ levels, instruction }) => {
    const config: HierarchyConfig = {
      levels: levels.map((level, i) => ({ ...level, name: i === 0 ? 'L1d' : `L${i + 1}` })),
    };
    if (instruction !== undefined) config.instruction = instruction;
    return config;
  });

/** Mostly single-line loads and stores (the inline path), some modifies, fetches and line-spanning accesses. */
const traceArbitrary: fc.Arbitrary<Access[]> = fc
  .tuple(
    fc.constantFrom(0, 2 ** 44, 2 ** 52),
    fc.array(
      fc.record({
        line: fc.integer({ min: 0, max: 60 }),
        offset: fc.integer({ min: 0, max: LINE_BYTES - 1 }),
        size: fc.oneof(
          { weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 * LINE_BYTES }) },
        ),
        kind: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(AccessKind.Load, AccessKind.Store) },
          { weight: 1, arbitrary: fc.constantFrom(AccessKind.Modify, AccessKind.Fetch) },
        ),
      }),
      { minLength: 1, maxLength: 300 },
    ),
  )
  .map(([base, accesses]) =>
    accesses.map(({ line, offset, size, kind }) => ({
      address: base + line * LINE_BYTES + (size <= 8 ? Math.min(offset, LINE_BYTES - size) : offset),
      size,
      kind,
    })),
  );

/** Runs `trace` as batches cut at `cuts` (positions in the trace), every third piece access by access. */
function runPieces(simulator: CacheHierarchy, trace: readonly Access[], cuts: readonly number[]): void {
  const addresses = Float64Array.from(trace, (a) => a.address);
  const sizes = Uint32Array.from(trace, (a) => a.size);
  const kinds = Uint8Array.from(trace, (a) => a.kind);
  const bounds = [...new Set([0, ...cuts.map((cut) => cut % (trace.length + 1)), trace.length])].sort(
    (a, b) => a - b,
  );
  for (let piece = 0; piece + 1 < bounds.length; piece++) {
    const start = bounds[piece]!;
    const end = bounds[piece + 1]!;
    if (piece % 3 === 2) {
      for (let i = start; i < end; i++) simulator.access(trace[i]!.address, trace[i]!.size, trace[i]!.kind);
    } else {
      simulator.accessBatch(addresses, sizes, kinds, start, end);
    }
  }
}

function referenceStats(config: HierarchyConfig, trace: readonly Access[]) {
  const reference = new ReferenceHierarchy(config);
  for (const { address, size, kind } of trace) reference.access(address, size, kind);
  return reference.stats();
}

/** Each level-by-level engine and the options that select it. */
const STREAM_ENGINES = [
  { path: 'lru-wasm', options: {} },
  { path: 'lru-stream', options: { wasm: false } },
] as const satisfies readonly { path: SimulationPath; options: HierarchyOptions }[];

for (const { path, options } of STREAM_ENGINES)
  describe(`the level-by-level LRU engine ${path}`, () => {
    it('equals the reference model with tiny stream buffers and batches cut anywhere', () => {
      fc.assert(
        fc.property(
          configArbitrary,
          traceArbitrary,
          fc.integer({ min: 2, max: 7 }),
          fc.array(fc.nat(), { maxLength: 6 }),
          (config, trace, streamCapacity, cuts) => {
            const simulator = new CacheHierarchy(config, { ...options, streamCapacity });
            expect(simulator.path).toBe(path);
            runPieces(simulator, trace, cuts);
            const stats = simulator.stats();
            expect({ levels: stats.levels, memoryAccesses: stats.memoryAccesses }).toEqual(
              referenceStats(config, trace),
            );
          },
        ),
        { numRuns: 300 },
      );
    });

    it('equals the reference model with the default buffers on a trace longer than one buffer', () => {
      const config: HierarchyConfig = {
        levels: [
          { name: 'L1d', sizeBytes: 4 * 2 * 64, ways: 2, lineBytes: 64 },
          { name: 'L2', sizeBytes: 8 * 4 * 64, ways: 4, lineBytes: 64 },
          { name: 'L3', sizeBytes: 5 * 8 * 64, ways: 8, lineBytes: 64 },
        ],
      };
      // Random lines over 4096: nearly every access misses everywhere, each with a fill and,
      // for one access in two, a write-back, so the streams below L1d and L2 fill several times.
      let seed = 7;
      const trace: Access[] = [];
      for (let i = 0; i < 3 * STREAM_CAPACITY; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        trace.push({
          address: 2 ** 46 + (seed >>> 20) * 64,
          size: 8,
          kind: i & 1 ? AccessKind.Store : AccessKind.Load,
        });
      }
      const simulator = new CacheHierarchy(config, options);
      expect(simulator.path).toBe(path);
      runPieces(simulator, trace, []);
      const stats = simulator.stats();
      expect(stats.levels[2]!.writeAccesses).toBeGreaterThan(STREAM_CAPACITY);
      expect({ levels: stats.levels, memoryAccesses: stats.memoryAccesses }).toEqual(
        referenceStats(config, trace),
      );
    });

    it('drains in the middle of one access that spans many lines', () => {
      const config: HierarchyConfig = {
        levels: [
          { name: 'L1d', sizeBytes: 2 * 16, ways: 1, lineBytes: 16 },
          { name: 'L2', sizeBytes: 4 * 16, ways: 2, lineBytes: 16 },
          { name: 'L3', sizeBytes: 8 * 16, ways: 2, lineBytes: 16 },
        ],
      };
      const trace: Access[] = [
        { address: 0, size: 40 * 16, kind: AccessKind.Store },
        { address: 8, size: 33 * 16, kind: AccessKind.Modify },
        { address: 3 * 16, size: 8, kind: AccessKind.Load },
      ];
      for (const streamCapacity of [2, 3, 5]) {
        const simulator = new CacheHierarchy(config, { ...options, streamCapacity });
        expect(simulator.path).toBe(path);
        runPieces(simulator, trace, []);
        const stats = simulator.stats();
        expect({ levels: stats.levels, memoryAccesses: stats.memoryAccesses }).toEqual(
          referenceStats(config, trace),
        );
      }
    });

    it('rejects a buffer of fewer than two entries', () => {
      const l1: LevelConfig = { name: 'L1d', sizeBytes: 1024, ways: 2, lineBytes: 64 };
      const l2: LevelConfig = { name: 'L2', sizeBytes: 4096, ways: 4, lineBytes: 64 };
      expect(() => new CacheHierarchy({ levels: [l1, l2] }, { ...options, streamCapacity: 1 })).toThrow(
        /stream capacity must be an integer >= 2, got 1/,
      );
    });
  });

describe('the fast path engine choice', () => {
  it('runs batches in WebAssembly by default, the JS streaming kernel with wasm: false below a level that has a level under it, else access by access', () => {
    const l1: LevelConfig = { name: 'L1d', sizeBytes: 1024, ways: 2, lineBytes: 64 };
    const l2: LevelConfig = { name: 'L2', sizeBytes: 4096, ways: 4, lineBytes: 64 };
    const i1: LevelConfig = { ...l1, name: 'I1' };
    expect(new CacheHierarchy({ levels: [l1, l2] }).path).toBe('lru-wasm');
    expect(new CacheHierarchy({ levels: [l1] }).path).toBe('lru-wasm');
    expect(new CacheHierarchy({ levels: [l1], instruction: i1 }).path).toBe('lru-wasm');
    expect(new CacheHierarchy({ levels: [l1, l2] }, { wasm: false }).path).toBe('lru-stream');
    expect(new CacheHierarchy({ levels: [l1, l2] }, { streaming: false }).path).toBe('lru-fast');
    expect(new CacheHierarchy({ levels: [l1] }, { wasm: false }).path).toBe('lru-fast');
    expect(new CacheHierarchy({ levels: [l1], instruction: i1 }, { wasm: false }).path).toBe('lru-fast');
  });
});
