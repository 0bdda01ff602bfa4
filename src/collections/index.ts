// --- coll-arrays: Vec, NDArray, transpose, permutations, Jagged, Sparse, tracing ---
export { Jagged, type PaddedLayout } from './jagged.js';
export { type AxisRange, NDArray } from './ndarray.js';
export { type Accessor2, type Accessor3, accessor2, accessor3 } from './ndarray-access.js';
export { defaultStrides, type Order } from './ndarray-layout.js';
export {
  checkPermutation,
  composePermutations,
  gather,
  identityPermutation,
  invertPermutation,
  isPermutation,
  type Permutable,
  permuteInPlace,
  remapIndices,
  scatter,
  sortPermutation,
} from './permutation.js';
export { bfsOrder, hilbertIndex2, hilbertOrder, mortonCode2, mortonOrder } from './permutation-locality.js';
export { CooMatrix, CscMatrix, CsrMatrix } from './sparse.js';
export type { CompressedArrays } from './sparse-compress.js';
export { alignAddress, type ResolvedTrace, resolveTrace, type TraceOptions } from './tracing.js';
export {
  DEFAULT_RECURSIVE_LEAF_ELEMENTS,
  DEFAULT_TRANSPOSE_BLOCK_BYTES,
  type RecursiveTransposeOptions,
  type TransposeOptions,
  transposeInto,
  transposeIntoRecursive,
  transposeNaive,
} from './transpose.js';
export { minNonZeroCapacity, Vec } from './vec.js';
export type { ElementOf, NumericArray, NumericArrayConstructor } from './vec-types.js';
