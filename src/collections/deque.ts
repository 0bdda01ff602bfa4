/**
 * Deque: a growable ring buffer of numbers over a typed array, plus `Stack` and `Queue`
 * facades. Capacity is a power of two so the wrap-around is a mask (`& (capacity − 1)`),
 * not a division; when full the buffer doubles and the live elements are copied in order.
 *
 * Layout: element i (0 = front) sits at `buffer[(head + i) & mask]`; the trace reports it at
 * `baseAddress + ((head + i) & mask) * BYTES_PER_ELEMENT`.
 *
 * Complexity: push/pop at either end amortised O(1) (O(1) worst case without growth),
 * `get(i)` O(1), iteration O(length).
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import { resolveTrace, type TraceOptions } from './tracing.js';

/** The typed arrays a Deque can store its numbers in. */
export type DequeArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

/** A constructor of one of the `DequeArray` types. */
export type DequeArrayConstructor = new (length: number) => DequeArray;

/** Options of `Deque`. */
export interface DequeOptions extends TraceOptions {
  /** Elements to hold before the first growth (rounded up to a power of two, default 16). */
  capacity?: number;
  /** Element storage (default Float64Array). */
  elementType?: DequeArrayConstructor;
}

const DEFAULT_CAPACITY = 16;
const MAX_CAPACITY = 2 ** 30;

/** Rounds a requested capacity up to a power of two >= 1; throws for negatives and non-integers. */
export function ringCapacity(what: string, requested: number | undefined): number {
  const wanted = requested ?? DEFAULT_CAPACITY;
  if (!Number.isSafeInteger(wanted) || wanted < 0) {
    throw new RangeError(`${what} capacity must be a non-negative integer, got ${String(wanted)}`);
  }
  if (wanted > MAX_CAPACITY) throw new RangeError(`${what} capacity ${wanted} exceeds ${MAX_CAPACITY}`);
  let capacity = 1;
  while (capacity < wanted) capacity *= 2;
  return capacity;
}

/**
 * A double-ended queue of numbers in a typed-array ring buffer.
 *
 * @example
 * ```ts
 * const deque = new Deque({ elementType: Int32Array });
 * deque.pushBack(2);
 * deque.pushBack(3);
 * deque.pushFront(1);
 * [...deque]; // => [1, 2, 3]
 * deque.popFront(); // => 1
 * deque.popBack(); // => 3
 * deque.get(0); // => 2
 * deque.length; // => 1
 * ```
 */
export class Deque {
  private buffer: DequeArray;
  private mask: number;
  private head: number;
  private count: number;
  private readonly elementType: DequeArrayConstructor;
  readonly trace: TraceSink | null;
  readonly baseAddress: number;

  constructor(options: DequeOptions = {}) {
    const elementType = options.elementType ?? Float64Array;
    const capacity = ringCapacity('Deque', options.capacity);
    this.buffer = new elementType(capacity);
    this.mask = capacity - 1;
    this.head = 0;
    this.count = 0;
    this.elementType = elementType;
    this.trace = options.trace ?? null;
    this.baseAddress = resolveTrace(options).baseAddress;
  }

  /** Number of elements. */
  get length(): number {
    return this.count;
  }

  /** Elements the buffer holds before it grows (a power of two). */
  get capacity(): number {
    return this.buffer.length;
  }

  /** Appends at the back. Amortised O(1). */
  pushBack(value: number): void {
    if (this.count === this.buffer.length) this.grow();
    const slot = (this.head + this.count) & this.mask;
    this.buffer[slot] = value;
    this.count++;
    if (this.trace !== null) this.traceSlot(slot, AccessKind.Store);
  }

  /** Prepends at the front. Amortised O(1). */
  pushFront(value: number): void {
    if (this.count === this.buffer.length) this.grow();
    const slot = (this.head - 1) & this.mask;
    this.buffer[slot] = value;
    this.head = slot;
    this.count++;
    if (this.trace !== null) this.traceSlot(slot, AccessKind.Store);
  }

  /** Removes and returns the back element, or undefined when empty. O(1). */
  popBack(): number | undefined {
    if (this.count === 0) return undefined;
    this.count--;
    const slot = (this.head + this.count) & this.mask;
    if (this.trace !== null) this.traceSlot(slot, AccessKind.Load);
    return this.buffer[slot]!;
  }

