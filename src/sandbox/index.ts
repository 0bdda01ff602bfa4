/**
 * softmem/sandbox: a C-like memory model on one ArrayBuffer (null page, static area, heap,
 * stack), typed pointers, smart pointers, and an AddressSanitizer-style checker whose errors
 * explain themselves.
 */
export type { SpaceLayout } from './diagnose.js';
export {
  BadFreeError,
  DoubleFreeError,
  describeLocation,
  HeapBufferOverflowError,
  HeapUseAfterFreeError,
  MemoryLeakError,
  NullDereferenceError,
  OutOfMemoryError,
  type RegionInfo,
  SandboxError,
  type SandboxErrorFields,
  type SandboxErrorKind,
  StackBufferOverflowError,
  StackOverflowError,
  StackUseAfterReturnError,
  UninitializedReadError,
  UnmappedAccessError,
  UseAfterMoveError,
} from './errors.js';
export {
  EXAMPLES,
  type ExampleOutcome,
  findExample,
  runExample,
  type SandboxExample,
} from './examples/index.js';
export { Heap } from './heap.js';
export type { HeapBlock, HeapStats } from './heap-blocks.js';
export {
  DEFAULT_SPACE_BYTES,
  DEFAULT_STACK_BYTES,
  HEADER_BYTES,
  hex,
  MALLOC_ALIGN_BYTES,
  MAX_SPACE_BYTES,
  NULL_PAGE_BYTES,
  POINTER_BYTES,
  Shadow,
} from './layout.js';
export { checkLeaks, type Leak, type LeakReport } from './leaks.js';
export { Memory } from './memory.js';
export { I8Pointer, I16Pointer, U8Pointer, U16Pointer } from './narrow-pointers.js';
export { renderSpaceText, type SpaceRegion, spaceRegions, spaceVegaLite } from './picture.js';
export { type ElementType, Pointer, VoidPointer } from './pointer.js';
export { Sandbox, type SandboxOptions } from './sandbox.js';
export { Box, Rc, Weak } from './smart.js';
export { Frame, type LocalVariable, Stack } from './stack.js';
export {
  f32,
  f64,
  i8,
  i16,
  i32,
  i64,
  ptr,
  StructPointer,
  type StructShape,
  struct,
  u8,
  u16,
  u32,
  u64,
} from './types.js';
export { AddressPointer, I64Pointer, U64Pointer } from './wide-pointers.js';
export { F32Pointer, F64Pointer, I32Pointer, U32Pointer } from './word-pointers.js';
