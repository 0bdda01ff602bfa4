/**
 * ObjectDeque: the `Deque` ring buffer for any JS values, over a plain packed array. Same
 * power-of-two mask and doubling growth; popped slots are cleared so the GC can reclaim them.
 * Complexity as `Deque`: push/pop at both ends amortised O(1), get O(1).
 *
 * Tracing (`new ObjectDeque(capacity, { trace, baseAddress })`): each slot read or write is
 * reported as an 8-byte reference at `baseAddress + slot × 8` (a pop reads the slot, then
 * clears it); growth's copy, `clear` and the values' own fields are not reported.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import { ringCapacity } from './deque.js';
import { resolveTrace, type TraceOptions } from './tracing.js';

/** Bytes the trace reports per slot: one reference. */
const REFERENCE_BYTES = 8;

/**
 * A double-ended queue of arbitrary values in a ring buffer.
 *
 * @example
 * ```ts
 * const tasks = new ObjectDeque();
 * tasks.pushBack({ id: 1 });
 * tasks.pushFront({ id: 0 });
 * tasks.popFront(); // => { id: 0 }
 * tasks.length; // => 1
 * ```
 */
export class ObjectDeque<T> {
  private buffer: (T | undefined)[];
  private mask: number;
  private head: number;
  private count: number;
  /** The trace sink, or `null` when tracing is off. */
  readonly trace: TraceSink | null;
  /** The address slot 0 is reported at. */
  readonly baseAddress: number;

  constructor(capacity?: number, options?: TraceOptions) {
    const slots = ringCapacity('ObjectDeque', capacity);
    const { sink, baseAddress } = resolveTrace(options);
    this.buffer = packedArray(slots);
    this.mask = slots - 1;
    this.head = 0;
    this.count = 0;
    this.trace = sink;
    this.baseAddress = baseAddress;
  }

  /** Number of elements. */
  get length(): number {
    return this.count;
  }

  /** Elements held before the next growth (a power of two). */
  get capacity(): number {
    return this.buffer.length;
  }

  /** Appends at the back. Amortised O(1). */
  pushBack(value: T): void {
    if (this.count === this.buffer.length) this.grow();
    const slot = (this.head + this.count) & this.mask;
    if (this.trace !== null) this.traceSlot(slot, AccessKind.Store);
    this.buffer[slot] = value;
    this.count++;
  }

  /** Prepends at the front. Amortised O(1). */
  pushFront(value: T): void {
    if (this.count === this.buffer.length) this.grow();
    this.head = (this.head - 1) & this.mask;
    if (this.trace !== null) this.traceSlot(this.head, AccessKind.Store);
    this.buffer[this.head] = value;
    this.count++;
  }

  /** Removes and returns the back element, or undefined when empty. */
  popBack(): T | undefined {
    if (this.count === 0) return undefined;
    this.count--;
    const slot = (this.head + this.count) & this.mask;
    if (this.trace !== null) this.tracePop(slot);
    const value = this.buffer[slot];
    this.buffer[slot] = undefined;
    return value;
  }

  /** Removes and returns the front element, or undefined when empty. */
  popFront(): T | undefined {
    if (this.count === 0) return undefined;
    const slot = this.head;
    if (this.trace !== null) this.tracePop(slot);
    const value = this.buffer[slot];
    this.buffer[slot] = undefined;
    this.head = (slot + 1) & this.mask;
    this.count--;
    return value;
  }

  /** The front element, or undefined when empty. */
  peekFront(): T | undefined {
    if (this.count === 0) return undefined;
    if (this.trace !== null) this.traceSlot(this.head, AccessKind.Load);
    return this.buffer[this.head];
  }

  /** The back element, or undefined when empty. */
  peekBack(): T | undefined {
    if (this.count === 0) return undefined;
    const slot = (this.head + this.count - 1) & this.mask;
    if (this.trace !== null) this.traceSlot(slot, AccessKind.Load);
    return this.buffer[slot];
  }

  /** Element `index` from the front; RangeError outside [0, length). */
  get(index: number): T {
    if (!(index >= 0 && index < this.count && Number.isInteger(index))) {
      throw new RangeError(`ObjectDeque index ${String(index)} out of range [0, ${this.count})`);
    }
    const slot = (this.head + index) & this.mask;
    if (this.trace !== null) this.traceSlot(slot, AccessKind.Load);
    return this.buffer[slot] as T;
  }

  /** Removes every element (and drops the references). O(capacity). */
  clear(): void {
    this.buffer.fill(undefined);
    this.head = 0;
    this.count = 0;
  }

  /** Elements front to back. */
  *values(): Generator<T> {
    for (let i = 0; i < this.count; i++) {
      const slot = (this.head + i) & this.mask;
      if (this.trace !== null) this.traceSlot(slot, AccessKind.Load);
      yield this.buffer[slot] as T;
    }
  }

  [Symbol.iterator](): Generator<T> {
    return this.values();
  }

  private grow(): void {
    const buffer = packedArray<T>(this.buffer.length * 2);
    for (let i = 0; i < this.count; i++) buffer[i] = this.buffer[(this.head + i) & this.mask];
    this.buffer = buffer;
    this.mask = buffer.length - 1;
    this.head = 0;
  }

  /** A pop reads the slot, then clears it. */
  private tracePop(slot: number): void {
    this.traceSlot(slot, AccessKind.Load);
    this.traceSlot(slot, AccessKind.Store);
  }

  private traceSlot(slot: number, kind: AccessKind): void {
    this.trace!.access(this.baseAddress + slot * REFERENCE_BYTES, REFERENCE_BYTES, kind);
  }
}

// `new Array(n)` would be holey forever; Array.from builds a packed array of undefined.
function packedArray<T>(length: number): (T | undefined)[] {
  return Array.from({ length }, () => undefined);
}
