import { checkInteger, UsageError } from '../../util/errors.js';

/** Parameters of the `struct-layout` experiment. */
export interface StructLayoutParams {
  /**
   * Array lengths (structs) to write; null: three working sets from the machine — half of L1d,
   * half of L2 and 4 × L2, counted in padded (8-byte) structs.
   */
  structCounts: number[] | null;
  /** Timed samples per point. */
  samples: number;
  /** Time budget of one timed point (warm-up and samples), ms. */
  maxTimeMsPerPoint: number;
}

/**
 * Full and quick defaults. Quick: 150 ms per timed point, because the level-latency probe the
 * prediction needs already takes seconds on the loaded 2-vCPU machine (4.4 s measured once).
 */
export const STRUCT_LAYOUT_DEFAULTS: { full: StructLayoutParams; quick: StructLayoutParams } = {
  full: { structCounts: null, samples: 11, maxTimeMsPerPoint: 1500 },
  quick: { structCounts: null, samples: 5, maxTimeMsPerPoint: 150 },
};

/** The largest array accepted: 2^24 structs (128 MiB padded). */
export const MAX_STRUCT_COUNT = 2 ** 24;

/** Throws `UsageError` naming the first bad parameter. */
export function checkStructLayoutParams(params: StructLayoutParams): void {
  if (params.structCounts !== null) {
    if (!Array.isArray(params.structCounts) || params.structCounts.length === 0) {
      throw new UsageError('struct-layout structCounts must list at least one count (or be null)');
    }
    for (const count of params.structCounts) {
      checkInteger('struct-layout structCounts[]', count, 1, MAX_STRUCT_COUNT);
    }
  }
  checkInteger('struct-layout samples', params.samples, 1, 1000);
  checkInteger('struct-layout maxTimeMsPerPoint', params.maxTimeMsPerPoint, 1, 600_000);
}
