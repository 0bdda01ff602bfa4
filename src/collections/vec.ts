/**
 * `Vec<A>`: a growable typed vector modelled on Rust's `Vec<T>` / `RawVec<T>`.
 *
 * Memory layout: one typed array `buffer` of `capacity` elements; elements `[0, length)` are
 * live, `[length, capacity)` are spare (their contents are unspecified).
 *
 * Growth policy (Rust's `RawVec::grow_amortized`): when a push or reserve needs more room,
 * the new capacity is `max(2 × capacity, required, MIN_NON_ZERO_CAP)`, where the minimum is 8
 * for 1-byte elements and 4 for every other element size (Rust: ≤ 1024-byte elements). So `n`
 * pushes cost O(n) amortised and at most ⌈log2 n⌉ reallocations. `reserveExact` and
 * `shrinkTo*` allocate exactly what they are asked for.
 *
 * Views: `asView()` returns a typed-array subarray of the live elements, aliasing the
 * buffer. It is invalidated by anything that reallocates (growth, `shrink*`, `take`) —
 * afterwards it points at the old buffer and writes to it are lost — and by anything that
 * changes `length`. `isViewValid(view)` detects both; `generation` counts reallocations.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import { resolveTrace, type TraceOptions } from './tracing.js';
import {
  checkElement,
  checkIndex,
  type ElementOf,
  type NumericArray,
  type NumericArrayConstructor,
  type RawArray,
} from './vec-types.js';

/** Rust's `RawVec::MIN_NON_ZERO_CAP` for an element of `elementBytes` bytes. */
export function minNonZeroCapacity(elementBytes: number): number {
  return elementBytes === 1 ? 8 : elementBytes <= 1024 ? 4 : 1;
}

/** The largest capacity a typed array can have here (elements). */
const MAX_CAPACITY = 2 ** 31 - 1;

