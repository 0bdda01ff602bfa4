export { multidimCharts } from './charts.js';
export { multidimExperiment } from './experiment.js';
export { explainMultidim } from './explain.js';
export {
  elementWiseSweeps,
  flatColumnMajorSweeps,
  flatRowMajorSweeps,
  ndarraySweeps,
  nestedSweeps,
  stackSweeps,
  typedRowsSweeps,
} from './kernels.js';
export { checkMultidimParams, MULTIDIM_DEFAULTS, type MultidimParams } from './params.js';
export { MULTIDIM_VARIANTS, type MultidimVariant, runMultidim } from './run.js';
