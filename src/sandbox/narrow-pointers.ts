import type { Memory } from './memory.js';
import { elementAddress, offsetAddress, Pointer, viewIndexOf } from './pointer.js';

// Typed pointers to 8- and 16-bit integers, one class per element type so every call site
// stays monomorphic.
// Each class has a watched twin; the fast path and why it is split this way: see pointer.ts.

/** Pointer to `int8_t` (1 byte). */
export class I8Pointer extends Pointer {
  /** A pointer of this type: the fast class on unwatched memory, the watched twin otherwise. */
  static make(memory: Memory, address: number): I8Pointer {
    return memory.raw ? new I8Pointer(memory, address) : new WatchedI8Pointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 1, viewIndexOf(address, 1));
  }
  add(n: number): I8Pointer {
    return I8Pointer.make(this.memory, offsetAddress(this.address, n, 1));
  }
  /** `*p`. */
  deref(): number {
    const view = this.memory.fastI8;
    const at = this.viewIndex;
    return at < view.length ? view[at]! : this.memory.loadI8(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const view = this.memory.fastI8;
    const at = this.viewIndex;
    if (at < view.length) view[at] = value;
    else this.memory.storeU8(this.address, value);
  }
  /** `p[index]`; allocation-free; one view read when unwatched and aligned. */
  at(index: number): number {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastI8;
      const at = this.viewIndex + index;
      if (at < view.length) return view[at]!;
    }
    return this.memory.loadI8(elementAddress(this.address, index, 1));
  }
  /** `p[index] = value`; allocation-free; one view write when unwatched and aligned. */
  setAt(index: number, value: number): void {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastI8;
      const at = this.viewIndex + index;
      if (at < view.length) {
        view[at] = value;
        return;
      }
    }
    this.memory.storeU8(elementAddress(this.address, index, 1), value);
  }
}

/** `I8Pointer` made on watched memory: every access through Memory's checked path. */
class WatchedI8Pointer extends I8Pointer {
  override deref(): number {
    return this.memory.loadI8(this.address);
  }
  override set(value: number): void {
    this.memory.storeU8(this.address, value);
  }
  override at(index: number): number {
    return this.memory.loadI8(elementAddress(this.address, index, 1));
  }
  override setAt(index: number, value: number): void {
    this.memory.storeU8(elementAddress(this.address, index, 1), value);
  }
}

/** Pointer to `uint8_t` (1 byte). */
export class U8Pointer extends Pointer {
  /** A pointer of this type: the fast class on unwatched memory, the watched twin otherwise. */
  static make(memory: Memory, address: number): U8Pointer {
    return memory.raw ? new U8Pointer(memory, address) : new WatchedU8Pointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 1, viewIndexOf(address, 1));
  }
  add(n: number): U8Pointer {
    return U8Pointer.make(this.memory, offsetAddress(this.address, n, 1));
  }
  /** `*p`. */
  deref(): number {
    const view = this.memory.fastU8;
    const at = this.viewIndex;
    return at < view.length ? view[at]! : this.memory.loadU8(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const view = this.memory.fastU8;
    const at = this.viewIndex;
    if (at < view.length) view[at] = value;
    else this.memory.storeU8(this.address, value);
  }
  /** `p[index]`; allocation-free; one view read when unwatched and aligned. */
  at(index: number): number {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastU8;
      const at = this.viewIndex + index;
      if (at < view.length) return view[at]!;
    }
    return this.memory.loadU8(elementAddress(this.address, index, 1));
  }
  /** `p[index] = value`; allocation-free; one view write when unwatched and aligned. */
  setAt(index: number, value: number): void {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastU8;
      const at = this.viewIndex + index;
      if (at < view.length) {
        view[at] = value;
        return;
      }
    }
    this.memory.storeU8(elementAddress(this.address, index, 1), value);
  }
}

/** `U8Pointer` made on watched memory: every access through Memory's checked path. */
class WatchedU8Pointer extends U8Pointer {
  override deref(): number {
    return this.memory.loadU8(this.address);
  }
  override set(value: number): void {
    this.memory.storeU8(this.address, value);
  }
  override at(index: number): number {
    return this.memory.loadU8(elementAddress(this.address, index, 1));
  }
  override setAt(index: number, value: number): void {
    this.memory.storeU8(elementAddress(this.address, index, 1), value);
  }
}

