/**
 * Closure accessors: the fastest way to index an `NDArray` in an inner loop.
 *
 * A method like `get3Unchecked` must reload `data`, `offset` and the strides from the object
 * on every call (TurboFan does not hoist field loads out of loops), which costs ~3× a
 * hand-written flat-index loop. The closures below capture them as locals of one call, so
 * once inlined the index arithmetic is as cheap as the hand-written loop
 * (bench/collections-arrays.bench.ts, "NDArray: 3-D get/set loop"). Unchecked and untraced;
 * they keep the layout of the moment they were made.
 *
 * Make an accessor once per array and reuse it: V8 inlines a closure call only while the call
 * site keeps seeing the same closure, so creating fresh accessors inside a hot kernel on every
 * call is several times slower (the bench row "accessor3 made inside the kernel").
 */
import type { NDArray } from './ndarray.js';
import type { ElementOf, NumericArray, RawArray } from './vec-types.js';

/** Unchecked 2-D element access bound to one array's layout. */
export interface Accessor2<A extends NumericArray> {
  readonly get: (i: number, j: number) => ElementOf<A>;
  readonly set: (i: number, j: number, value: ElementOf<A>) => void;
}

/** Unchecked 3-D element access bound to one array's layout. */
export interface Accessor3<A extends NumericArray> {
  readonly get: (i: number, j: number, k: number) => ElementOf<A>;
  readonly set: (i: number, j: number, k: number, value: ElementOf<A>) => void;
}

/**
 * `{ get, set }` for a 2-D array: `get(i, j)` reads `data[offset + i·s0 + j·s1]` with no check.
 * Throws unless the array is 2-D.
 */
export function accessor2<A extends NumericArray>(array: NDArray<A>): Accessor2<A> {
  if (array.ndim !== 2) throw new RangeError(`accessor2 needs a 2-D array, got ${array.ndim}-D`);
  const data = array.data as unknown as RawArray;
  const offset = array.offset;
  const stride0 = array.strides[0]!;
  const stride1 = array.strides[1]!;
  return {
    get: (i, j) => data[offset + i * stride0 + j * stride1] as ElementOf<A>,
    set: (i, j, value) => {
      data[offset + i * stride0 + j * stride1] = value;
    },
  };
}

/**
 * `{ get, set }` for a 3-D array, unchecked. Keep the two functions in locals inside the loop.
 *
 * @example
 * ```ts
 * const cube = NDArray.zeros(Float64Array, [2, 3, 4]);
 * const { get, set } = accessor3(cube);
 * for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) set(i, j, k, get(i, j, k) + i);
 * cube.get3(1, 2, 3); // => 1
 * ```
 */
export function accessor3<A extends NumericArray>(array: NDArray<A>): Accessor3<A> {
  if (array.ndim !== 3) throw new RangeError(`accessor3 needs a 3-D array, got ${array.ndim}-D`);
  const data = array.data as unknown as RawArray;
  const offset = array.offset;
  const stride0 = array.strides[0]!;
  const stride1 = array.strides[1]!;
  const stride2 = array.strides[2]!;
  return {
    get: (i, j, k) => data[offset + i * stride0 + j * stride1 + k * stride2] as ElementOf<A>,
    set: (i, j, k, value) => {
      data[offset + i * stride0 + j * stride1 + k * stride2] = value;
    },
  };
}
