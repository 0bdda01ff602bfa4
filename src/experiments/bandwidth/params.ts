/** Parameters of the `bandwidth` experiment. */
import { checkInteger, UsageError } from '../../util/errors.js';
import { BANDWIDTH_KERNELS, type BandwidthKernel } from './kernels.js';

/** What one `bandwidth` run sweeps and how hard it measures. */
export interface BandwidthParams {
  /** Smallest working set (bytes): L1-sized. */
  minWorkingSetBytes: number;
  /**
   * Largest working set (bytes); 0: automatic, 4 × the last-level cache (capped when that is
   * unknown or implausible). A number so that `--param maxWorkingSetBytes=8M` can set it.
   */
  maxWorkingSetBytes: number;
  pointsPerOctave: number;
  /** Timed samples per point (min and median are reported); at least 7. */
  runs: number;
  /**
   * Rounds of the whole sweep, JS and native alternating (JS, native, native, JS, …); each side
   * keeps, per working set, its round with the fastest pass (src/experiments/rounds.ts).
   */
  rounds: number;
  minSampleNs: number;
  kernels: BandwidthKernel[];
  /** Also run the native reference when a C compiler exists. */
  native: boolean;
}

/** Full and quick defaults (quick: one point per octave, 0.25 ms samples). */
export const BANDWIDTH_DEFAULTS: { full: BandwidthParams; quick: BandwidthParams } = {
  full: {
    minWorkingSetBytes: 16 * 1024,
    maxWorkingSetBytes: 0,
    pointsPerOctave: 2,
    runs: 15,
    rounds: 2,
    minSampleNs: 500_000,
    kernels: [...BANDWIDTH_KERNELS],
    native: true,
  },
  quick: {
    minWorkingSetBytes: 16 * 1024,
    maxWorkingSetBytes: 0,
    pointsPerOctave: 1,
    runs: 7,
    rounds: 2,
    minSampleNs: 250_000,
    kernels: [...BANDWIDTH_KERNELS],
    native: true,
  },
};

/** Throws `UsageError` naming the first bad parameter. */
export function checkBandwidthParams(params: BandwidthParams): void {
  checkInteger('bandwidth minWorkingSetBytes', params.minWorkingSetBytes, 192, 2 ** 40);
  if (params.maxWorkingSetBytes !== 0) {
    checkInteger(
      'bandwidth maxWorkingSetBytes',
      params.maxWorkingSetBytes,
      params.minWorkingSetBytes,
      2 ** 34,
    );
  }
  checkInteger('bandwidth pointsPerOctave', params.pointsPerOctave, 1, 32);
  checkInteger('bandwidth runs', params.runs, 7, 1000);
  checkInteger('bandwidth rounds', params.rounds, 1, 20);
  checkInteger('bandwidth minSampleNs', params.minSampleNs, 1000, 1e10);
  if (params.kernels.length === 0) throw new UsageError('bandwidth kernels must name at least one kernel');
  for (const kernel of params.kernels) {
    if (!(BANDWIDTH_KERNELS as readonly string[]).includes(kernel)) {
      throw new UsageError(
        `unknown bandwidth kernel '${String(kernel)}' (known: ${BANDWIDTH_KERNELS.join(', ')})`,
      );
    }
  }
}
