/**
 * The naive line-size sweep, for comparison: one load per stride, in address order, through a
 * buffer larger than L2. The textbook expects the cost per load to rise until the stride
 * reaches the line and flatten after; hardware prefetchers follow the address stream and hide
 * misses, so the curve shows where prefetching stops keeping up instead.
 */

/**
 * Sums `count` words of `data` at `start`, `start + strideWords`, … wrapping at the end (the
 * stride must divide the length). O(count), allocation-free.
 */
export function stridedSum(data: Int32Array, strideWords: number, start: number, count: number): number {
  const length = data.length;
  let position = start | 0;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    sum = (sum + data[position]!) | 0;
    position += strideWords;
    if (position >= length) position -= length;
  }
  return sum;
}

/** A harness kernel over `data` at `strideBytes`; the position carries on across calls. */
export function naiveKernel(data: Int32Array, strideBytes: number): (count: number) => number {
  const strideWords = strideBytes / 4;
  let position = 0;
  return (count) => {
    const sum = stridedSum(data, strideWords, position, count);
    position = (position + count * strideWords) % data.length;
    return sum;
  };
}

/** The buffer of the naive sweep: `multiple` × L2 rounded up to a power of two, filled with 1. */
export function naiveBuffer(l2Bytes: number, multiple: number): Int32Array {
  const bytes = 2 ** Math.ceil(Math.log2(Math.max(4096, multiple * l2Bytes)));
  return new Int32Array(bytes / 4).fill(1);
}
