/**
 * Errors shared by every module.
 *
 * `UsageError` marks a problem with what the user asked for (a bad flag, a size like `12XB`,
 * a malformed trace line). The CLI prints its message on one line and exits with code 2;
 * library callers can catch it by class. Any other error is a bug or an environment failure
 * (exit 1).
 */
export class UsageError extends Error {
  override readonly name: string = 'UsageError';
}

/** Throws a `UsageError` unless `value` is a finite integer in `[min, max]`. Returns it. */
export function checkInteger(what: string, value: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${what} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

/** Throws a `UsageError` unless `value` is a power of two (1, 2, 4, …). Returns it. */
export function checkPowerOfTwo(what: string, value: number): number {
  checkInteger(what, value, 1);
  if (value > 2 ** 52 || 2 ** Math.round(Math.log2(value)) !== value) {
    throw new UsageError(`${what} must be a power of two, got ${value}`);
  }
  return value;
}
