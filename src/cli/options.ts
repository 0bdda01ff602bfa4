import { InvalidArgumentError } from 'commander';
import { checkInteger, UsageError } from '../util/errors.js';
import { parseCount } from '../util/units.js';

/** The largest seed: `Random` takes 32-bit seeds. */
export const MAX_SEED = 2 ** 32 - 1;

/** A commander argument parser for `--seed N`: a non-negative 32-bit integer, else a one-line usage error. */
export function parseSeedOption(text: string): number {
  try {
    return checkInteger('seed', parseCount('seed', text), 0, MAX_SEED);
  } catch (error) {
    if (error instanceof UsageError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

/** A commander argument parser that collects a repeatable option into a list. */
export function collectOption(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
