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
//   otherwise; a misaligned element's `viewIndex` lies past the end of every view of its
//   width (`viewIndexOf`). The bounds check is explicit because a typed-array read that may
//   go out of bounds compiles to a much slower load in V8 11, and it is one comparison for
//   8-, 32- and 64-bit views. Every miss (a sink attached since, a misaligned address, a
//   negative or non-integer index, an index past the end of the space) takes the checked path.
// - `WatchedXPointer` (made while the sanitizer or a sink watches): always the checked path,
//   Memory's `loadX`/`storeX`, which checks the shadow, feeds the sink and handles unaligned
//   addresses. Being a separate class keeps that path's calls out of unwatched loops: V8
//   compiles a call that never ran as a deoptimisation exit, and a loop without calls keeps
//   its counters in registers.
//
// So the sanitizer's guarantees and the trace are those of the checked path, whichever class
// a pointer has, and tracing off costs the fast path nothing.

/**
 * The `viewIndex` of a pointer without a view fast path (void, struct and 64-bit pointers) and of
 * a misaligned 32- or 64-bit element: at or past the end of every such view (they hold at most
 * (2^32 − 16) / 4 < 2^30 elements), so `viewIndex + index < view.length` fails for every
 * index ≥ 0 without a sign test.
 */
export const NO_VIEW_INDEX = 0x40000000;

/**
 * The `viewIndex` of a misaligned 16-bit element. A 16-bit view can hold 2^31 − 8 elements, more
 * than `NO_VIEW_INDEX`, so this one is negative: `(viewIndex + index) >>> 0` is then ≥ 2^31 for
 * every index in [0, 2^31), past the end, and the sum never overflows int32.
 */
export const MISALIGNED_16 = -0x80000000;

/** `viewIndex` for an element of `elementBytes` (1, 2, 4 or 8) at `address`. */
export function viewIndexOf(address: number, elementBytes: number): number {
  if (address % elementBytes === 0) return address / elementBytes;
  return elementBytes === 2 ? MISALIGNED_16 : NO_VIEW_INDEX;
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
   * `address / elementBytes` when the address is a multiple of the element size (the element's
   * index in Memory's typed-array view of this width, so the unwatched fast path of `at(i)` is
   * one view read at `viewIndex + i`), else past the end of that view (`viewIndexOf`).
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
    super(memory, address, 1, NO_VIEW_INDEX);
  }
  add(n: number): VoidPointer {
    return new VoidPointer(this.memory, offsetAddress(this.address, n, 1));
  }
}
