import type { Experiment } from '../experiments/types.js';
import { UsageError } from '../util/errors.js';

/**
 * Picks experiments by id, in the order given, from `registry`. With `all`, every experiment
 * in registry order. Throws `UsageError` naming an unknown id and the known ones, and when
 * nothing was asked for. Duplicates are run once.
 *
 * @example
 * ```ts
 * selectExperiments(['bandwidth'], false, EXPERIMENTS); // [bandwidth]
 * ```
 */
export function selectExperiments(
  ids: readonly string[],
  all: boolean,
  registry: readonly Experiment[],
): Experiment[] {
  if (all) {
    if (ids.length > 0) throw new UsageError('give experiment ids or --all, not both');
    return [...registry];
  }
  if (ids.length === 0) {
    throw new UsageError(`name at least one experiment (${knownIds(registry)}) or use --all`);
  }
  const chosen: Experiment[] = [];
  for (const id of ids) {
    const experiment = registry.find((candidate) => candidate.id === id);
    if (experiment === undefined) {
      throw new UsageError(`unknown experiment '${id}' (known: ${knownIds(registry)})`);
    }
    if (!chosen.includes(experiment)) chosen.push(experiment);
  }
  return chosen;
}

function knownIds(registry: readonly Experiment[]): string {
  return registry.length === 0 ? 'none registered' : registry.map((experiment) => experiment.id).join(', ');
}
