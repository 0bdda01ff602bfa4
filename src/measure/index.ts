/**
 * softmem/measure: a harness that times the hardware, not the JIT. Kernels own their loop;
 * the harness calibrates, warms up, samples, sinks results and reports statistics next to the
 * empty-kernel baseline.
 */
export type { EnvironmentInfo } from './environment.js';
export { captureEnvironment } from './environment.js';
export { collectGarbage, garbageCollector } from './gc.js';
export type { RunIsolatedOptions } from './isolate.js';
export { IsolatedRunError, runIsolated } from './isolate.js';
export type { Measurement } from './measure-kernel.js';
export {
  emptyKernel,
  MAX_RESAMPLES,
  MIN_SAMPLES,
  measureKernel,
  STALLED_MEDIAN_TO_MIN,
  stalledBatchCount,
} from './measure-kernel.js';
export type { MeasureOptions } from './options.js';
export {
  DEFAULT_MAX_TIME_MS,
  DEFAULT_MAX_WARMUP_MS,
  DEFAULT_MIN_SAMPLE_NS,
  DEFAULT_MIN_WARMUP_MS,
  DEFAULT_SAMPLES,
  MAX_ITERATIONS,
  OPTIMISED_AWAY_RATIO,
} from './options.js';
export { shuffledOrder } from './order.js';
export { blackhole } from './sink.js';
export { bootstrapMedianCi, computeStats, median, quantileSorted } from './stats.js';
export type { Bandwidth, BandwidthOptions } from './throughput.js';
export { accessesPerSecond, gigabytesPerSecond, memoryTrafficBytes, nsPerElement } from './throughput.js';
export type { Timer } from './timer.js';
export { measureTimerOverhead, measureTimerResolution, timer } from './timer.js';
export type { Kernel, Stats } from './types.js';
