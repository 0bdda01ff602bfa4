/**
 * The summary of a `latency` run: what `softmem run latency --json` carries next to the
 * points, and what explain() and charts() read back.
 */
import type { ExperimentPoint, ExperimentResult } from '../types.js';
import type { DetectedLevel } from './knees.js';
import type { NamedLevel } from './levels.js';
import type { LatencyParams } from './params.js';

/** A detected level with the native latency over the same working sets. */
export interface LatencyLevel extends NamedLevel {
  nativeLatencyNs: number | null;
  jsToNativeRatio: number | null;
}

/** JS and native latency at one representative working set (half a cache, or the largest). */
export interface LatencyReference {
  /** `L1d`, `L2`, … (a working set that fits that cache), or `memory` (the largest). */
  label: string;
  workingSetBytes: number;
  jsNsPerAccess: number;
  nativeNsPerAccess: number | null;
  jsToNativeRatio: number | null;
}

/** The native side of the run, when a C compiler was found. */
export interface LatencyNative {
  compiler: string;
  flags: string[];
  /** Levels detected on the native random curve (same detector). */
  detectedLevels: DetectedLevel[];
  memoryLatencyNs: number | null;
}

/** `result.summary` of a `latency` run. */
export interface LatencySummary {
  /** Latencies in levels, references and ratios are minima over the runs (least disturbed). */
  statistic: 'min';
  cacheSource: string;
  pageBytes: number;
  knownCaches: { name: string; sizeBytes: number }[];
  /** Why the sweep ends where it does, when the LLC was unknown or implausible; else null. */
  sweepNote: string | null;
  lastLevelCacheBytes: number | null;
  /**
   * Cache levels (knees of the page-local curve when measured, with the random curve's
   * latency) and TLB steps (knees only the random curve has), named against the known caches.
   */
  detectedLevels: LatencyLevel[];
  /** Latency beyond the last knee (main memory), random order. */
  memoryLatencyNs: number | null;
  /** Knees of the page-local curve, when it was measured. */
  pageLocalLevels: DetectedLevel[] | null;
  references: LatencyReference[];
  native: LatencyNative | null;
  /** Why there is no native reference (one line), or null. */
  nativeUnavailable: string | null;
  /** Geometric mean of JS/native over every point that has both, or null. */
  jsToNativeRatio: number | null;
}

/** One row of `result.points`. */
export interface LatencyPoint extends ExperimentPoint {
  variant: string;
  workingSetBytes: number;
  nsPerAccessMin: number;
  nsPerAccessMedian: number;
  nativeNsPerAccessMin: number | null;
  nativeNsPerAccessMedian: number | null;
  /** JS min / native min. */
  jsToNativeRatio: number | null;
}

/** The summary of a latency result, typed (it is the run's own output). */
export function latencySummaryOf(result: ExperimentResult<LatencyParams>): LatencySummary {
  return result.summary as unknown as LatencySummary;
}

/** The points of a latency result, typed. */
export function latencyPointsOf(result: ExperimentResult<LatencyParams>): LatencyPoint[] {
  return result.points as LatencyPoint[];
}
