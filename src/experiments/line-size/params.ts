import { checkInteger, checkPowerOfTwo, UsageError } from '../../util/errors.js';

/** Parameters of the `line-size` experiment. */
export interface LineSizeParams {
  /** Smallest stride, bytes (a power of two, ≥ 4: one Int32). */
  minStrideBytes: number;
  /** Largest stride, bytes (a power of two); also the span of one chunk. */
  maxStrideBytes: number;
  /**
   * Chunks × chunk span = this multiple of the L1d size: the footprint while stride ≤ line. It
   * must exceed 1 (at the line, a loop larger than L1d misses every time) and stay under 2 (at
   * twice the line the loop, half as large, must fit L1d with room to spare).
   */
  footprintL1Multiple: number;
  /** Repeated sweeps over every stride (each detects a line size; agreement is reported). */
  rounds: number;
  /** Timed samples per stride and round. */
  samples: number;
  /** Accesses replayed through the simulator per stride at most (after one uncounted pass). */
  simulatedAccessesMax: number;
}

/** Full and quick defaults. */
export const LINE_SIZE_DEFAULTS: { full: LineSizeParams; quick: LineSizeParams } = {
  full: {
    minStrideBytes: 4,
    maxStrideBytes: 512,
    footprintL1Multiple: 1.5,
    rounds: 7,
    samples: 9,
    simulatedAccessesMax: 400_000,
  },
  quick: {
    minStrideBytes: 4,
    maxStrideBytes: 512,
    footprintL1Multiple: 1.5,
    rounds: 5,
    samples: 5,
    simulatedAccessesMax: 100_000,
  },
};

/** Throws `UsageError` naming the first bad parameter. */
export function checkLineSizeParams(params: LineSizeParams): void {
  checkInteger('line-size minStrideBytes', params.minStrideBytes, 4, 4096);
  checkPowerOfTwo('line-size minStrideBytes', params.minStrideBytes);
  checkInteger('line-size maxStrideBytes', params.maxStrideBytes, 4, 4096);
  checkPowerOfTwo('line-size maxStrideBytes', params.maxStrideBytes);
  if (params.maxStrideBytes < 4 * params.minStrideBytes) {
    throw new UsageError('line-size maxStrideBytes must be at least 4 × minStrideBytes (three strides)');
  }
  const multiple = params.footprintL1Multiple;
  if (typeof multiple !== 'number' || !Number.isFinite(multiple) || multiple < 1.25 || multiple > 4) {
    throw new UsageError(
      `line-size footprintL1Multiple must be a number in [1.25, 4], got ${String(multiple)}`,
    );
  }
  checkInteger('line-size rounds', params.rounds, 1, 100);
  checkInteger('line-size samples', params.samples, 3, 1000);
  checkInteger('line-size simulatedAccessesMax', params.simulatedAccessesMax, 1000, 1e9);
}

/** The strides of a sweep: every power of two from `minStrideBytes` to `maxStrideBytes`. */
export function strideSweep(params: LineSizeParams): number[] {
  const strides: number[] = [];
  for (let s = params.minStrideBytes; s <= params.maxStrideBytes; s *= 2) strides.push(s);
  return strides;
}
