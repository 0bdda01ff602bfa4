import type { Memory } from './memory.js';
import { elementAddress, offsetAddress, Pointer, viewIndexOf } from './pointer.js';

// Typed pointers to 32-bit integers, float and double, one class per element type so every
// call site stays monomorphic.
// Each class has a watched twin; the fast path and why it is split this way: see pointer.ts.

/** Pointer to `int32_t` (4 bytes). */
export class I32Pointer extends Pointer {
  /** A pointer of this type: the fast class on unwatched memory, the watched twin otherwise. */
  static make(memory: Memory, address: number): I32Pointer {
    return memory.raw ? new I32Pointer(memory, address) : new WatchedI32Pointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 4, viewIndexOf(address, 4));
  }
  add(n: number): I32Pointer {
    return I32Pointer.make(this.memory, offsetAddress(this.address, n, 4));
  }
  /** `*p`. */
  deref(): number {
    const view = this.memory.fastI32;
    const at = this.viewIndex;
    return at < view.length ? view[at]! : this.memory.loadI32(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const view = this.memory.fastI32;
    const at = this.viewIndex;
    if (at < view.length) view[at] = value;
    else this.memory.storeI32(this.address, value);
  }
  /** `p[index]`; allocation-free; one view read when unwatched and aligned. */
  at(index: number): number {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastI32;
      const at = this.viewIndex + index;
      if (at < view.length) return view[at]!;
    }
    return this.memory.loadI32(elementAddress(this.address, index, 4));
  }
  /** `p[index] = value`; allocation-free; one view write when unwatched and aligned. */
  setAt(index: number, value: number): void {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastI32;
      const at = this.viewIndex + index;
      if (at < view.length) {
        view[at] = value;
        return;
      }
    }
    this.memory.storeI32(elementAddress(this.address, index, 4), value);
  }
}

/** `I32Pointer` made on watched memory: every access through Memory's checked path. */
class WatchedI32Pointer extends I32Pointer {
  override deref(): number {
    return this.memory.loadI32(this.address);
  }
  override set(value: number): void {
    this.memory.storeI32(this.address, value);
  }
  override at(index: number): number {
    return this.memory.loadI32(elementAddress(this.address, index, 4));
  }
  override setAt(index: number, value: number): void {
    this.memory.storeI32(elementAddress(this.address, index, 4), value);
  }
}

/** Pointer to `uint32_t` (4 bytes). */
export class U32Pointer extends Pointer {
  /** A pointer of this type: the fast class on unwatched memory, the watched twin otherwise. */
  static make(memory: Memory, address: number): U32Pointer {
    return memory.raw ? new U32Pointer(memory, address) : new WatchedU32Pointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 4, viewIndexOf(address, 4));
  }
  add(n: number): U32Pointer {
    return U32Pointer.make(this.memory, offsetAddress(this.address, n, 4));
  }
  /** `*p`. */
  deref(): number {
    const view = this.memory.fastU32;
    const at = this.viewIndex;
    return at < view.length ? view[at]! : this.memory.loadU32(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const view = this.memory.fastU32;
    const at = this.viewIndex;
    if (at < view.length) view[at] = value;
    else this.memory.storeU32(this.address, value);
  }
  /** `p[index]`; allocation-free; one view read when unwatched and aligned. */
  at(index: number): number {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastU32;
      const at = this.viewIndex + index;
      if (at < view.length) return view[at]!;
    }
    return this.memory.loadU32(elementAddress(this.address, index, 4));
  }
  /** `p[index] = value`; allocation-free; one view write when unwatched and aligned. */
  setAt(index: number, value: number): void {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastU32;
      const at = this.viewIndex + index;
      if (at < view.length) {
        view[at] = value;
        return;
      }
    }
    this.memory.storeU32(elementAddress(this.address, index, 4), value);
  }
}

/** `U32Pointer` made on watched memory: every access through Memory's checked path. */
class WatchedU32Pointer extends U32Pointer {
  override deref(): number {
    return this.memory.loadU32(this.address);
  }
  override set(value: number): void {
    this.memory.storeU32(this.address, value);
  }
  override at(index: number): number {
    return this.memory.loadU32(elementAddress(this.address, index, 4));
  }
  override setAt(index: number, value: number): void {
    this.memory.storeU32(elementAddress(this.address, index, 4), value);
  }
}

