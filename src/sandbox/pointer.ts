import { hex } from './layout.js';
import type { Memory } from './memory.js';

/** Throws unless `n` is an int32 element count or index (pointer arithmetic operand). */
export function checkIndex(what: string, n: number): void {
  if ((n | 0) !== n) throw new TypeError(`${what} must be an integer in [-2^31, 2^31), got ${String(n)}`);
}

// Fast and checked paths of the typed pointers (narrow-, word- and wide-pointers.ts): one
// class per element type so every call site stays monomorphic, each with a twin for watched
// memory (bench/sandbox.bench.ts, "Typed pointer access"):
//
// - `XPointer` (made while the memory is unwatched: sanitizer off, no trace sink): for a
//   non-negative int32 index, one bounds check and one read or write of Memory's `fastX` view
//   at `viewIndex + index`. That view is the real one only while nothing watches and empty
//   otherwise; a misaligned pointer's `viewIndex` is `MISALIGNED` (the sum stays negative).
//   The bounds check is explicit because a typed-array read that may go out of bounds
//   compiles to a much slower load in V8 11. Every miss (a sink attached since, a misaligned
//   address, a negative or non-integer index, an index past the end of the space) takes the
//   checked path.
// - `WatchedXPointer` (made while the sanitizer or a sink watches): always the checked path,
//   Memory's `loadX`/`storeX`, which checks the shadow, feeds the sink and handles unaligned
//   addresses. Being a separate class keeps that path's calls out of unwatched loops: V8
//   compiles a call that never ran as a deoptimisation exit, and a loop without calls keeps
//   its counters in registers.
//
// So the sanitizer's guarantees and the trace are those of the checked path, whichever class
// a pointer has, and tracing off costs the fast path nothing.

/**
 * The `viewIndex` of a pointer whose address is not a multiple of its element size: added to
 * any index in [0, 2^31) it stays negative, so the fast path's view read misses (no int32
 * overflow) and the access takes Memory's checked, DataView-based path.
 */
export const MISALIGNED = -0x80000000;

/** `viewIndex` for an element of `elementBytes` (a power of two) at `address`. */
export function viewIndexOf(address: number, elementBytes: number): number {
  return address % elementBytes === 0 ? address / elementBytes : MISALIGNED;
}

/**
 * `p[index]`'s byte address for the checked path: throws unless `index` is an int32, then
 * wraps to uint32 like C pointer arithmetic on a 32-bit address space.
 */
export function elementAddress(address: number, index: number, elementBytes: number): number {
  checkIndex('index', index);
  return (address + index * elementBytes) >>> 0;
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
  // `declare` fields: native class fields would first define each as `undefined`, and V8 then
  // keeps them tagged and untyped (a Smi check on `address`, a map check on `memory` at every
  // access); assigned only in the constructor they stay Smi/typed (bench/sandbox.bench.ts,
  // "Typed pointer access").
  declare readonly memory: Memory;
  /** Byte address (uint32). */
  declare readonly address: number;
  /** Bytes per element: the stride of `add` and `at`. */
  declare readonly elementBytes: number;
  /**
   * `address / elementBytes` when the address is a multiple of the element size, else
   * `MISALIGNED`: the element's index in Memory's typed-array view of this width, so the
   * unwatched fast path of `at(i)` is one view read at `viewIndex + i`.
   */
  declare readonly viewIndex: number;

  constructor(memory: Memory, address: number, elementBytes: number, viewIndex: number) {
    this.memory = memory;
    this.address = address;
    this.elementBytes = elementBytes;
    this.viewIndex = viewIndex;
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
    super(memory, address, 1, MISALIGNED);
  }
  add(n: number): VoidPointer {
    return new VoidPointer(this.memory, offsetAddress(this.address, n, 1));
  }
}
