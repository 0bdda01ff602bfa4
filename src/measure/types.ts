/**
 * The measurement contract every experiment and benchmark codes against.
 *
 * A kernel receives an iteration count and performs that many repetitions of the operation
 * under test *inside its own loop*, returning a number derived from its work (the sink that
 * defeats dead-code elimination). The harness picks the count so that one sample lasts long
 * enough for the timer, and reports nanoseconds per operation.
 */
export type Kernel = (iterations: number) => number;

/** Summary statistics of a sample of values (nanoseconds per operation, usually). */
export interface Stats {
  n: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  p10: number;
  p90: number;
  /** Median absolute deviation (unscaled). */
  mad: number;
  /** Bootstrap 95% confidence interval of the median. */
  ci95: [number, number];
  /** Indices of samples outside median ± 5 × MAD×1.4826 (flagged, never dropped). */
  outliers: number[];
}
