import type { Experiment } from '../types.js';
import { accessPatternsCharts } from './charts.js';
import { explainAccessPatterns } from './explain.js';
import { ACCESS_PATTERNS_DEFAULTS, type AccessPatternsParams } from './params.js';
import { runAccessPatterns } from './run.js';

/**
 * `access-patterns`: the seed text's sequential, strided, wrapping and random patterns, as in
 * the text (the loops with their index arithmetic) and memory-isolated (precomputed indices,
 * working sets up to 4× the last-level cache), each point replayed through the cache
 * simulator and judged memory- or compute-bound.
 */
export const accessPatternsExperiment: Experiment<AccessPatternsParams> = {
  id: 'access-patterns',
  title: 'Access patterns',
  description:
    'Sequential, strided, wrapping and random touches of Int32 data, as in the text and memory-isolated, explained by simulated cache misses.',
  defaults: ACCESS_PATTERNS_DEFAULTS,
  run: runAccessPatterns,
  explain: explainAccessPatterns,
  charts: accessPatternsCharts,
};
