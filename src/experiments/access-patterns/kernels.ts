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
 * The wrap is handled per span, outside the touch loop, and the loop is unrolled by sixteen:
 * V8 re-checks both arrays' maps and polls the stack guard once per iteration, and that
 * overhead, not memory, is what a sequential touch costs in JS. The leaner the loop, the
 * closer the sequential/random ratio comes to the memory system's. Chosen 2026-11-26 in a
 * standalone A/B at 128 MiB (median ns per touch, sequential / random): plain loop 2.0 / 12.6,
 * unrolled by 4 1.02 / 7.8, by 8 0.80 / 7.3, by 16 0.71–0.80 / 7.7–9.1, by 16 through an
 * inlined touch() helper 0.94–0.98 / 7.7–8.1; bench/native.bench.ts, section
 * "Memory-isolated touch kernels", re-measures the shape against the plain loop every run.
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
  // Sixteen touches per trip, each in its own block, in order (an index may repeat).
  for (; p + 16 <= to; p += 16) {
    {
      const i = indices[p]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 1]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 2]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 3]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 4]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 5]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 6]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 7]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 8]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 9]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 10]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 11]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 12]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 13]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 14]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
    {
      const i = indices[p + 15]!;
      const v = data[i]! | 0;
      sum = (sum + v) | 0;
      data[i] = Math.imul(v, 3);
    }
  }
  for (; p < to; p++) {
    const i = indices[p]!;
    const v = data[i]! | 0;
    sum = (sum + v) | 0;
    data[i] = Math.imul(v, 3);
  }
  return sum;
}
