import { checkInteger, UsageError } from '../../util/errors.js';

/** Parameters of the `vector-growth` experiment. */
export interface VectorGrowthParams {
  /** How many Int32 values each variant pushes into a fresh vector (one point per count). */
  pushCounts: number[];
  /** Timed samples per point (each sample builds at least one whole vector). */
  samples: number;
  /** Time budget of one point (warm-up and samples), ms. */
  maxTimeMsPerPoint: number;
  /** Vec builds of at most this many pushes are replayed through the cache simulator (≈ 4 M accesses/s here). */
  simulatedPushesMax: number;
}

/**
 * Full and quick defaults. Full: at 10⁷ pushes one build took 1.4–5 s on the loaded 2-vCPU
 * machine (a full run took 90 s with 7 samples), so a point's budget usually allows one
 * sample there; the harness always takes at least one. Quick stops at 10⁶ pushes and takes 3 samples of ≤ 250 ms per point,
 * so its 20 points stay within a few seconds on the 2-vCPU machine.
 */
export const VECTOR_GROWTH_DEFAULTS: { full: VectorGrowthParams; quick: VectorGrowthParams } = {
  full: {
    pushCounts: [1_000, 10_000, 100_000, 1_000_000, 10_000_000],
    samples: 5,
    maxTimeMsPerPoint: 1000,
    simulatedPushesMax: 1_000_000,
  },
  quick: {
    pushCounts: [1_000, 10_000, 100_000, 1_000_000],
    samples: 3,
    maxTimeMsPerPoint: 250,
    simulatedPushesMax: 100_000,
  },
};

/** The largest push count accepted: 2^26 Int32 values are 256 MiB per vector. */
export const MAX_PUSH_COUNT = 2 ** 26;

/** Throws `UsageError` naming the first bad parameter. */
export function checkVectorGrowthParams(params: VectorGrowthParams): void {
  if (!Array.isArray(params.pushCounts) || params.pushCounts.length === 0) {
    throw new UsageError('vector-growth pushCounts must list at least one push count');
  }
  for (const count of params.pushCounts) checkInteger('vector-growth pushCounts[]', count, 1, MAX_PUSH_COUNT);
  checkInteger('vector-growth samples', params.samples, 1, 1000);
  checkInteger('vector-growth maxTimeMsPerPoint', params.maxTimeMsPerPoint, 1, 600_000);
  checkInteger('vector-growth simulatedPushesMax', params.simulatedPushesMax, 0, MAX_PUSH_COUNT);
}