  /** Removes and returns the front element, or undefined when empty. O(1). */
  popFront(): number | undefined {
    if (this.count === 0) return undefined;
    const slot = this.head;
    this.head = (slot + 1) & this.mask;
    this.count--;
    if (this.trace !== null) this.traceSlot(slot, AccessKind.Load);
    return this.buffer[slot]!;
  }

  /** The front element without removing it, or undefined when empty. */
  peekFront(): number | undefined {
    return this.count === 0 ? undefined : this.getUnchecked(0);
  }

  /** The back element without removing it, or undefined when empty. */
  peekBack(): number | undefined {
    return this.count === 0 ? undefined : this.getUnchecked(this.count - 1);
  }

  /** Element `index` counted from the front; RangeError outside [0, length). */
  get(index: number): number {
    this.checkIndex(index);
    return this.getUnchecked(index);
  }

  /** `get` without the bounds check, for inner loops that already know `index < length`. */
  getUnchecked(index: number): number {
    const slot = (this.head + index) & this.mask;
    if (this.trace !== null) this.traceSlot(slot, AccessKind.Load);
    return this.buffer[slot]!;
  }

  /** Overwrites element `index`; RangeError outside [0, length). */
  set(index: number, value: number): void {
    this.checkIndex(index);
    const slot = (this.head + index) & this.mask;
    this.buffer[slot] = value;
    if (this.trace !== null) this.traceSlot(slot, AccessKind.Store);
  }

  /** Removes every element, keeping the buffer. O(1). */
  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /** Elements front to back. */
  *values(): Generator<number> {
    for (let i = 0; i < this.count; i++) yield this.getUnchecked(i);
  }

  [Symbol.iterator](): Generator<number> {
    return this.values();
  }

  /** A front-to-back copy as a plain array. */
  toArray(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.buffer[(this.head + i) & this.mask]!);
    return out;
  }

  private checkIndex(index: number): void {
    if (!(index >= 0 && index < this.count && Number.isInteger(index))) {
      throw new RangeError(`Deque index ${String(index)} out of range [0, ${this.count})`);
    }
  }

  private traceSlot(slot: number, kind: AccessKind): void {
    const bytes = this.buffer.BYTES_PER_ELEMENT;
    this.trace!.access(this.baseAddress + slot * bytes, bytes, kind);
  }

  // Doubling keeps pushes amortised O(1); the copy unrolls the ring so head becomes 0.
  private grow(): void {
    const old = this.buffer;
    const capacity = old.length * 2;
    if (capacity > MAX_CAPACITY) throw new RangeError(`Deque cannot grow past ${MAX_CAPACITY} elements`);
    const buffer = new this.elementType(capacity);
    const firstRun = Math.min(this.count, old.length - this.head);
    buffer.set(old.subarray(this.head, this.head + firstRun) as never, 0);
    buffer.set(old.subarray(0, this.count - firstRun) as never, firstRun);
    this.buffer = buffer;
    this.mask = capacity - 1;
    this.head = 0;
  }
}

/**
 * A LIFO stack on a `Deque` (push/pop/peek at the back).
 *
 * @example
 * ```ts
 * const stack = new Stack();
 * stack.push(1);
 * stack.push(2);
 * stack.pop(); // => 2
 * stack.peek(); // => 1
 * ```
 */
export class Stack extends Deque {
  /** Pushes on top. Amortised O(1). */
  push(value: number): void {
    this.pushBack(value);
  }

  /** Pops the top, or undefined when empty. */
  pop(): number | undefined {
    return this.popBack();
  }

  /** The top without popping it, or undefined. */
  peek(): number | undefined {
    return this.peekBack();
  }
}

/**
 * A FIFO queue on a `Deque` (enqueue at the back, dequeue at the front).
 *
 * @example
 * ```ts
 * const queue = new Queue();
 * queue.enqueue(1);
 * queue.enqueue(2);
 * queue.dequeue(); // => 1
 * queue.peek(); // => 2
 * ```
 */
export class Queue extends Deque {
  /** Adds at the back. Amortised O(1). */
  enqueue(value: number): void {
    this.pushBack(value);
  }

  /** Removes the front, or undefined when empty. */
  dequeue(): number | undefined {
    return this.popFront();
  }

  /** The front without removing it, or undefined. */
  peek(): number | undefined {
    return this.peekFront();
  }
}
