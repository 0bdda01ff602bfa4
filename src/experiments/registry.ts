/** The experiments the CLI lists and runs, in the order of the main job. */
import { UsageError } from '../util/errors.js';
import { bandwidthExperiment } from './bandwidth/experiment.js';
import { latencyExperiment } from './latency/experiment.js';
import type { Experiment } from './types.js';

/** Every experiment, by id: `latency`, `bandwidth`. */
export const EXPERIMENTS: readonly Experiment[] = [
  latencyExperiment as unknown as Experiment,
  bandwidthExperiment as unknown as Experiment,
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
