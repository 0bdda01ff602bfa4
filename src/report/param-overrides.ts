import type { Experiment } from '../experiments/types.js';
import { UsageError } from '../util/errors.js';
import { parseBytes, parseCount } from '../util/units.js';

/** One `--param [id.]key=value` assignment from the command line, not yet typed. */
export interface ParamAssignment {
  /** The experiment id it is restricted to, or null for every selected experiment that has `key`. */
  experimentId: string | null;
  key: string;
  text: string;
}

/**
 * Parses `[id.]key=value`. Throws `UsageError` for anything without a key and an `=`.
 *
 * @example
 * ```ts
 * parseParamAssignment('latency.maxBytes=8M'); // { experimentId: 'latency', key: 'maxBytes', text: '8M' }
 * ```
 */
export function parseParamAssignment(text: string): ParamAssignment {
  const match = /^(?:([A-Za-z0-9_-]+)\.)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(text);
  if (match === null) throw new UsageError(`--param wants key=value or experiment.key=value, got '${text}'`);
  return { experimentId: match[1] ?? null, key: match[2]!, text: match[3]! };
}

/**
 * The parameters to run `experiment` with: its full or quick defaults, with every assignment
 * that applies replaced by a value of the default's type. Numbers whose key ends in `Bytes`
 * take sizes (`32K`, `4MiB`); integers take non-negative counts; lists take comma-separated
 * items. Throws `UsageError` for a key the experiment lacks or a value of the wrong kind.
 */
export function resolveParams(
  experiment: Experiment,
  quick: boolean,
  assignments: readonly ParamAssignment[],
): object {
  const defaults = (quick ? experiment.defaults.quick : experiment.defaults.full) as Record<string, unknown>;
  const params: Record<string, unknown> = { ...defaults };
  for (const assignment of assignments) {
    if (assignment.experimentId !== null && assignment.experimentId !== experiment.id) continue;
    if (!Object.hasOwn(defaults, assignment.key)) {
      if (assignment.experimentId === null) continue; // applies to the experiments that have it
      throw new UsageError(
        `experiment '${experiment.id}' has no parameter '${assignment.key}' (known: ${Object.keys(defaults).join(', ')})`,
      );
    }
    params[assignment.key] = parseLike(defaults[assignment.key], assignment.key, assignment.text);
  }
  return params;
}

/**
 * Checks that every assignment without an experiment prefix names a parameter of at least one
 * selected experiment, and every prefixed one names a selected experiment.
 */
export function checkAssignmentsApply(
  experiments: readonly Experiment[],
  assignments: readonly ParamAssignment[],
): void {
  for (const assignment of assignments) {
    const targets = experiments.filter(
      (experiment) => assignment.experimentId === null || assignment.experimentId === experiment.id,
    );
    if (assignment.experimentId !== null && targets.length === 0) {
      throw new UsageError(`--param names experiment '${assignment.experimentId}', which is not being run`);
    }
    const hasKey = targets.some((experiment) => Object.hasOwn(experiment.defaults.full, assignment.key));
    if (!hasKey) throw new UsageError(`no experiment being run has a parameter '${assignment.key}'`);
  }
}

function parseLike(example: unknown, key: string, text: string): unknown {
  const what = `parameter '${key}'`;
  if (typeof example === 'number') return parseNumber(example, key, text);
  if (typeof example === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new UsageError(`${what} must be true or false, got '${text}'`);
  }
  if (typeof example === 'string') return text;
  if (Array.isArray(example)) {
    const items = text.split(',').map((item) => item.trim());
    if (items.some((item) => item === ''))
      throw new UsageError(`${what} must be a comma-separated list, got '${text}'`);
    const first: unknown = example[0];
    if (typeof first === 'string') return items;
    if (typeof first === 'number' || first === undefined)
      return items.map((item) => parseNumber(1, key, item));
  }
  throw new UsageError(`${what} cannot be set from the command line`);
}

function parseNumber(example: number, key: string, text: string): number {
  if (/bytes$/i.test(key)) return parseBytes(text);
  if (Number.isInteger(example)) return parseCount(`parameter '${key}'`, text);
  if (!/^\s*\d+(?:\.\d+)?\s*$/.test(text)) {
    throw new UsageError(`parameter '${key}' must be a non-negative number, got '${text}'`);
  }
  return Number(text);
}
