/** Parameters of the `latency` experiment. */
import { checkInteger, UsageError } from '../../util/errors.js';
import type { ChaseVariant } from './permutation.js';

/** What one `latency` run sweeps and how hard it measures. */
export interface LatencyParams {
  /** Smallest working set (bytes). */
  minWorkingSetBytes: number;
  /**
   * Largest working set (bytes); 0: automatic, 4 × the last-level cache (capped when that is
   * unknown or implausible). A number so that `--param maxWorkingSetBytes=8M` can set it.
   */
  maxWorkingSetBytes: number;
  /** Working sets per doubling. */
  pointsPerOctave: number;
  /** Timed samples per working set (min and median are reported); at least 7. */
  runs: number;
  /**
   * Rounds of the whole sweep, JS and native alternating (JS, native, native, JS, …); each side
   * keeps, per working set, its round with the lowest minimum. On the 2-vCPU VM one sweep's
   * JS/native ratio at 512 KiB and 128 MiB swung from 0.63 to 1.11 between back-to-back runs
   * (`softmem run latency`, 2026-11-26): the host's stalls outlast one point's samples.
   */
  rounds: number;
  /**
   * Extra rounds of the largest working set (main memory) alone, JS and native alternating as
   * in `rounds`, when the native reference runs; that point keeps its best of all its rounds.
   * Main memory is where the host's noise is largest: with two rounds, four full runs read
   * JS/native 0.87, 0.92, 1.05 and 0.98 at 128 MiB, while back-to-back chases of the two read
   * the same minimum (`softmem run latency`, 2026-11-26).
   */
  memoryRounds: number;
  /** Shortest duration of one sample: the harness batches accesses up to it. */
  minSampleNs: number;
  /** Orders of the chase: `random` (pays TLB misses) and/or `page-local` (mostly does not). */
  variants: ChaseVariant[];
  /** Also run the native reference when a C compiler exists. */
  native: boolean;
}

/**
 * Full and quick defaults. Samples stay short (0.25–0.5 ms, far above the clock's
 * resolution): on the loaded 2-vCPU VM, 2 ms JS samples were disturbed so often that even
 * the minimum of 11 ran up to 2.7× above native at L1 sizes, while 0.25 ms samples matched it
 * (standalone script during development). Quick: 2 points per octave keep the sweep (JS and
 * native, both variants) to a few seconds.
 */
export const LATENCY_DEFAULTS: { full: LatencyParams; quick: LatencyParams } = {
  full: {
    minWorkingSetBytes: 4096,
    maxWorkingSetBytes: 0,
    pointsPerOctave: 4,
    runs: 15,
    rounds: 2,
    memoryRounds: 4,
    minSampleNs: 500_000,
    variants: ['random', 'page-local'],
    native: true,
  },
  quick: {
    minWorkingSetBytes: 4096,
    maxWorkingSetBytes: 0,
    pointsPerOctave: 2,
    runs: 7,
    rounds: 2,
    memoryRounds: 0,
    minSampleNs: 250_000,
    variants: ['random', 'page-local'],
    native: true,
  },
};

/** Throws `UsageError` naming the first bad parameter. */
export function checkLatencyParams(params: LatencyParams): void {
  checkInteger('latency minWorkingSetBytes', params.minWorkingSetBytes, 64, 2 ** 40);
  if (params.maxWorkingSetBytes !== 0) {
    checkInteger('latency maxWorkingSetBytes', params.maxWorkingSetBytes, params.minWorkingSetBytes, 2 ** 34);
  }
  checkInteger('latency pointsPerOctave', params.pointsPerOctave, 1, 32);
  checkInteger('latency runs', params.runs, 7, 1000);
  checkInteger('latency rounds', params.rounds, 1, 20);
  checkInteger('latency memoryRounds', params.memoryRounds, 0, 20);
  checkInteger('latency minSampleNs', params.minSampleNs, 1000, 1e10);
  if (params.variants.length === 0) throw new UsageError('latency variants must name at least one variant');
  for (const variant of params.variants) {
    if (variant !== 'random' && variant !== 'page-local') {
      throw new UsageError(`unknown latency variant '${String(variant)}' (known: random, page-local)`);
    }
  }
}
