import type { Memory } from './memory.js';
import { I8Pointer, I16Pointer, U8Pointer, U16Pointer } from './narrow-pointers.js';
import { type ElementType, NO_VIEW_INDEX, offsetAddress, Pointer } from './pointer.js';
import { AddressPointer, I64Pointer, U64Pointer } from './wide-pointers.js';
import { F32Pointer, F64Pointer, I32Pointer, U32Pointer } from './word-pointers.js';

function scalar<P extends Pointer>(
  name: string,
  sizeBytes: number,
  pointerClass: { make(memory: Memory, address: number): P },
): ElementType<P> {
  return {
    name,
    sizeBytes,
    alignBytes: sizeBytes,
    pointer: (memory, address) => pointerClass.make(memory, address),
  };
}

/** `int8_t`. */
export const i8: ElementType<I8Pointer> = scalar('i8', 1, I8Pointer);
/** `uint8_t`. */
export const u8: ElementType<U8Pointer> = scalar('u8', 1, U8Pointer);
/** `int16_t`. */
export const i16: ElementType<I16Pointer> = scalar('i16', 2, I16Pointer);
/** `uint16_t`. */
export const u16: ElementType<U16Pointer> = scalar('u16', 2, U16Pointer);
/** `int32_t` (C's `int` on every mainstream 64-bit ABI: `sizeof(int)` is 4). */
export const i32: ElementType<I32Pointer> = scalar('i32', 4, I32Pointer);
/** `uint32_t`. */
export const u32: ElementType<U32Pointer> = scalar('u32', 4, U32Pointer);
/** `int64_t` (values are bigints). */
export const i64: ElementType<I64Pointer> = scalar('i64', 8, I64Pointer);
/** `uint64_t` (values are bigints). */
export const u64: ElementType<U64Pointer> = scalar('u64', 8, U64Pointer);
/** `float`. */
export const f32: ElementType<F32Pointer> = scalar('f32', 4, F32Pointer);
/** `double`. */
export const f64: ElementType<F64Pointer> = scalar('f64', 8, F64Pointer);
/** `void*` stored in memory: 8 bytes, values are addresses (numbers). */
export const ptr: ElementType<AddressPointer> = scalar('ptr', 8, AddressPointer);

/**
 * What the sandbox needs of a struct layout. `defineStruct` of `softmem/collections` returns a
 * `StructLayout` that satisfies it; any object with these members works.
 */
export interface StructShape {
  readonly name?: string;
  /** `sizeof`: bytes per element including trailing padding. */
  readonly sizeOf: number;
  /** `alignof`. */
  readonly alignOf: number;
  /** `offsetof(T, name)`; throws for an unknown field. */
  offsetOf(name: string): number;
}

/** Pointer to a struct: `add`/`at` stride by `sizeOf`, `field` is `&p->name`. */
export class StructPointer extends Pointer {
  declare readonly layout: StructShape;

  constructor(memory: Memory, address: number, layout: StructShape) {
    super(memory, address, layout.sizeOf, NO_VIEW_INDEX);
    this.layout = layout;
  }

  add(n: number): StructPointer {
    return new StructPointer(this.memory, offsetAddress(this.address, n, this.layout.sizeOf), this.layout);
  }

  /** `&p[index]`. */
  at(index: number): StructPointer {
    return this.add(index);
  }

  /** `&p->name`, typed: `p.field('x', f64).set(1.5)`. */
  field<P extends Pointer>(name: string, type: ElementType<P>): P {
    return type.pointer(this.memory, this.address + this.layout.offsetOf(name));
  }
}

/** The element type of a struct layout, for `cast`, `mallocArray` and locals. */
export function struct(layout: StructShape): ElementType<StructPointer> {
  if (!Number.isInteger(layout.sizeOf) || layout.sizeOf <= 0) {
    throw new RangeError(`struct sizeOf must be a positive integer, got ${String(layout.sizeOf)}`);
  }
  if (
    !Number.isInteger(layout.alignOf) ||
    layout.alignOf <= 0 ||
    (layout.alignOf & (layout.alignOf - 1)) !== 0
  ) {
    throw new RangeError(`struct alignOf must be a power of two, got ${String(layout.alignOf)}`);
  }
  return {
    name: layout.name ?? 'struct',
    sizeBytes: layout.sizeOf,
    alignBytes: layout.alignOf,
    pointer: (memory, address) => new StructPointer(memory, address, layout),
  };
}
