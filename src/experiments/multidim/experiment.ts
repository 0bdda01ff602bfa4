import type { Experiment } from '../types.js';
import { multidimCharts } from './charts.js';
import { explainMultidim } from './explain.js';
import { MULTIDIM_DEFAULTS, type MultidimParams } from './params.js';
import { runMultidim } from './run.js';

/**
 * `multidim`: the text's 3-D kernel (`data[x][y][z] += 1; sum += data[x][y][z]`) over seven
 * layouts, from nested JS arrays to a flat array and the stack-allocated multi-array on the
 * sandbox stack (which overflows the default stack at 64³, as the text reports for Rust).
 */
export const multidimExperiment: Experiment<MultidimParams> = {
  id: 'multidim',
  title: 'Multi-dimensional arrays',
  description:
    'The text 3-D kernel over nested arrays, typed rows, flat row/column-major, element-wise, NDArray and a stack array.',
  defaults: MULTIDIM_DEFAULTS,
  run: runMultidim,
  explain: explainMultidim,
  charts: multidimCharts,
};
