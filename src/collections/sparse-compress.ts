/**
 * The kernels shared by the compressed sparse formats. CSR is "compressed along rows", CSC
 * "along columns": the same arrays with the roles of the two axes swapped, so one set of
 * kernels serves both (`major` = the compressed axis, `minor` = the other).
 *
 * Memory layout of a compressed matrix: `offsets` (Int32, majorCount + 1 entries),
 * `indices` (Int32, nnz minor indices, sorted within each major slice, no duplicates),
 * `values` (Float64, nnz). Slice `m` is `[offsets[m], offsets[m+1])`.
 */

/** The three arrays of a compressed sparse matrix. */
export interface CompressedArrays {
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * Compresses triplets (any order, duplicates allowed) along `major`: two stable counting
 * sorts (by minor, then by major) leave each slice sorted by minor index, then duplicates
 * are summed. O(nnz + majorCount + minorCount).
 */
export function compressTriplets(
  majorCount: number,
  minorCount: number,
  major: ArrayLike<number>,
  minor: ArrayLike<number>,
  values: ArrayLike<number>,
): CompressedArrays {
  const count = values.length;
  // Pass 1: stable counting sort by minor index.
  const byMinor = countingSortOrder(minorCount, minor, null);
  // Pass 2: stable counting sort of that order by major index.
  const order = countingSortOrder(majorCount, major, byMinor);
  const offsets = new Int32Array(majorCount + 1);
  const indices = new Int32Array(count);
  const summed = new Float64Array(count);
  let written = 0;
  let k = 0;
  for (let m = 0; m < majorCount; m++) {
    offsets[m] = written;
    let previous = -1;
    while (k < count && major[order[k]!] === m) {
      const source = order[k]!;
      const index = minor[source]!;
      if (index === previous) summed[written - 1]! += values[source]!;
      else {
        indices[written] = index;
        summed[written] = values[source]!;
        written++;
        previous = index;
      }
      k++;
    }
  }
  offsets[majorCount] = written;
  return { offsets, indices: indices.slice(0, written), values: summed.slice(0, written) };
}

/** The stable order sorting `keys` (restricted to `input` order when given) by key in [0, keyCount). */
function countingSortOrder(keyCount: number, keys: ArrayLike<number>, input: Int32Array | null): Int32Array {
  const count = keys.length;
  const starts = new Int32Array(keyCount + 1);
  for (let i = 0; i < count; i++) starts[keys[i]! + 1]!++;
  for (let key = 0; key < keyCount; key++) starts[key + 1]! += starts[key]!;
  const order = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const i = input === null ? n : input[n]!;
    order[starts[keys[i]!]!++] = i;
  }
  return order;
}

/** Expands compressed arrays back to (major, minor, value) triplets in storage order. */
export function expandToTriplets(arrays: CompressedArrays): {
  major: Int32Array;
  minor: Int32Array;
  values: Float64Array;
} {
  const { offsets, indices, values } = arrays;
  const major = new Int32Array(indices.length);
  for (let m = 0; m + 1 < offsets.length; m++) major.fill(m, offsets[m]!, offsets[m + 1]!);
  return { major, minor: indices.slice(), values: values.slice() };
}

/** `y[m] = Σ values[k] · x[indices[k]]` over slice m: CSR `A x`, CSC `Aᵀ x`. */
export function gatherDot(arrays: CompressedArrays, x: Float64Array, y: Float64Array): void {
  const { offsets, indices, values } = arrays;
  const majorCount = offsets.length - 1;
  for (let m = 0; m < majorCount; m++) {
    let sum = 0;
    const end = offsets[m + 1]!;
    for (let k = offsets[m]!; k < end; k++) sum += values[k]! * x[indices[k]!]!;
    y[m] = sum;
  }
}

/** `y[indices[k]] += values[k] · x[m]` over slice m (y zeroed first): CSR `Aᵀ x`, CSC `A x`. */
export function scatterAxpy(arrays: CompressedArrays, x: Float64Array, y: Float64Array): void {
  const { offsets, indices, values } = arrays;
  const majorCount = offsets.length - 1;
  y.fill(0);
  for (let m = 0; m < majorCount; m++) {
    const scale = x[m]!;
    const end = offsets[m + 1]!;
    for (let k = offsets[m]!; k < end; k++) y[indices[k]!]! += values[k]! * scale;
  }
}

/** Byte addresses of the three arrays when laid out back to back from `baseAddress`, 64-byte aligned. */
export interface CompressedAddresses {
  readonly offsets: number;
  readonly indices: number;
  readonly values: number;
}

/** Lays the arrays out from `baseAddress`: offsets, then indices, then values, each 64-byte aligned. */
export function compressedAddresses(arrays: CompressedArrays, baseAddress: number): CompressedAddresses {
  const align = (address: number): number => Math.ceil(address / 64) * 64;
  const offsets = baseAddress;
  const indices = align(offsets + arrays.offsets.byteLength);
  const values = align(indices + arrays.indices.byteLength);
  return { offsets, indices, values };
}
