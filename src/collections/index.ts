// --- coll-structs: deque, hash map/set, slot map, graph, tree, pool, struct layout ---
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
export type { TraceOptions } from './layout/trace-options.js';
