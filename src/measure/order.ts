/** Shuffled run order: run experiments or working-set sizes in a seeded random order so drift does not line up with size. */
import { Random } from '../util/index.js';

/**
 * A permutation of `0 … n−1`, shuffled with a seeded {@link Random} (same seed, same order).
 * O(n).
 *
 * @example
 * ```ts
 * for (const index of shuffledOrder(sizes.length, 42)) run(sizes[index]);
 * ```
 */
export function shuffledOrder(n: number, seed: number): number[] {
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`shuffledOrder: n must be a non-negative integer, got ${String(n)}`);
  }
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  return new Random(seed).shuffle(order);
}