function checkCapacity(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${String(value)}`);
  }
  if (value > MAX_CAPACITY) throw new RangeError(`${what} ${value} exceeds the maximum ${MAX_CAPACITY}`);
}

/**
 * A growable vector of numbers (or bigints) over one typed array.
 *
 * Element access is O(1); `push` is amortised O(1); `insert`/`remove` are O(length − index);
 * `swapRemove` is O(1). The typed-array class is chosen once, at creation, so each instance
 * has one element kind and the call sites that use it stay monomorphic.
 *
 * @example
 * ```ts
 * const v = Vec.of(Float64Array);
 * v.push(1.5);
 * v.push(2.5);
 * v.get(1); // => 2.5
 * v.capacity; // => 4
 * const ids = Vec.from(BigInt64Array, [1n, 2n]);
 * ids.pop(); // => 2n
 * const view = v.asView(); // aliases the buffer
 * v.push(3.5);
 * v.isViewValid(view); // => false
 * ```
 */
export class Vec<A extends NumericArray> implements Iterable<ElementOf<A>> {
  /** The typed-array class of the buffer. */
  readonly arrayType: NumericArrayConstructor<A>;
  /** Bytes per element. */
  readonly elementBytes: number;
  /** Number of buffer replacements so far (growth, shrink, take). Views of older generations are stale. */
  generation: number;
  /** Reallocations caused by growth or shrinking (not by `take`). */
  reallocations: number;
  /** Bytes of live elements copied by those reallocations. */
  bytesCopied: number;
  /** The trace sink, or `null` when tracing is off. */
  readonly trace: TraceSink | null;
  /** The address the first element is reported at. */
  readonly baseAddress: number;
  private buffer: RawArray;
  private len: number;
  /**
   * `push` takes its fast path while `length < pushLimit`: the capacity when tracing is off,
   * 0 when on, so one comparison serves both the "full?" and the "traced?" questions and
   * tracing off costs push nothing.
   */
  private pushLimit: number;

  /** An empty vector (capacity 0, no allocation beyond an empty array). */
  constructor(arrayType: NumericArrayConstructor<A>, options?: TraceOptions) {
    const { sink, baseAddress } = resolveTrace(options);
    this.arrayType = arrayType;
    this.elementBytes = arrayType.BYTES_PER_ELEMENT;
    this.generation = 0;
    this.reallocations = 0;
    this.bytesCopied = 0;
    this.trace = sink;
    this.baseAddress = baseAddress;
    this.buffer = new arrayType(0) as unknown as RawArray;
    this.len = 0;
    this.pushLimit = 0;
  }

  /** An empty vector of `arrayType` elements: `Vec.of(Float64Array)`. */
  static of<A extends NumericArray>(arrayType: NumericArrayConstructor<A>, options?: TraceOptions): Vec<A> {
    return new Vec(arrayType, options);
  }

  /** An empty vector with room for exactly `capacity` elements. Throws on a negative capacity. */
  static withCapacity<A extends NumericArray>(
    arrayType: NumericArrayConstructor<A>,
    capacity: number,
    options?: TraceOptions,
  ): Vec<A> {
    checkCapacity('capacity', capacity);
    const vec = new Vec(arrayType, options);
    vec.replaceBuffer(new arrayType(capacity) as unknown as RawArray);
    return vec;
  }

  /** A vector holding a copy of `values` (capacity = their count). */
  static from<A extends NumericArray>(
    arrayType: NumericArrayConstructor<A>,
    values: Iterable<ElementOf<A>> | ArrayLike<ElementOf<A>>,
    options?: TraceOptions,
  ): Vec<A> {
    const list = Array.isArray(values)
      ? (values as ArrayLike<ElementOf<A>>)
      : Array.from(values as Iterable<ElementOf<A>>);
    const vec = Vec.withCapacity(arrayType, list.length, options);
    for (let i = 0; i < list.length; i++) checkElement(vec.buffer, list[i]);
    vec.buffer.set(list as ArrayLike<number | bigint>);
    vec.len = list.length;
    return vec;
  }

  /** Number of live elements. */
  get length(): number {
    return this.len;
  }

  /** Elements the buffer can hold before the next reallocation. */
  get capacity(): number {
    return this.buffer.length;
  }

  /** True when there are no live elements. */
  isEmpty(): boolean {
    return this.len === 0;
  }

  /** Appends `value`, growing ×2 when full. Amortised O(1). */
  push(value: ElementOf<A>): void {
    const len = this.len;
    if (len >= this.pushLimit) {
      this.pushSlow(value);
      return;
    }
    this.buffer[len] = value;
    this.len = len + 1;
  }

  /** The rare path of `push`: grow when full, report the store when traced. */
  private pushSlow(value: ElementOf<A>): void {
    const len = this.len;
    if (len === this.buffer.length) this.growAmortized(1);
    if (this.trace !== null) this.emit(len, AccessKind.Store);
    this.buffer[len] = value;
    this.len = len + 1;
  }

  /** Removes and returns the last element, or `undefined` when empty. */
  pop(): ElementOf<A> | undefined {
    if (this.len === 0) return undefined;
    const index = --this.len;
    if (this.trace !== null) this.emit(index, AccessKind.Load);
    return this.buffer[index] as ElementOf<A>;
  }

  /** The element at `index`; throws `RangeError` ('index 5 out of range for length 3'). */
  get(index: number): ElementOf<A> {
    checkIndex(index, this.len);
    if (this.trace !== null) this.emit(index, AccessKind.Load);
    return this.buffer[index] as ElementOf<A>;
  }

  /** Writes `value` at `index`; throws `RangeError` when out of range. */
  set(index: number, value: ElementOf<A>): void {
    checkIndex(index, this.len);
    if (this.trace !== null) this.emit(index, AccessKind.Store);
    this.buffer[index] = value;
  }

  /** `get` without the bounds check or trace: for inner loops that already know `index < length`. */
  getUnchecked(index: number): ElementOf<A> {
    return this.buffer[index] as ElementOf<A>;
  }

  /** `set` without the bounds check or trace. Writing at `index >= length` is lost on growth. */
  setUnchecked(index: number, value: ElementOf<A>): void {
    this.buffer[index] = value;
  }

  /** Ensures room for `additional` more elements, growing amortised (×2) if needed. */
  reserve(additional: number): void {
    checkCapacity('additional', additional);
    if (this.buffer.length - this.len < additional) this.growAmortized(additional);
  }

  /** Ensures room for exactly `additional` more elements (no doubling). */
  reserveExact(additional: number): void {
    checkCapacity('additional', additional);
    if (this.buffer.length - this.len < additional) this.reallocate(this.len + additional);
  }

  /** Shrinks the capacity to `length` (0 when empty, as Rust frees the buffer). */
  shrinkToFit(): void {
    if (this.buffer.length > this.len) this.reallocate(this.len);
  }

  /** Shrinks the capacity to `max(length, minCapacity)`; never grows. */
  shrinkTo(minCapacity: number): void {
    checkCapacity('minCapacity', minCapacity);
    const target = Math.max(this.len, minCapacity);
    if (this.buffer.length > target) this.reallocate(target);
  }

  /** Keeps the first `length` elements (no-op if already shorter). Capacity is unchanged. */
  truncate(length: number): void {
    checkCapacity('length', length);
    if (length < this.len) this.len = length;
  }

  /** Removes every element; keeps the capacity. */
  clear(): void {
    this.len = 0;
  }

  /** Appends every value of `values` (reserving once when the count is known). */
  extend(values: Iterable<ElementOf<A>> | ArrayLike<ElementOf<A>>): void {
    if (Array.isArray(values) || ArrayBuffer.isView(values)) {
      const list = values as ArrayLike<ElementOf<A>>;
      for (let i = 0; i < list.length; i++) checkElement(this.buffer, list[i]);
      this.reserve(list.length);
      for (let i = 0; i < list.length; i++) this.push(list[i]!);
      return;
    }
    for (const value of values as Iterable<ElementOf<A>>) {
      checkElement(this.buffer, value);
      this.push(value);
    }
  }

  /** Inserts `value` at `index` (0 ≤ index ≤ length), shifting later elements right. O(length − index). */
  insert(index: number, value: ElementOf<A>): void {
    checkIndex(index, this.len + 1);
    checkElement(this.buffer, value);
    const len = this.len;
    if (len === this.buffer.length) this.growAmortized(1);
    if (this.trace !== null) {
      for (let i = len; i > index; i--) {
        this.emit(i - 1, AccessKind.Load);
        this.emit(i, AccessKind.Store);
      }
      this.emit(index, AccessKind.Store);
    }
    this.buffer.copyWithin(index + 1, index, len);
    this.buffer[index] = value;
    this.len = len + 1;
  }

  /** Removes and returns the element at `index`, shifting later elements left. O(length − index). */
  remove(index: number): ElementOf<A> {
    checkIndex(index, this.len);
    const value = this.buffer[index] as ElementOf<A>;
    if (this.trace !== null) {
      this.emit(index, AccessKind.Load);
      for (let i = index + 1; i < this.len; i++) {
        this.emit(i, AccessKind.Load);
        this.emit(i - 1, AccessKind.Store);
      }
    }
    this.buffer.copyWithin(index, index + 1, this.len);
    this.len--;
    return value;
  }

  /** Removes and returns the element at `index`, moving the last element into its place. O(1). */
  swapRemove(index: number): ElementOf<A> {
    checkIndex(index, this.len);
    const last = this.len - 1;
    const value = this.buffer[index] as ElementOf<A>;
    if (this.trace !== null) {
      this.emit(index, AccessKind.Load);
      this.emit(last, AccessKind.Load);
      this.emit(index, AccessKind.Store);
    }
    this.buffer[index] = this.buffer[last]!;
    this.len = last;
    return value;
  }

  /** A deep copy: a new buffer of capacity `length` holding the live elements (not traced). */
  clone(): Vec<A> {
    const copy = new Vec(this.arrayType);
    copy.replaceBuffer(this.buffer.slice(0, this.len));
    copy.len = this.len;
    return copy;
  }

  /**
   * Moves the contents out: returns a new `Vec` that owns this buffer (no copy) and leaves this
   * vector empty with capacity 0, like `std::mem::take`. Views of this vector become stale.
   */
  take(): Vec<A> {
    // The buffer keeps its address, so the moved vector keeps the trace sink and base address.
    const moved = new Vec(
      this.arrayType,
      this.trace === null ? undefined : { trace: this.trace, baseAddress: this.baseAddress },
    );
    moved.replaceBuffer(this.buffer);
    moved.len = this.len;
    this.replaceBuffer(new this.arrayType(0) as unknown as RawArray);
    this.len = 0;
    this.generation++;
    return moved;
  }

  /**
   * A typed-array view of the live elements, aliasing the buffer (no copy). Valid until the
   * next reallocation or length change; check with `isViewValid`.
   */
  asView(): A {
    return this.buffer.subarray(0, this.len) as unknown as A;
  }

  /** True when `view` still aliases this vector's buffer and covers exactly its live elements. */
  isViewValid(view: A): boolean {
    const raw = view as unknown as RawArray;
    return (
      raw.buffer === this.buffer.buffer &&
      raw.byteOffset === this.buffer.byteOffset &&
      raw.length === this.len
    );
  }

  /** A fresh typed array holding a copy of the live elements. */
  toTypedArray(): A {
    return this.buffer.slice(0, this.len) as unknown as A;
  }

  /** The live elements in order (each read is traced when tracing is on). */
  *[Symbol.iterator](): Iterator<ElementOf<A>> {
    for (let i = 0; i < this.len; i++) {
      if (this.trace !== null) this.emit(i, AccessKind.Load);
      yield this.buffer[i] as ElementOf<A>;
    }
  }

  private growAmortized(additional: number): void {
    const required = this.len + additional;
    if (required > MAX_CAPACITY) throw new RangeError(`capacity overflow: ${required} elements`);
    const doubled = Math.min(this.buffer.length * 2, MAX_CAPACITY);
    this.reallocate(Math.max(doubled, required, minNonZeroCapacity(this.elementBytes)));
  }

  private reallocate(capacity: number): void {
    const next = new this.arrayType(capacity) as unknown as RawArray;
    if (this.len > 0) next.set(this.buffer.subarray(0, this.len));
    this.bytesCopied += this.len * this.elementBytes;
    this.reallocations++;
    this.generation++;
    this.replaceBuffer(next);
  }

  private replaceBuffer(buffer: RawArray): void {
    this.buffer = buffer;
    this.pushLimit = this.trace === null ? buffer.length : 0;
  }

  private emit(index: number, kind: AccessKind): void {
    this.trace!.access(this.baseAddress + index * this.elementBytes, this.elementBytes, kind);
  }
}
