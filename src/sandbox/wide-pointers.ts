import type { Memory } from './memory.js';
import { elementAddress, NO_VIEW_INDEX, offsetAddress, Pointer } from './pointer.js';

// Typed pointers to 64-bit values (bigints, and addresses stored as 8 bytes): no view fast
// path, every access through Memory's checked loadX/storeX.

/** Pointer to `int64_t` (8 bytes; values are bigints; always through Memory's checked path). */
export class I64Pointer extends Pointer {
  /** A pointer of this type (one class: there is no view fast path to switch). */
  static make(memory: Memory, address: number): I64Pointer {
    return new I64Pointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 8, NO_VIEW_INDEX);
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
    return this.memory.loadI64(elementAddress(this.address, index, 8));
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: bigint): void {
    this.memory.storeI64(elementAddress(this.address, index, 8), value);
  }
}

/** Pointer to `uint64_t` (8 bytes; values are bigints; always through Memory's checked path). */
export class U64Pointer extends Pointer {
  /** A pointer of this type (one class: there is no view fast path to switch). */
  static make(memory: Memory, address: number): U64Pointer {
    return new U64Pointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 8, NO_VIEW_INDEX);
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
    return this.memory.loadU64(elementAddress(this.address, index, 8));
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: bigint): void {
    this.memory.storeU64(elementAddress(this.address, index, 8), value);
  }
}

/** Pointer to `void*` (8 bytes; values are addresses; always through Memory's checked path). */
export class AddressPointer extends Pointer {
  /** A pointer of this type (one class: there is no view fast path to switch). */
  static make(memory: Memory, address: number): AddressPointer {
    return new AddressPointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 8, NO_VIEW_INDEX);
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
    return this.memory.loadPointer(elementAddress(this.address, index, 8));
  }
  /** `p[index] = value`; allocation-free. */
  setAt(index: number, value: number): void {
    this.memory.storePointer(elementAddress(this.address, index, 8), value);
  }
}
