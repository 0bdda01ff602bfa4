import { checkInteger, UsageError } from '../../util/errors.js';

/** Parameters of the `access-patterns` experiment. */
export interface AccessPatternsParams {
  /** As in the text: Int32 element counts. */
  textElementCounts: number[];
  /** As in the text: passes of each pattern over the data (the text's "iterations"). */
  textIterations: number;
  /** Memory-isolated sweep: smallest working set, bytes. */
  isolatedMinBytes: number;
  /** Memory-isolated sweep: largest working set, bytes; null: 4 × the last-level cache. */
  isolatedMaxBytes: number | null;
  /** Memory-isolated sweep: octaves between working sets (1: every doubling; the last size is always kept). */
  isolatedOctavesPerPoint: number;
  /**
   * Memory-isolated sweep: rounds over all patterns of a working set; each point keeps its
   * best round's median. A stall of the VM's host (seen here: a 128 MiB random point at
   * 1 279 ns per touch against 13.9 in the next run) lasts longer than one point's samples,
   * so the samples alone cannot set it aside; a later round usually misses it.
   */
  isolatedRounds: number;
  /** Timed samples per point. */
  samples: number;
  /** Accesses replayed through the simulator per point at most (the rest is extrapolated). */
  simulatedAccessesMax: number;
}

/** Full and quick defaults. */
export const ACCESS_PATTERNS_DEFAULTS: { full: AccessPatternsParams; quick: AccessPatternsParams } = {
  full: {
    textElementCounts: [100, 1_000, 10_000, 100_000],
    textIterations: 100_000,
    isolatedMinBytes: 16 * 1024,
    isolatedMaxBytes: null,
    isolatedOctavesPerPoint: 1,
    isolatedRounds: 3,
    samples: 11,
    simulatedAccessesMax: 4_000_000,
  },
  quick: {
    textElementCounts: [100, 1_000, 10_000, 100_000],
    textIterations: 1_000,
    isolatedMinBytes: 16 * 1024,
    isolatedMaxBytes: null,
    isolatedOctavesPerPoint: 4,
    isolatedRounds: 2,
    samples: 5,
    simulatedAccessesMax: 250_000,
  },
};

/** Throws `UsageError` naming the first bad parameter. */
export function checkAccessPatternsParams(params: AccessPatternsParams): void {
  if (!Array.isArray(params.textElementCounts) || params.textElementCounts.length === 0) {
    throw new UsageError('access-patterns textElementCounts must list at least one element count');
  }
  for (const n of params.textElementCounts)
    checkInteger('access-patterns textElementCounts[]', n, 17, 2 ** 28);
  checkInteger('access-patterns textIterations', params.textIterations, 1, 1e9);
  checkInteger('access-patterns isolatedMinBytes', params.isolatedMinBytes, 4096, 2 ** 34);
  if (params.isolatedMaxBytes !== null) {
    checkInteger(
      'access-patterns isolatedMaxBytes',
      params.isolatedMaxBytes,
      params.isolatedMinBytes,
      2 ** 34,
    );
  }
  checkInteger('access-patterns isolatedOctavesPerPoint', params.isolatedOctavesPerPoint, 1, 8);
  checkInteger('access-patterns isolatedRounds', params.isolatedRounds, 1, 20);
  checkInteger('access-patterns samples', params.samples, 3, 1000);
  checkInteger('access-patterns simulatedAccessesMax', params.simulatedAccessesMax, 1000, 1e9);
}
