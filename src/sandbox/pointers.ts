import type { Memory } from './memory.js';
import { checkIndex, offsetAddress, Pointer } from './pointer.js';

// Typed pointers, one class per element type so every call site stays monomorphic. With no
// sanitizer and no trace sink (`memory.raw`), aligned accesses read the typed-array view inline;
// everything else goes through Memory's checked load/store (see bench/sandbox.bench.ts).

/** Pointer to `int8_t` (1 byte). */
export class I8Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 1);
  }
  add(n: number): I8Pointer {
    return new I8Pointer(this.memory, offsetAddress(this.address, n, 1));
  }
  /** `*p`. */
  deref(): number {
    const address = this.address;
    const memory = this.memory;
    return memory.raw ? memory.i8[address]! | 0 : memory.loadI8(address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const address = this.address;
    const memory = this.memory;
    if (memory.raw) memory.i8[address] = value;
    else memory.storeU8(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): number {
    checkIndex('index', index);
    const address = (this.address + index * 1) >>> 0;
    const memory = this.memory;
    return memory.raw ? memory.i8[address]! | 0 : memory.loadI8(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    const address = (this.address + index * 1) >>> 0;
    const memory = this.memory;
    if (memory.raw) memory.i8[address] = value;
    else memory.storeU8(address, value);
  }
}

/** Pointer to `uint8_t` (1 byte). */
export class U8Pointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 1);
  }
  add(n: number): U8Pointer {
    return new U8Pointer(this.memory, offsetAddress(this.address, n, 1));
  }
  /** `*p`. */
  deref(): number {
    const address = this.address;
    const memory = this.memory;
    return memory.raw ? memory.u8[address]! | 0 : memory.loadU8(address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const address = this.address;
    const memory = this.memory;
    if (memory.raw) memory.u8[address] = value;
    else memory.storeU8(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): number {
    checkIndex('index', index);
    const address = (this.address + index * 1) >>> 0;
    const memory = this.memory;
    return memory.raw ? memory.u8[address]! | 0 : memory.loadU8(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    const address = (this.address + index * 1) >>> 0;
    const memory = this.memory;
    if (memory.raw) memory.u8[address] = value;
    else memory.storeU8(address, value);
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
    const address = this.address;
    const memory = this.memory;
    return memory.raw && (address & 1) === 0 ? memory.i16[address >>> 1]! | 0 : memory.loadI16(address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const address = this.address;
    const memory = this.memory;
    if (memory.raw && (address & 1) === 0) memory.i16[address >>> 1] = value;
    else memory.storeU16(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): number {
    checkIndex('index', index);
    const address = (this.address + index * 2) >>> 0;
    const memory = this.memory;
    return memory.raw && (address & 1) === 0 ? memory.i16[address >>> 1]! | 0 : memory.loadI16(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    const address = (this.address + index * 2) >>> 0;
    const memory = this.memory;
    if (memory.raw && (address & 1) === 0) memory.i16[address >>> 1] = value;
    else memory.storeU16(address, value);
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
    const address = this.address;
    const memory = this.memory;
    return memory.raw && (address & 1) === 0 ? memory.u16[address >>> 1]! | 0 : memory.loadU16(address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const address = this.address;
    const memory = this.memory;
    if (memory.raw && (address & 1) === 0) memory.u16[address >>> 1] = value;
    else memory.storeU16(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): number {
    checkIndex('index', index);
    const address = (this.address + index * 2) >>> 0;
    const memory = this.memory;
    return memory.raw && (address & 1) === 0 ? memory.u16[address >>> 1]! | 0 : memory.loadU16(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    const address = (this.address + index * 2) >>> 0;
    const memory = this.memory;
    if (memory.raw && (address & 1) === 0) memory.u16[address >>> 1] = value;
    else memory.storeU16(address, value);
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
    const address = this.address;
    const memory = this.memory;
    return memory.raw && (address & 3) === 0 ? memory.i32[address >>> 2]! | 0 : memory.loadI32(address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const address = this.address;
    const memory = this.memory;
    if (memory.raw && (address & 3) === 0) memory.i32[address >>> 2] = value;
    else memory.storeI32(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): number {
    checkIndex('index', index);
    const address = (this.address + index * 4) >>> 0;
    const memory = this.memory;
    return memory.raw && (address & 3) === 0 ? memory.i32[address >>> 2]! | 0 : memory.loadI32(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    const address = (this.address + index * 4) >>> 0;
    const memory = this.memory;
    if (memory.raw && (address & 3) === 0) memory.i32[address >>> 2] = value;
    else memory.storeI32(address, value);
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
    const address = this.address;
    const memory = this.memory;
    return memory.raw && (address & 3) === 0 ? memory.u32[address >>> 2]! >>> 0 : memory.loadU32(address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const address = this.address;
    const memory = this.memory;
    if (memory.raw && (address & 3) === 0) memory.u32[address >>> 2] = value;
    else memory.storeU32(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): number {
    checkIndex('index', index);
    const address = (this.address + index * 4) >>> 0;
    const memory = this.memory;
    return memory.raw && (address & 3) === 0 ? memory.u32[address >>> 2]! >>> 0 : memory.loadU32(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    const address = (this.address + index * 4) >>> 0;
    const memory = this.memory;
    if (memory.raw && (address & 3) === 0) memory.u32[address >>> 2] = value;
    else memory.storeU32(address, value);
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
    const address = this.address;
    return this.memory.loadI64(address);
  }
  /** `*p = value`. */
  set(value: bigint): void {
    const address = this.address;
    this.memory.storeI64(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): bigint {
    checkIndex('index', index);
    const address = (this.address + index * 8) >>> 0;
    return this.memory.loadI64(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: bigint): void {
    checkIndex('index', index);
    const address = (this.address + index * 8) >>> 0;
    this.memory.storeI64(address, value);
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
    const address = this.address;
    return this.memory.loadU64(address);
  }
  /** `*p = value`. */
  set(value: bigint): void {
    const address = this.address;
    this.memory.storeU64(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): bigint {
    checkIndex('index', index);
    const address = (this.address + index * 8) >>> 0;
    return this.memory.loadU64(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: bigint): void {
    checkIndex('index', index);
    const address = (this.address + index * 8) >>> 0;
    this.memory.storeU64(address, value);
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
    const address = this.address;
    const memory = this.memory;
    return memory.raw && (address & 3) === 0 ? +memory.f32[address >>> 2]! : memory.loadF32(address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const address = this.address;
    const memory = this.memory;
    if (memory.raw && (address & 3) === 0) memory.f32[address >>> 2] = value;
    else memory.storeF32(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): number {
    checkIndex('index', index);
    const address = (this.address + index * 4) >>> 0;
    const memory = this.memory;
    return memory.raw && (address & 3) === 0 ? +memory.f32[address >>> 2]! : memory.loadF32(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    const address = (this.address + index * 4) >>> 0;
    const memory = this.memory;
    if (memory.raw && (address & 3) === 0) memory.f32[address >>> 2] = value;
    else memory.storeF32(address, value);
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
    const address = this.address;
    const memory = this.memory;
    return memory.raw && (address & 7) === 0 ? +memory.f64[address >>> 3]! : memory.loadF64(address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const address = this.address;
    const memory = this.memory;
    if (memory.raw && (address & 7) === 0) memory.f64[address >>> 3] = value;
    else memory.storeF64(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): number {
    checkIndex('index', index);
    const address = (this.address + index * 8) >>> 0;
    const memory = this.memory;
    return memory.raw && (address & 7) === 0 ? +memory.f64[address >>> 3]! : memory.loadF64(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    const address = (this.address + index * 8) >>> 0;
    const memory = this.memory;
    if (memory.raw && (address & 7) === 0) memory.f64[address >>> 3] = value;
    else memory.storeF64(address, value);
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
    const address = this.address;
    return this.memory.loadPointer(address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const address = this.address;
    this.memory.storePointer(address, value);
  }
  /** `p[index]`; allocation-free, through the typed-array view when unwatched and aligned. */
  at(index: number): number {
    checkIndex('index', index);
    const address = (this.address + index * 8) >>> 0;
    return this.memory.loadPointer(address);
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    checkIndex('index', index);
    const address = (this.address + index * 8) >>> 0;
    this.memory.storePointer(address, value);
  }
}
