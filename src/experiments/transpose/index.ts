export { transposeCharts } from './charts.js';
export { transposeExperiment } from './experiment.js';
export { explainTranspose } from './explain.js';
export { checkTransposeParams, TRANSPOSE_DEFAULTS, type TransposeParams } from './params.js';
export { runTranspose, TRANSPOSE_VARIANTS, type TransposeVariant } from './run.js';