/** Pointer to `int16_t` (2 bytes). */
export class I16Pointer extends Pointer {
  /** A pointer of this type: the fast class on unwatched memory, the watched twin otherwise. */
  static make(memory: Memory, address: number): I16Pointer {
    return memory.raw ? new I16Pointer(memory, address) : new WatchedI16Pointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 2, viewIndexOf(address, 2));
  }
  add(n: number): I16Pointer {
    return I16Pointer.make(this.memory, offsetAddress(this.address, n, 2));
  }
  /** `*p`. */
  deref(): number {
    const view = this.memory.fastI16;
    const at = this.viewIndex;
    return at >>> 0 < view.length ? view[at]! : this.memory.loadI16(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const view = this.memory.fastI16;
    const at = this.viewIndex;
    if (at >>> 0 < view.length) view[at] = value;
    else this.memory.storeU16(this.address, value);
  }
  /** `p[index]`; allocation-free; one view read when unwatched and aligned. */
  at(index: number): number {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastI16;
      const at = this.viewIndex + index;
      if (at >>> 0 < view.length) return view[at]!;
    }
    return this.memory.loadI16(elementAddress(this.address, index, 2));
  }
  /** `p[index] = value`; allocation-free; one view write when unwatched and aligned. */
  setAt(index: number, value: number): void {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastI16;
      const at = this.viewIndex + index;
      if (at >>> 0 < view.length) {
        view[at] = value;
        return;
      }
    }
    this.memory.storeU16(elementAddress(this.address, index, 2), value);
  }
}

/** `I16Pointer` made on watched memory: every access through Memory's checked path. */
class WatchedI16Pointer extends I16Pointer {
  override deref(): number {
    return this.memory.loadI16(this.address);
  }
  override set(value: number): void {
    this.memory.storeU16(this.address, value);
  }
  override at(index: number): number {
    return this.memory.loadI16(elementAddress(this.address, index, 2));
  }
  override setAt(index: number, value: number): void {
    this.memory.storeU16(elementAddress(this.address, index, 2), value);
  }
}

/** Pointer to `uint16_t` (2 bytes). */
export class U16Pointer extends Pointer {
  /** A pointer of this type: the fast class on unwatched memory, the watched twin otherwise. */
  static make(memory: Memory, address: number): U16Pointer {
    return memory.raw ? new U16Pointer(memory, address) : new WatchedU16Pointer(memory, address);
  }
  constructor(memory: Memory, address: number) {
    super(memory, address, 2, viewIndexOf(address, 2));
  }
  add(n: number): U16Pointer {
    return U16Pointer.make(this.memory, offsetAddress(this.address, n, 2));
  }
  /** `*p`. */
  deref(): number {
    const view = this.memory.fastU16;
    const at = this.viewIndex;
    return at >>> 0 < view.length ? view[at]! : this.memory.loadU16(this.address);
  }
  /** `*p = value`. */
  set(value: number): void {
    const view = this.memory.fastU16;
    const at = this.viewIndex;
    if (at >>> 0 < view.length) view[at] = value;
    else this.memory.storeU16(this.address, value);
  }
  /** `p[index]`; allocation-free; one view read when unwatched and aligned. */
  at(index: number): number {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastU16;
      const at = this.viewIndex + index;
      if (at >>> 0 < view.length) return view[at]!;
    }
    return this.memory.loadU16(elementAddress(this.address, index, 2));
  }
  /** `p[index] = value`; allocation-free; one view write when unwatched and aligned. */
  setAt(index: number, value: number): void {
    if ((index | 0) === index && index >= 0) {
      const view = this.memory.fastU16;
      const at = this.viewIndex + index;
      if (at >>> 0 < view.length) {
        view[at] = value;
        return;
      }
    }
    this.memory.storeU16(elementAddress(this.address, index, 2), value);
  }
}

/** `U16Pointer` made on watched memory: every access through Memory's checked path. */
class WatchedU16Pointer extends U16Pointer {
  override deref(): number {
    return this.memory.loadU16(this.address);
  }
  override set(value: number): void {
    this.memory.storeU16(this.address, value);
  }
  override at(index: number): number {
    return this.memory.loadU16(elementAddress(this.address, index, 2));
  }
  override setAt(index: number, value: number): void {
    this.memory.storeU16(elementAddress(this.address, index, 2), value);
  }
}
