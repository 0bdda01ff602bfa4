/**
 * Permutations of `0..n-1` stored as `Int32Array`s, and the "permuted arrays" of the seed
 * text: reorder data so that a traversal that used to jump around memory walks it
 * sequentially.
 *
 * Convention: a permutation `p` is applied by *gathering*: `gather(src, p)[i] = src[p[i]]`
 * ("position i of the result takes element p[i]"). `scatter` is its inverse.
 */
import type { NumericArray } from './vec-types.js';

/** A numeric array or plain number array that can be permuted. */
export type Permutable = NumericArray | number[];

/** `[0, 1, …, n-1]`. */
export function identityPermutation(n: number): Int32Array {
  checkLength(n);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return p;
}

function checkLength(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1)
    throw new RangeError(`length must be a non-negative int32, got ${String(n)}`);
}

/** The reason `p` is not a permutation of `0..p.length-1`, or `null` when it is. O(n). */
export function permutationProblem(p: ArrayLike<number>): string | null {
  const seen = new Uint8Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const value = p[i]!;
    if (!Number.isInteger(value) || value < 0 || value >= p.length) {
      return `not a permutation: entry ${i} is ${String(value)}, outside [0, ${p.length})`;
    }
    if (seen[value] === 1) return `not a permutation: ${value} appears twice`;
    seen[value] = 1;
  }
  return null;
}

/** Throws a `RangeError` naming the problem unless `p` is a permutation (of `length` items, if given). */
export function checkPermutation(p: ArrayLike<number>, length?: number): void {
  if (length !== undefined && p.length !== length) {
    throw new RangeError(`permutation has length ${p.length} but the data has length ${length}`);
  }
  const problem = permutationProblem(p);
  if (problem !== null) throw new RangeError(problem);
}

/** True when `p` is a permutation of `0..p.length-1`. */
export function isPermutation(p: ArrayLike<number>): boolean {
  return permutationProblem(p) === null;
}

/** The inverse: `invert(p)[p[i]] = i`. O(n). */
export function invertPermutation(p: ArrayLike<number>): Int32Array {
  checkPermutation(p);
  const inverse = new Int32Array(p.length);
  for (let i = 0; i < p.length; i++) inverse[p[i]!] = i;
  return inverse;
}

/**
 * The permutation that gathers by `first` and then by `second`:
 * `gather(gather(x, first), second) = gather(x, compose(first, second))`, i.e. `r[i] = first[second[i]]`.
 */
export function composePermutations(first: ArrayLike<number>, second: ArrayLike<number>): Int32Array {
  checkPermutation(first);
  checkPermutation(second, first.length);
  const result = new Int32Array(first.length);
  for (let i = 0; i < first.length; i++) result[i] = first[second[i]!]!;
  return result;
}

function allocateLike<T extends Permutable>(src: T): T {
  if (Array.isArray(src)) return new Array<number>(src.length).fill(0) as T;
  const arrayType = src.constructor as new (length: number) => T;
  return new arrayType(src.length);
}

/**
 * `dst[i] = src[p[i]]`: reads `src` in the permutation's order, writes `dst` sequentially.
 * Returns `dst` (a new array of the same type when omitted). O(n).
 *
 * @example
 * ```ts
 * const data = Float64Array.from([10, 20, 30]);
 * Array.from(gather(data, [2, 0, 1])); // => [30, 10, 20]
 * Array.from(scatter(data, [2, 0, 1])); // => [20, 30, 10]
 * ```
 */
export function gather<T extends Permutable>(src: T, p: ArrayLike<number>, dst?: T): T {
  checkPermutation(p, src.length);
  const out = dst ?? allocateLike(src);
  if (out.length !== src.length)
    throw new RangeError(`destination has length ${out.length}, expected ${src.length}`);
  if (out === src) throw new RangeError('gather cannot write into its source; use permuteInPlace');
  const source = src as unknown as Array<number | bigint>;
  const target = out as unknown as Array<number | bigint>;
  for (let i = 0; i < p.length; i++) target[i] = source[p[i]!]!;
  return out;
}

/** `dst[p[i]] = src[i]`: the inverse of `gather`. Returns `dst`. O(n). */
export function scatter<T extends Permutable>(src: T, p: ArrayLike<number>, dst?: T): T {
  checkPermutation(p, src.length);
  const out = dst ?? allocateLike(src);
  if (out.length !== src.length)
    throw new RangeError(`destination has length ${out.length}, expected ${src.length}`);
  if (out === src) throw new RangeError('scatter cannot write into its source; use permuteInPlace');
  const source = src as unknown as Array<number | bigint>;
  const target = out as unknown as Array<number | bigint>;
  for (let i = 0; i < p.length; i++) target[p[i]!] = source[i]!;
  return out;
}

/** `data ← gather(data, p)` without a second data array: follows each cycle once. O(n) time, n bits extra. */
export function permuteInPlace<T extends Permutable>(data: T, p: ArrayLike<number>): T {
  checkPermutation(p, data.length);
  const values = data as unknown as Array<number | bigint>;
  const done = new Uint8Array(p.length);
  for (let start = 0; start < p.length; start++) {
    if (done[start] === 1) continue;
    const first = values[start]!;
    let i = start;
    for (;;) {
      done[i] = 1;
      const next = p[i]!;
      if (next === start) {
        values[i] = first;
        break;
      }
      values[i] = values[next]!;
      i = next;
    }
  }
  return data;
}

/**
 * Rewrites indices that point into data reordered by `gather(data, p)`: `out[k] = inverse(p)[indices[k]]`.
 * Use it on edge lists, index buffers, … after reordering the data they point into.
 */
export function remapIndices(indices: ArrayLike<number>, p: ArrayLike<number>): Int32Array {
  const inverse = invertPermutation(p);
  const out = new Int32Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const index = indices[k]!;
    if (!Number.isInteger(index) || index < 0 || index >= p.length) {
      throw new RangeError(`index ${String(index)} out of range for length ${p.length}`);
    }
    out[k] = inverse[index]!;
  }
  return out;
}

/** The stable permutation that sorts `keys` ascending: `gather(keys, sortPermutation(keys))` is sorted. O(n log n). */
export function sortPermutation(keys: ArrayLike<number>): Int32Array {
  const order = Array.from(identityPermutation(keys.length));
  order.sort((a, b) => keys[a]! - keys[b]! || a - b);
  return Int32Array.from(order);
}
