import { hex } from './layout.js';
import type { Memory } from './memory.js';

/** Throws unless `n` is an int32 element count or index (pointer arithmetic operand). */
export function checkIndex(what: string, n: number): void {
  if ((n | 0) !== n) throw new TypeError(`${what} must be an integer in [-2^31, 2^31), got ${String(n)}`);
}

/** `address + n * elementBytes`, checked to stay a uint32 address. */
export function offsetAddress(address: number, n: number, elementBytes: number): number {
  checkIndex('pointer offset', n);
  const target = address + n * elementBytes;
  if (target < 0 || target > 0xffffffff) {
    throw new RangeError(
      `pointer arithmetic leaves the 32-bit address space: ${hex(address)} + ${n} × ${elementBytes}`,
    );
  }
  return target;
}

/** What a typed pointer points to: its size, alignment and how to make a pointer to it. */
export interface ElementType<P extends Pointer = Pointer> {
  readonly name: string;
  readonly sizeBytes: number;
  readonly alignBytes: number;
  /** A pointer of this type at `address` (no check: callers pass valid uint32 addresses). */
  pointer(memory: Memory, address: number): P;
}

/**
 * A typed address into a sandbox: the C pointer. Immutable; arithmetic returns new pointers.
 * Subclasses add `deref`/`set`/`at`/`setAt` for their element type; `at(i)` reads through the
 * typed-array view of the element width without allocating.
 */
export abstract class Pointer {
  readonly memory: Memory;
  /** Byte address (uint32). */
  readonly address: number;
  /** Bytes per element: the stride of `add` and `at`. */
  readonly elementBytes: number;

  constructor(memory: Memory, address: number, elementBytes: number) {
    this.memory = memory;
    this.address = address;
    this.elementBytes = elementBytes;
  }

  /** `p + n`: the address moved by `n` elements (the seed's stride). */
  abstract add(n: number): Pointer;

  /** True for NULL (address 0). */
  isNull(): boolean {
    return this.address === 0;
  }

  /** `p - q` in elements; both must have the same element size and be a whole number of elements apart. */
  diff(other: Pointer): number {
    if (other.elementBytes !== this.elementBytes) {
      throw new TypeError(
        `cannot subtract pointers to ${other.elementBytes}-byte and ${this.elementBytes}-byte elements`,
      );
    }
    const bytes = this.address - other.address;
    if (bytes % this.elementBytes !== 0) {
      throw new RangeError(`pointers are ${bytes} bytes apart, not a multiple of ${this.elementBytes}`);
    }
    return bytes / this.elementBytes;
  }

  /** The same address seen as another element type (`(T*)p`). */
  cast<P extends Pointer>(type: ElementType<P>): P {
    return type.pointer(this.memory, this.address);
  }

  /** Address equality (`p == q`). */
  equals(other: Pointer): boolean {
    return this.address === other.address;
  }

  /** Address order: negative, zero or positive (`p < q`, `p == q`, `p > q`). */
  compare(other: Pointer): number {
    return this.address - other.address;
  }

  /** `0x0001a2b0`. */
  toString(): string {
    return hex(this.address);
  }
}

/** `void*`: no element type; arithmetic in bytes (GNU C); cast it to read or write. */
export class VoidPointer extends Pointer {
  constructor(memory: Memory, address: number) {
    super(memory, address, 1);
  }
  add(n: number): VoidPointer {
    return new VoidPointer(this.memory, offsetAddress(this.address, n, 1));
  }
}
