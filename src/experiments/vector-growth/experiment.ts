import type { Experiment } from '../types.js';
import { vectorGrowthCharts } from './charts.js';
import { explainVectorGrowth } from './explain.js';
import { VECTOR_GROWTH_DEFAULTS, type VectorGrowthParams } from './params.js';
import { runVectorGrowth } from './run.js';

/**
 * `vector-growth`: 10³ … 10⁷ Int32 pushes into softmem's `Vec` without reserve, with
 * `reserve(n)`, with `withCapacity(n)`, and into JS Arrays (push, preallocated); reallocations
 * and bytes copied from Vec's counters, ns per push from the harness; and the text's exercise
 * traced on a real Vec.
 */
export const vectorGrowthExperiment: Experiment<VectorGrowthParams> = {
  id: 'vector-growth',
  title: 'Vector growth',
  description:
    'Pushes into Vec without and with reserve/withCapacity and into JS Arrays: reallocations, bytes copied and ns per push; the text’s exercise as a length/capacity timeline.',
  defaults: VECTOR_GROWTH_DEFAULTS,
  run: runVectorGrowth,
  explain: explainVectorGrowth,
  charts: vectorGrowthCharts,
};
