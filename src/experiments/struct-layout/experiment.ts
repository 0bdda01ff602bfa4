import type { Experiment } from '../types.js';
import { structLayoutCharts } from './charts.js';
import { explainStructLayout } from './explain.js';
import { STRUCT_LAYOUT_DEFAULTS, type StructLayoutParams } from './params.js';
import { runStructLayout } from './run.js';

/**
 * `struct-layout`: arrays of the text's `{ short first; int second; }`, packed (6 B) and padded
 * (8 B). The writes `structs[i].first = …; structs[i].second = …` are counted exactly against
 * cache-line boundaries, replayed through the cache simulator (a straddling write is two L1d
 * accesses) and timed from L1d-sized to beyond-L2 arrays.
 */
export const structLayoutExperiment: Experiment<StructLayoutParams> = {
  id: 'struct-layout',
  title: 'Struct layout',
  description:
    'Packed (6 B) vs padded (8 B) arrays of the text’s struct: writes that straddle cache lines, counted exactly and by the simulator, and timed.',
  defaults: STRUCT_LAYOUT_DEFAULTS,
  run: runStructLayout,
  explain: explainStructLayout,
  charts: structLayoutCharts,
};
