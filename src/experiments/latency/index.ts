export { latencyCharts } from './charts.js';
export { chase, chaseKernel } from './chase.js';
export { latencyExperiment } from './experiment.js';
export { explainLatency } from './explain.js';
export {
  bends,
  type CurvePoint,
  type DetectedLevel,
  detectKnees,
  type KneeOptions,
  type KneeResult,
} from './knees.js';
export {
  cacheName,
  type LevelKind,
  MATCH_FACTOR,
  type NamedLevel,
  nameLevels,
  TLB_FACTOR,
} from './levels.js';
export { checkLatencyParams, LATENCY_DEFAULTS, type LatencyParams } from './params.js';
export {
  buildChase,
  type ChaseVariant,
  LINE_BYTES,
  sattoloCycle,
  visitingOrder,
  WORDS_PER_LINE,
} from './permutation.js';
export { runLatency } from './run.js';
export {
  type LatencyLevel,
  type LatencyNative,
  type LatencyPoint,
  type LatencyReference,
  type LatencySummary,
  latencyPointsOf,
  latencySummaryOf,
} from './summary.js';
