/** The summary of a `bandwidth` run (what `--json` carries; explain() and charts() read it). */
import type { ExperimentPoint, ExperimentResult } from '../types.js';
import type { BandwidthKernel } from './kernels.js';
import type { BandwidthParams } from './params.js';

/** One row of `result.points`. */
export interface BandwidthPoint extends ExperimentPoint {
  kernel: string;
  workingSetBytes: number;
  /** Doubles per array. */
  elements: number;
  /** Bytes counted per pass (reads + writes; write-allocate not counted). */
  bytesPerPass: number;
  /** From the fastest run. */
  gbPerSecondBest: number;
  gbPerSecondMedian: number;
  /** The native loop compared with (`write` for fill, `copy` for set). */
  nativeKernel: string | null;
  nativeGbPerSecondBest: number | null;
  nativeGbPerSecondMedian: number | null;
  /** JS GB/s ÷ native GB/s (best runs): above 1 means JS moved data faster. */
  jsToNativeRatio: number | null;
}

/** Per kernel: its peak, its figure at the largest working set, and the native ones. */
export interface BandwidthKernelSummary {
  kernel: BandwidthKernel;
  peakGbPerSecond: number;
  peakAtBytes: number;
  largestGbPerSecond: number;
  nativePeakGbPerSecond: number | null;
  nativeLargestGbPerSecond: number | null;
  /** Geometric mean over working sets of JS ÷ native GB/s. */
  jsToNativeRatio: number | null;
}

/** The read kernel at a representative working set (half a cache, or the largest). */
export interface BandwidthReference {
  label: string;
  workingSetBytes: number;
  jsGbPerSecond: number;
  nativeGbPerSecond: number | null;
  jsToNativeRatio: number | null;
}

/** `result.summary` of a `bandwidth` run. */
export interface BandwidthSummary {
  unit: 'GB/s (10^9 bytes per second)';
  /** false: bytes the program reads and writes, not the hardware's write-allocate reads. */
  writeAllocateCounted: false;
  /** Figures come from the fastest of the runs. */
  statistic: 'best';
  knownCaches: { name: string; sizeBytes: number }[];
  sweepNote: string | null;
  lastLevelCacheBytes: number | null;
  kernels: BandwidthKernelSummary[];
  /** Sequential read at L1-, L2-, …-sized and the largest working sets. */
  references: BandwidthReference[];
  native: { compiler: string; flags: string[] } | null;
  nativeUnavailable: string | null;
  /** Geometric mean of JS ÷ native GB/s over every point with both. */
  jsToNativeRatio: number | null;
}

/** The summary of a bandwidth result, typed (it is the run's own output). */
export function bandwidthSummaryOf(result: ExperimentResult<BandwidthParams>): BandwidthSummary {
  return result.summary as unknown as BandwidthSummary;
}

/** The points of a bandwidth result, typed. */
export function bandwidthPointsOf(result: ExperimentResult<BandwidthParams>): BandwidthPoint[] {
  return result.points as BandwidthPoint[];
}
