import type { Experiment } from '../types.js';
import { latencyCharts } from './charts.js';
import { explainLatency } from './explain.js';
import { LATENCY_DEFAULTS, type LatencyParams } from './params.js';
import { runLatency } from './run.js';

/**
 * `latency`: pointer chasing through one random cyclic permutation of 64-byte lines
 * (Sattolo), working sets from 4 KiB to 4× the last-level cache, random and page-local
 * orders, with the native C chase over the very same cycle for comparison. Knees of the
 * curve become detected levels, each compared with the known cache sizes.
 */
export const latencyExperiment: Experiment<LatencyParams> = {
  id: 'latency',
  title: 'Memory latency by working-set size',
  description:
    'Pointer chasing through a random cycle of 64-byte lines: nanoseconds per dependent access for each working-set size, with cache levels detected from the knees.',
  defaults: LATENCY_DEFAULTS,
  run: runLatency,
  explain: explainLatency,
  charts: latencyCharts,
};
