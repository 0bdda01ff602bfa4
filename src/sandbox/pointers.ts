import type { Memory } from './memory.js';
import { checkIndex, offsetAddress, Pointer } from './pointer.js';

// Typed pointers, one class per element type so every call site stays monomorphic.

/** Pointer to `int8_t` (1 bytes). */
export class I8Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 1);
  }
  add(n: number): I8Pointer {
    return new I8Pointer(this.memory, offsetAddress(this.address, n, 1));
  }
  /** `*p`. */
  deref(): number {
    return this.memory.loadI8(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    this.memory.storeU8(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): number {
    checkIndex('index', index);
    return this.memory.loadI8((this.address + index * 1) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    this.memory.storeU8((this.address + index * 1) >>> 0, value);
  }
}

/** Pointer to `uint8_t` (1 bytes). */
export class U8Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 1);
  }
  add(n: number): U8Pointer {
    return new U8Pointer(this.memory, offsetAddress(this.address, n, 1));
  }
  /** `*p`. */
  deref(): number {
    return this.memory.loadU8(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    this.memory.storeU8(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): number {
    checkIndex('index', index);
    return this.memory.loadU8((this.address + index * 1) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    this.memory.storeU8((this.address + index * 1) >>> 0, value);
  }
}

/** Pointer to `int16_t` (2 bytes). */
export class I16Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 2);
  }
  add(n: number): I16Pointer {
    return new I16Pointer(this.memory, offsetAddress(this.address, n, 2));
  }
  /** `*p`. */
  deref(): number {
    return this.memory.loadI16(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    this.memory.storeU16(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): number {
    checkIndex('index', index);
    return this.memory.loadI16((this.address + index * 2) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    this.memory.storeU16((this.address + index * 2) >>> 0, value);
  }
}

/** Pointer to `uint16_t` (2 bytes). */
export class U16Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 2);
  }
  add(n: number): U16Pointer {
    return new U16Pointer(this.memory, offsetAddress(this.address, n, 2));
  }
  /** `*p`. */
  deref(): number {
    return this.memory.loadU16(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    this.memory.storeU16(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): number {
    checkIndex('index', index);
    return this.memory.loadU16((this.address + index * 2) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    this.memory.storeU16((this.address + index * 2) >>> 0, value);
  }
}

/** Pointer to `int32_t` (4 bytes). */
export class I32Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 4);
  }
  add(n: number): I32Pointer {
    return new I32Pointer(this.memory, offsetAddress(this.address, n, 4));
  }
  /** `*p`. */
  deref(): number {
    return this.memory.loadI32(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    this.memory.storeI32(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): number {
    checkIndex('index', index);
    return this.memory.loadI32((this.address + index * 4) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    this.memory.storeI32((this.address + index * 4) >>> 0, value);
  }
}

/** Pointer to `uint32_t` (4 bytes). */
export class U32Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 4);
  }
  add(n: number): U32Pointer {
    return new U32Pointer(this.memory, offsetAddress(this.address, n, 4));
  }
  /** `*p`. */
  deref(): number {
    return this.memory.loadU32(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    this.memory.storeU32(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): number {
    checkIndex('index', index);
    return this.memory.loadU32((this.address + index * 4) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    this.memory.storeU32((this.address + index * 4) >>> 0, value);
  }
}

/** Pointer to `int64_t` (8 bytes). */
export class I64Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 8);
  }
  add(n: number): I64Pointer {
    return new I64Pointer(this.memory, offsetAddress(this.address, n, 8));
  }
  /** `*p`. */
  deref(): bigint {
    return this.memory.loadI64(this.address);
  }
  /** `*p = value`. */
  set(value: bigint): void {
    this.memory.storeI64(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): bigint {
    checkIndex('index', index);
    return this.memory.loadI64((this.address + index * 8) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: bigint): void {
    checkIndex('index', index);
    this.memory.storeI64((this.address + index * 8) >>> 0, value);
  }
}

/** Pointer to `uint64_t` (8 bytes). */
export class U64Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 8);
  }
  add(n: number): U64Pointer {
    return new U64Pointer(this.memory, offsetAddress(this.address, n, 8));
  }
  /** `*p`. */
  deref(): bigint {
    return this.memory.loadU64(this.address);
  }
  /** `*p = value`. */
  set(value: bigint): void {
    this.memory.storeU64(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): bigint {
    checkIndex('index', index);
    return this.memory.loadU64((this.address + index * 8) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: bigint): void {
    checkIndex('index', index);
    this.memory.storeU64((this.address + index * 8) >>> 0, value);
  }
}

/** Pointer to `float` (4 bytes). */
export class F32Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 4);
  }
  add(n: number): F32Pointer {
    return new F32Pointer(this.memory, offsetAddress(this.address, n, 4));
  }
  /** `*p`. */
  deref(): number {
    return this.memory.loadF32(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    this.memory.storeF32(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): number {
    checkIndex('index', index);
    return this.memory.loadF32((this.address + index * 4) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    this.memory.storeF32((this.address + index * 4) >>> 0, value);
  }
}

/** Pointer to `double` (8 bytes). */
export class F64Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 8);
  }
  add(n: number): F64Pointer {
    return new F64Pointer(this.memory, offsetAddress(this.address, n, 8));
  }
  /** `*p`. */
  deref(): number {
    return this.memory.loadF64(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    this.memory.storeF64(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): number {
    checkIndex('index', index);
    return this.memory.loadF64((this.address + index * 8) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    this.memory.storeF64((this.address + index * 8) >>> 0, value);
  }
}

/** Pointer to `void*` (8 bytes). */
export class AddressPointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 8);
  }
  add(n: number): AddressPointer {
    return new AddressPointer(this.memory, offsetAddress(this.address, n, 8));
  }
  /** `*p`. */
  deref(): number {
    return this.memory.loadPointer(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    this.memory.storePointer(this.address, value);
  }
  /** `p[index]`; allocation-free. */
  at(index: number): number {
    checkIndex('index', index);
    return this.memory.loadPointer((this.address + index * 8) >>> 0);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    this.memory.storePointer((this.address + index * 8) >>> 0, value);
  }
}
