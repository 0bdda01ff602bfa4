import type { Experiment } from '../types.js';
import { transposeCharts } from './charts.js';
import { explainTranspose } from './explain.js';
import { TRANSPOSE_DEFAULTS, type TransposeParams } from './params.js';
import { runTranspose } from './run.js';

/**
 * `transpose`: naive vs blocked vs cache-oblivious out-of-place transposition of square f64
 * matrices (softmem's NDArray kernels), timed and replayed through the cache simulator.
 */
export const transposeExperiment: Experiment<TransposeParams> = {
  id: 'transpose',
  title: 'Matrix transposition',
  description:
    'Naive, blocked and cache-oblivious transposes of f64 matrices, with simulated misses per level.',
  defaults: TRANSPOSE_DEFAULTS,
  run: runTranspose,
  explain: explainTranspose,
  charts: transposeCharts,
};