/** Pointer to `float` (4 bytes). */
export class F32Pointer extends Pointer {
  /** A pointer of this type: the fast class on unwatched memory, the watched twin otherwise. */
  static make(memory: Memory, address: number): F32Pointer {
    return memory.raw ? new F32Pointer(memory, address) : new WatchedF32Pointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 4, viewIndexOf(address, 4));
  }
  add(n: number): F32Pointer {
    return F32Pointer.make(this.memory, offsetAddress(this.address, n, 4));
  }
  /** `*p`. */
  deref(): number {
    const view = this.memory.fastF32;
    const at = this.viewIndex;
    return at < view.length ? view[at]! : this.memory.loadF32(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const view = this.memory.fastF32;
    const at = this.viewIndex;
    if (at < view.length) view[at] = value;
    else this.memory.storeF32(this.address, value);
  }
  /** `p[index]`; allocation-free; one view read when unwatched and aligned. */
  at(index: number): number {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastF32;
      const at = this.viewIndex + index;
      if (at < view.length) return view[at]!;
    }
    return this.memory.loadF32(elementAddress(this.address, index, 4));
  }
  /** `p[index] = value`; allocation-free; one view write when unwatched and aligned. */
  setAt(index: number, value: number): void {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastF32;
      const at = this.viewIndex + index;
      if (at < view.length) {
        view[at] = value;
        return;
      }
    }
    this.memory.storeF32(elementAddress(this.address, index, 4), value);
  }
}

/** `F32Pointer` made on watched memory: every access through Memory's checked path. */
class WatchedF32Pointer extends F32Pointer {
  override deref(): number {
    return this.memory.loadF32(this.address);
  }
  override set(value: number): void {
    this.memory.storeF32(this.address, value);
  }
  override at(index: number): number {
    return this.memory.loadF32(elementAddress(this.address, index, 4));
  }
  override setAt(index: number, value: number): void {
    this.memory.storeF32(elementAddress(this.address, index, 4), value);
  }
}

/** Pointer to `double` (8 bytes). */
export class F64Pointer extends Pointer {
  /** A pointer of this type: the fast class on unwatched memory, the watched twin otherwise. */
  static make(memory: Memory, address: number): F64Pointer {
    return memory.raw ? new F64Pointer(memory, address) : new WatchedF64Pointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 8, viewIndexOf(address, 8));
  }
  add(n: number): F64Pointer {
    return F64Pointer.make(this.memory, offsetAddress(this.address, n, 8));
  }
  /** `*p`. */
  deref(): number {
    const view = this.memory.fastF64;
    const at = this.viewIndex;
    return at < view.length ? view[at]! : this.memory.loadF64(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const view = this.memory.fastF64;
    const at = this.viewIndex;
    if (at < view.length) view[at] = value;
    else this.memory.storeF64(this.address, value);
  }
  /** `p[index]`; allocation-free; one view read when unwatched and aligned. */
  at(index: number): number {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastF64;
      const at = this.viewIndex + index;
      if (at < view.length) return view[at]!;
    }
    return this.memory.loadF64(elementAddress(this.address, index, 8));
  }
  /** `p[index] = value`; allocation-free; one view write when unwatched and aligned. */
  setAt(index: number, value: number): void {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastF64;
      const at = this.viewIndex + index;
      if (at < view.length) {
        view[at] = value;
        return;
      }
    }
    this.memory.storeF64(elementAddress(this.address, index, 8), value);
  }
}

/** `F64Pointer` made on watched memory: every access through Memory's checked path. */
class WatchedF64Pointer extends F64Pointer {
  override deref(): number {
    return this.memory.loadF64(this.address);
  }
  override set(value: number): void {
    this.memory.storeF64(this.address, value);
  }
  override at(index: number): number {
    return this.memory.loadF64(elementAddress(this.address, index, 8));
  }
  override setAt(index: number, value: number): void {
    this.memory.storeF64(elementAddress(this.address, index, 8), value);
  }
}
