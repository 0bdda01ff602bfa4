/**
 * ObjectDeque: the `Deque` ring buffer for any JS values, over a plain packed array. Same
 * power-of-two mask and doubling growth; popped slots are cleared so the GC can reclaim them.
 * Complexity as `Deque`: push/pop at both ends amortised O(1), get O(1).
 */
import { ringCapacity } from './deque.js';

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

  constructor(capacity?: number) {
    const slots = ringCapacity('ObjectDeque', capacity);
    this.buffer = packedArray(slots);
    this.mask = slots - 1;
    this.head = 0;
    this.count = 0;
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
    this.buffer[(this.head + this.count) & this.mask] = value;
    this.count++;
  }

  /** Prepends at the front. Amortised O(1). */
  pushFront(value: T): void {
    if (this.count === this.buffer.length) this.grow();
    this.head = (this.head - 1) & this.mask;
    this.buffer[this.head] = value;
    this.count++;
  }

  /** Removes and returns the back element, or undefined when empty. */
  popBack(): T | undefined {
    if (this.count === 0) return undefined;
    this.count--;
    const slot = (this.head + this.count) & this.mask;
    const value = this.buffer[slot];
    this.buffer[slot] = undefined;
    return value;
  }

  /** Removes and returns the front element, or undefined when empty. */
  popFront(): T | undefined {
    if (this.count === 0) return undefined;
    const slot = this.head;
    const value = this.buffer[slot];
    this.buffer[slot] = undefined;
    this.head = (slot + 1) & this.mask;
    this.count--;
    return value;
  }

  /** The front element, or undefined when empty. */
  peekFront(): T | undefined {
    return this.count === 0 ? undefined : this.buffer[this.head];
  }

  /** The back element, or undefined when empty. */
  peekBack(): T | undefined {
    return this.count === 0 ? undefined : this.buffer[(this.head + this.count - 1) & this.mask];
  }

  /** Element `index` from the front; RangeError outside [0, length). */
  get(index: number): T {
    if (!(index >= 0 && index < this.count && Number.isInteger(index))) {
      throw new RangeError(`ObjectDeque index ${String(index)} out of range [0, ${this.count})`);
    }
    return this.buffer[(this.head + index) & this.mask] as T;
  }

  /** Removes every element (and drops the references). O(capacity). */
  clear(): void {
    this.buffer.fill(undefined);
    this.head = 0;
    this.count = 0;
  }

  /** Elements front to back. */
  *values(): Generator<T> {
    for (let i = 0; i < this.count; i++) yield this.buffer[(this.head + i) & this.mask] as T;
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
}

// `new Array(n)` would be holey forever; Array.from builds a packed array of undefined.
function packedArray<T>(length: number): (T | undefined)[] {
  return Array.from({ length }, () => undefined);
}
