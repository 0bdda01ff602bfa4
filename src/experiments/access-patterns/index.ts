export { accessPatternsCharts } from './charts.js';
export { accessPatternsExperiment } from './experiment.js';
export { explainAccessPatterns } from './explain.js';
export {
  indexedTouches,
  randomCorrectedPasses,
  randomNaivePasses,
  sequentialPasses,
  stridedPasses,
  wrappingPasses,
} from './kernels.js';
export { ACCESS_PATTERNS_DEFAULTS, type AccessPatternsParams, checkAccessPatternsParams } from './params.js';
export {
  ISOLATED_PATTERN_IDS,
  type IsolatedPatternId,
  isolatedIndices,
  PATTERN_IDS,
  type PatternId,
  patternIndices,
  touchesPerPass,
} from './patterns.js';
export {
  bestIsolatedRound,
  type IsolatedRound,
  runAccessPatterns,
  TEXT_PATTERNS,
  type TextPattern,
} from './run.js';
export type { AccessPatternsSummary, Disagreement } from './summary.js';
