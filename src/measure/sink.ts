/**
 * A result sink that defeats dead-code elimination: a value stored here escapes to module
 * state the optimiser cannot see through, so the work that produced it must happen.
 */

let sunk = 0;

/**
 * Consumes `value` so the computation that produced it cannot be optimised away. Cheap (one
 * store to module state); call it with a kernel's result, or inside a kernel on values the
 * kernel would otherwise discard.
 *
 * @example
 * ```ts
 * let sum = 0;
 * for (let i = 0; i < data.length; i++) sum += data[i];
 * blackhole(sum);
 * ```
 */
export function blackhole(value: number): void {
  // XOR of the low 32 bits keeps the state a small integer whatever the inputs are.
  sunk = (sunk ^ (value | 0)) | 0;
}

/** The current sink state (a 32-bit integer; its value means nothing, it only has to exist). */
export function sinkValue(): number {
  return sunk;
}
