export { lineSizeCharts } from './charts.js';
export { lineSizeExperiment } from './experiment.js';
export { explainLineSize } from './explain.js';
export { DEFAULT_MIN_DROP, detectLineSize, type LineSizeKnee, type StrideCost } from './knee.js';
export { naiveBuffer, naiveKernel, stridedSum } from './naive.js';
export { checkLineSizeParams, LINE_SIZE_DEFAULTS, type LineSizeParams, strideSweep } from './params.js';
export { FALLBACK_L1_BYTES, runLineSize } from './run.js';
export {
  dataHierarchy,
  l1MissesPerAccess,
  SIMULATED_BASE_ADDRESS,
  simulatedKnee,
  simulateStream,
  withLineBytes,
} from './simulated.js';
export { buildLineSizeStream, chaseWords, chunkCount, type LineSizeStream } from './stream.js';
export type { LineSizeSummary } from './summary.js';
