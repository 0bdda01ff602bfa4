/**
 * The access-pattern kernels. "As in the text": every touch does `sum += data[i]; data[i] *= 3`
 * on Int32 data, with the index arithmetic of the text's loops inside the timed loop. One
 * function per loop shape, so each call site stays monomorphic; `Math.imul` is the wrapping
 * `*= 3` of Rust's release builds, and `| 0` keeps the sum an int32.
 */

/** Sequential: `for i in 0..n`. Returns the sum (the sink). */
export function sequentialPasses(data: Int32Array, passes: number): number {
  const n = data.length;
  let sum = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < n; i++) {
      sum = (sum + data[i]!) | 0;
      data[i] = Math.imul(data[i]!, 3);
    }
  }
  return sum;
}

/** Non-wrapping stride: `for i in (0..n).step_by(stride)`; touches ⌈n / stride⌉ elements. */
export function stridedPasses(data: Int32Array, passes: number, stride: number): number {
  const n = data.length;
  let sum = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < n; i += stride) {
      sum = (sum + data[i]!) | 0;
      data[i] = Math.imul(data[i]!, 3);
    }
  }
  return sum;
}

/** Wrapping stride: index `(i * stride) % n` for i in 0..n; n touches. */
export function wrappingPasses(data: Int32Array, passes: number, stride: number): number {
  const n = data.length;
  let sum = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < n; i++) {
      const index = (i * stride) % n;
      sum = (sum + data[index]!) | 0;
      data[index] = Math.imul(data[index]!, 3);
    }
  }
  return sum;
}

/**
 * Random, ported naively: index `(i * 37199 + 999331) % n`. Once `i * 37199` passes 2^31
 * (i > 57 729) the product is no longer a small integer: V8 computes it, the addition and the
 * modulo in floating point and converts the result back to an index on every touch. The
 * values are still right (they stay below 2^53); only the arithmetic got slower.
 */
export function randomNaivePasses(data: Int32Array, passes: number): number {
  const n = data.length;
  let sum = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < n; i++) {
      const index = (i * 37199 + 999331) % n;
      sum = (sum + data[index]!) | 0;
      data[index] = Math.imul(data[index]!, 3);
    }
  }
  return sum;
}

/**
 * Random, corrected: the same indices computed incrementally modulo n, so every value stays a
 * small integer (`index + step < 2n < 2^31`).
 */
export function randomCorrectedPasses(data: Int32Array, passes: number): number {
  const n = data.length;
  const step = 37199 % n;
  const start = 999331 % n;
  let sum = 0;
  for (let pass = 0; pass < passes; pass++) {
    let index = start;
    for (let i = 0; i < n; i++) {
      sum = (sum + data[index]!) | 0;
      data[index] = Math.imul(data[index]!, 3);
      index += step;
      if (index >= n) index -= n;
    }
  }
  return sum;
}

/**
 * Memory-isolated kernel: `count` touches from position `start` of precomputed `indices`
 * (wrapping), the same work per touch as the text's kernels. Every pattern pays the same index
 * cost (one sequential Int32Array read), so only the data accesses differ.
 *
 * The wrap is handled per span, outside the touch loop, and the loop is unrolled by four:
 * V8 re-checks both arrays' maps and polls the stack guard once per iteration, and that
 * overhead, not memory, is what a sequential touch costs in JS. The leaner the loop, the
 * closer the sequential/random ratio comes to the memory system's (bench/native.bench.ts,
 * section "Memory-isolated touch kernels", re-measures this shape against the plain loop).
 */
export function indexedTouches(data: Int32Array, indices: Int32Array, start: number, count: number): number {
  const length = indices.length;
  let position = start;
  let left = count;
  let sum = 0;
  while (left > 0) {
    const end = Math.min(length, position + left);
    sum = touchSpan(data, indices, position, end, sum);
    left -= end - position;
    position = end === length ? 0 : end;
  }
  return sum;
}

/**
 * Touches `data[indices[p]]` for p in [from, to), in order, continuing `sum`. Unchecked twin
 * of {@link indexedTouches}: the caller keeps `0 ≤ from ≤ to ≤ indices.length`.
 */
export function touchSpan(
  data: Int32Array,
  indices: Int32Array,
  from: number,
  to: number,
  sum: number,
): number {
  let p = from;
  for (; p + 4 <= to; p += 4) {
    const i0 = indices[p]!;
    const i1 = indices[p + 1]!;
    const i2 = indices[p + 2]!;
    const i3 = indices[p + 3]!;
    const v0 = data[i0]! | 0;
    sum = (sum + v0) | 0;
    data[i0] = Math.imul(v0, 3);
    const v1 = data[i1]! | 0;
    sum = (sum + v1) | 0;
    data[i1] = Math.imul(v1, 3);
    const v2 = data[i2]! | 0;
    sum = (sum + v2) | 0;
    data[i2] = Math.imul(v2, 3);
    const v3 = data[i3]! | 0;
    sum = (sum + v3) | 0;
    data[i3] = Math.imul(v3, 3);
  }
  for (; p < to; p++) {
    const index = indices[p]!;
    const value = data[index]! | 0;
    sum = (sum + value) | 0;
    data[index] = Math.imul(value, 3);
  }
  return sum;
}
