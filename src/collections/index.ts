// --- coll-arrays: Vec, NDArray, transpose, permutations, Jagged, Sparse, tracing ---

// --- coll-structs: deque, hash map/set, slot map, graph, tree, pool, struct layout ---
export {
  Deque,
  type DequeArray,
  type DequeArrayConstructor,
  type DequeOptions,
  Queue,
  Stack,
} from './deque.js';
export { ObjectDeque } from './deque-object.js';
export { Graph, type GraphOptions, type Traversal } from './graph.js';
export { IntHashMap, type IntHashOptions } from './hashmap.js';
export { IntHashSet } from './hashset.js';
export { Jagged, type PaddedLayout } from './jagged.js';
export { formatCStruct } from './layout/c-declaration.js';
export {
  defineStruct,
  type FieldSpec,
  type FieldType,
  type ResolvedScalar,
  type StructField,
  type StructHole,
  StructLayout,
  type StructOptions,
} from './layout/define-struct.js';
export { formatStructLayout, type PaholeOptions } from './layout/pahole.js';
export { SCALAR_TYPES, type ScalarInfo, type ScalarType } from './layout/scalar.js';
export { type FieldAccessor, StructArray, type StructArrayOptions } from './layout/struct-array.js';
export { type ScalarArray, type SoaColumn, StructOfArrays } from './layout/struct-of-arrays.js';
export { NDArray } from './ndarray.js';
export { type Accessor2, type Accessor3, accessor2, accessor3 } from './ndarray-access.js';
export { defaultStrides, type Order } from './ndarray-layout.js';
export type { AxisRange } from './ndarray-views.js';
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
export { Pool, type PoolOptions } from './pool.js';
export {
  handleIndex,
  handleVersion,
  MAX_SLOT_VERSION,
  SLOT_INDEX_BITS,
  type SlotHandle,
  SlotMap,
} from './slotmap.js';
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
export { Tree } from './tree.js';
export { minNonZeroCapacity, Vec } from './vec.js';
export type { ElementOf, NumericArray, NumericArrayConstructor } from './vec-types.js';
