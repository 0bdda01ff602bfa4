import type { Experiment } from '../types.js';
import { lineSizeCharts } from './charts.js';
import { explainLineSize } from './explain.js';
import { LINE_SIZE_DEFAULTS, type LineSizeParams } from './params.js';
import { runLineSize } from './run.js';

/**
 * `line-size`: finds the cache line size from timing alone, with a chase that prefetchers
 * cannot follow (see stream.ts), repeated over several rounds, and checks it against the
 * simulator fed the same chain with this machine's lines and with doubled lines.
 */
export const lineSizeExperiment: Experiment<LineSizeParams> = {
  id: 'line-size',
  title: 'Cache line size',
  description:
    'Dependent loads at strides from 4 B to 512 B through chunks in random order: the stride where cost per access stops being flat is the line size.',
  defaults: LINE_SIZE_DEFAULTS,
  run: runLineSize,
  explain: explainLineSize,
  charts: lineSizeCharts,
};
