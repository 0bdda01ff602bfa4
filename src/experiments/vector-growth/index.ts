export { vectorGrowthCharts } from './charts.js';
export {
  EXERCISE_OPS,
  EXERCISE_START_CAPACITY,
  type ExerciseOp,
  type ExerciseStep,
  traceExercise,
} from './exercise.js';
export { vectorGrowthExperiment } from './experiment.js';
export { explainVectorGrowth, formatCount } from './explain.js';
export { emitVecGrowth, GROWTH_BASE_ADDRESS, type GrowthTraffic } from './growth-trace.js';
export {
  arrayPreallocatedRounds,
  arrayPushRounds,
  vecPushRounds,
  vecReserveRounds,
  vecWithCapacityRounds,
} from './kernels.js';
export {
  checkVectorGrowthParams,
  MAX_PUSH_COUNT,
  VECTOR_GROWTH_DEFAULTS,
  type VectorGrowthParams,
} from './params.js';
export { ELEMENT_BYTES, runVectorGrowth } from './run.js';
export type { ExerciseGrowth, GrowthComparison, VectorGrowthSummary } from './summary.js';
export {
  type GrowthCounters,
  growthCounters,
  VARIANT_DESCRIPTIONS,
  VARIANT_IDS,
  type VariantId,
  variantKernel,
} from './variants.js';
