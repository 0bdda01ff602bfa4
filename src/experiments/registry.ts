/** The experiments the CLI lists and runs, in the order of the main job. */
import { UsageError } from '../util/errors.js';
import { accessPatternsExperiment } from './access-patterns/experiment.js';
import { bandwidthExperiment } from './bandwidth/experiment.js';
import { latencyExperiment } from './latency/experiment.js';
import { lineSizeExperiment } from './line-size/experiment.js';
import { multidimExperiment } from './multidim/experiment.js';
import { structLayoutExperiment } from './struct-layout/experiment.js';
import { transposeExperiment } from './transpose/experiment.js';
import type { Experiment } from './types.js';
import { vectorGrowthExperiment } from './vector-growth/experiment.js';

/**
 * Every experiment, in the main job's order: the machine's latency and bandwidth first (the
 * others price simulated misses with latencies of their own), then the seed text's.
 */
export const EXPERIMENTS: readonly Experiment[] = [
  latencyExperiment as unknown as Experiment,
  bandwidthExperiment as unknown as Experiment,
  lineSizeExperiment as unknown as Experiment,
  accessPatternsExperiment as unknown as Experiment,
  multidimExperiment as unknown as Experiment,
  vectorGrowthExperiment as unknown as Experiment,
  structLayoutExperiment as unknown as Experiment,
  transposeExperiment as unknown as Experiment,
];

/**
 * The experiment with this id; throws `UsageError` naming the known ones otherwise.
 *
 * @example
 * ```ts
 * findExperiment('latency').title; // 'Memory latency by working-set size'
 * ```
 */
export function findExperiment(id: string): Experiment {
  const found = EXPERIMENTS.find((experiment) => experiment.id === id);
  if (found === undefined) {
    throw new UsageError(`unknown experiment '${id}' (known: ${EXPERIMENTS.map((e) => e.id).join(', ')})`);
  }
  return found;
}
