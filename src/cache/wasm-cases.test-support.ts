/**
 * Generated hierarchies and traces for the WebAssembly engines' differential tests
 * (`lru-wasm.test.ts`, `lru-wasm-threads.test.ts`), the reference model's statistics for a
 * trace, and a runner that cuts a trace into batches with per-access calls between them.
 */
import fc from 'fast-check';
import { AccessKind } from '../trace/index.js';
import type { CacheHierarchy } from './hierarchy.js';
import { ReferenceHierarchy } from './reference-model.test-support.js';
import type { HierarchyConfig, LevelConfig } from './types.js';

/** One access of a generated trace. */
export interface Access {
  address: number;
  size: number;
  kind: AccessKind;
}

/** What a generated case may contain. */
export interface CaseShape {
  /** Way counts to draw from. */
  ways: readonly number[];
  /** Set counts to draw from (1: fully associative). */
  sets: readonly number[];
  /** Data levels at most. */
  maxLevels: number;
  /** Distinct line numbers used (they repeat, so sets fill and evict). */
  lines: number;
  /** Accesses at most. */
  maxAccesses: number;
  /** The common access sizes (drawn 5 times in 6; any size up to 130 otherwise). */
  commonSizes: readonly number[];
}

const levelArbitrary = (name: string, lineBytes: number, shape: CaseShape) =>
  fc
    .record({ sets: fc.constantFrom(...shape.sets), ways: fc.constantFrom(...shape.ways) })
    .map(({ sets, ways }): LevelConfig => ({ name, sizeBytes: sets * ways * lineBytes, ways, lineBytes }));

/**
 * A hierarchy (2-, 16- or 64-byte lines, an optional I1) and a trace over `shape.lines` lines
 * starting at 0, near 2^47 (the top of x86-64 user space with 64-byte lines) or near 2^52 (the
 * largest with 2-byte lines): every access stays below 2^53. From a drawn point on, accesses may
 * also go to a second region, another of those or one 2^32 lines away: outside the window of the
 * WebAssembly engine's compact tags for every level, or for some levels only, which then widen
 * their tags mid-trace.
 */
export function hierarchyCase(shape: CaseShape): fc.Arbitrary<{ config: HierarchyConfig; trace: Access[] }> {
  return fc
    .constantFrom(2, 16, 64)
    .chain((lineBytes) =>
      fc.record({
        lineBytes: fc.constant(lineBytes),
        levels: fc.array(levelArbitrary('L', lineBytes, shape), { minLength: 1, maxLength: shape.maxLevels }),
        instruction: fc.option(levelArbitrary('I1', lineBytes, shape), { nil: undefined }),
        firstLine: fc.constantFrom(0, 2 ** 47 - 400, 2 ** 53 / lineBytes - 400),
        // 'mid': 2^32 lines from the first region, past the compact window of levels with fewer
        // than 8 sets but not of those with 8 (windows of (2^31 - 1) << log2(sets) lines, centred).
        secondLine: fc.constantFrom(0, 2 ** 47 - 400, 2 ** 53 / lineBytes - 400, 'mid' as const),
        // Where the second region may start, in percent of the trace.
        secondFrom: fc.nat(100),
        accesses: fc.array(
          fc.record({
            second: fc.boolean(),
            line: fc.integer({ min: 0, max: shape.lines }),
            offset: fc.nat(),
            size: fc.oneof(
              { weight: 5, arbitrary: fc.constantFrom(...shape.commonSizes) },
              fc.integer({ min: 0, max: 130 }),
            ),
            kind: fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom(AccessKind.Load, AccessKind.Store) },
              { weight: 1, arbitrary: fc.constantFrom(AccessKind.Modify, AccessKind.Fetch) },
            ),
          }),
          { minLength: 1, maxLength: shape.maxAccesses },
        ),
      }),
    )
    .map(({ lineBytes, levels, instruction, firstLine, secondLine, secondFrom, accesses }) => {
      const config: HierarchyConfig = {
        levels: levels.map((level, i) => ({ ...level, name: i === 0 ? 'L1d' : `L${i + 1}` })),
      };
      if (instruction !== undefined) config.instruction = instruction;
      const top = 2 ** 53;
      const trace: Access[] = accesses.map(({ second, line, offset, size, kind }, i) => {
        const mid = firstLine >= 2 ** 33 ? firstLine - 2 ** 32 - 1000 : firstLine + 2 ** 32 + 1000;
        const region =
          second && i * 100 >= secondFrom * accesses.length
            ? secondLine === 'mid'
              ? mid
              : secondLine
            : firstLine;
        const address = (region + line) * lineBytes + (offset % lineBytes);
        return { address, size: Math.min(size, top - address), kind };
      });
      return { config, trace };
    });
}

/** The reference model's statistics after the whole trace, access by access. */
export function referenceStats(config: HierarchyConfig, trace: readonly Access[]) {
  const reference = new ReferenceHierarchy(config);
  for (const { address, size, kind } of trace) reference.access(address, size, kind);
  return reference.stats();
}

/**
 * Runs the trace in batches ending at each cut (taken in order), each followed by up to its
 * count of accesses through the per-access API, and returns the levels' statistics and memory
 * accesses.
 */
export function simulateInBatches(
  simulator: CacheHierarchy,
  trace: readonly Access[],
  cuts: readonly (readonly [cut: number, oneByOne: number])[],
) {
  const addresses = Float64Array.from(trace, (a) => a.address);
  const sizes = Uint32Array.from(trace, (a) => a.size);
  const kinds = Uint8Array.from(trace, (a) => a.kind);
  let start = 0;
  for (const [cut, oneByOne] of [...cuts].sort((a, b) => a[0] - b[0])) {
    const end = Math.min(Math.max(cut, start), trace.length);
    simulator.accessBatch(addresses, sizes, kinds, start, end);
    const single = Math.min(end + oneByOne, trace.length);
    for (let i = end; i < single; i++) simulator.access(trace[i]!.address, trace[i]!.size, trace[i]!.kind);
    start = single;
  }
  simulator.accessBatch(addresses, sizes, kinds, start, trace.length);
  const stats = simulator.stats();
  return { levels: stats.levels, memoryAccesses: stats.memoryAccesses };
}
