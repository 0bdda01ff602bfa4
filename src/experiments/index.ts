/**
 * softmem/experiments: questions about the memory hierarchy answered by timing kernels —
 * `latency` (pointer chasing, knees → levels) and `bandwidth` (read/write/copy/triad), each
 * next to a native C reference compiled at run time — and the seed text's experiments
 * (access patterns, multi-dimensional layouts, transposition), each point replayed through
 * the cache simulator and judged memory- or compute-bound.
 */
export {
  ACCESS_PATTERNS_DEFAULTS,
  type AccessPatternsParams,
  type AccessPatternsSummary,
  accessPatternsExperiment,
  ISOLATED_PATTERN_IDS,
  type IsolatedPatternId,
  isolatedIndices,
  PATTERN_IDS,
  type PatternId,
  patternIndices,
} from './access-patterns/index.js';
export {
  BANDWIDTH_DEFAULTS,
  BANDWIDTH_KERNELS,
  type BandwidthKernel,
  type BandwidthParams,
  type BandwidthPoint,
  type BandwidthSummary,
  bandwidthCharts,
  bandwidthExperiment,
  explainBandwidth,
  readSum,
} from './bandwidth/index.js';
export { measureLevelLatencies } from './explain/latencies.js';
export {
  judge,
  type LevelLatencies,
  MEMORY_BOUND_SHARE,
  predictNs,
  type Verdict,
} from './explain/predict.js';
export { type SimulatedTraffic, simulate } from './explain/simulate.js';
export {
  buildChase,
  type ChaseVariant,
  type CurvePoint,
  chase,
  type DetectedLevel,
  detectKnees,
  explainLatency,
  type KneeOptions,
  type KneeResult,
  LATENCY_DEFAULTS,
  type LatencyLevel,
  type LatencyParams,
  type LatencyPoint,
  type LatencySummary,
  latencyCharts,
  latencyExperiment,
  type NamedLevel,
  nameLevels,
  sattoloCycle,
} from './latency/index.js';
export {
  MULTIDIM_DEFAULTS,
  MULTIDIM_VARIANTS,
  type MultidimParams,
  multidimExperiment,
} from './multidim/index.js';
export {
  DEFAULT_NATIVE_CFLAGS,
  type NativeProgram,
  type NativeUnavailable,
  prepareNativeProgram,
} from './native/index.js';
export { EXPERIMENTS, findExperiment } from './registry.js';
export { structLayoutExperiment } from './struct-layout/index.js';
export {
  TRANSPOSE_DEFAULTS,
  TRANSPOSE_VARIANTS,
  type TransposeParams,
  transposeExperiment,
} from './transpose/index.js';
export type {
  ChartSpec,
  Experiment,
  ExperimentContext,
  ExperimentPoint,
  ExperimentResult,
} from './types.js';
export {
  dataCaches,
  lastLevelCache,
  MAX_PLAUSIBLE_LLC_BYTES,
  planSweepEnd,
  type SweepEnd,
  workingSetSizes,
} from './working-sets.js';
