import type { Experiment } from '../types.js';
import { bandwidthCharts } from './charts.js';
import { explainBandwidth } from './explain.js';
import { BANDWIDTH_DEFAULTS, type BandwidthParams } from './params.js';
import { runBandwidth } from './run.js';

/**
 * `bandwidth`: sequential read (4 accumulators), write, copy and triad loops over
 * `Float64Array`s, plus V8's `fill` and `set`, from L1-sized working sets to 4× the
 * last-level cache, each next to the same loop compiled from C.
 */
export const bandwidthExperiment: Experiment<BandwidthParams> = {
  id: 'bandwidth',
  title: 'Memory bandwidth by working-set size',
  description:
    'Sequential read, write, copy and triad over Float64Arrays (and V8 fill/set): GB/s for each working-set size, next to the same loops in C.',
  defaults: BANDWIDTH_DEFAULTS,
  run: runBandwidth,
  explain: explainBandwidth,
  charts: bandwidthCharts,
};
