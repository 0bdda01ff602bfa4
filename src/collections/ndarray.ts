/**
 * `NDArray<A>`: an n-dimensional strided view `(data, shape, strides, offset, order)` over
 * one typed array, in the style of numpy / scijs `ndarray`.
 *
 * Element `(i0, i1, …)` lives at `data[offset + i0·strides[0] + i1·strides[1] + …]` (strides
 * and offset in elements). `transpose`, `slice`, `step`, `pick` and (when possible) `reshape`
 * only rewrite `(shape, strides, offset)`: O(ndim), no copy, the view aliases `data`.
 * `order` is the layout default strides are computed in, and the index order `reshape` and
 * `toContiguous` read elements in (numpy's `order=`); views keep it, so the transpose of a
 * C-ordered matrix is an `order: 'C'` view that is not C-contiguous, and reshaping it copies.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import {
  checkAxisPermutation,
  checkLayout,
  checkOrder,
  checkShape,
  defaultStrides,
  isContiguousLayout,
  memoryOrderAxes,
  type Order,
} from './ndarray-layout.js';
import { resolveTrace, type TraceOptions } from './tracing.js';
import type { ElementOf, NumericArray, NumericArrayConstructor, RawArray } from './vec-types.js';

/** A `[start, end)` range on one axis for `slice`; `null` keeps the whole axis. */
export type AxisRange = readonly [start: number, end: number] | null;

function rangeError(index: number, extent: number, axis: number): RangeError {
  return new RangeError(`index ${String(index)} out of range for length ${extent} on axis ${axis}`);
}

/**
 * A strided n-dimensional array.
 *
 * @example
 * ```ts
 * const m = NDArray.zeros(Float64Array, [2, 3]);
 * m.set2(1, 2, 7);
 * m.get([1, 2]); // => 7
 * const t = m.transpose(); // a view: shape [3, 2], no copy
 * t.get2(2, 1); // => 7
 * t.isContiguous('C'); // => false
 * ```
 */
export class NDArray<A extends NumericArray> implements Iterable<ElementOf<A>> {
  readonly data: A;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly order: Order;
  /** Number of axes. */
  readonly ndim: number;
  /** Number of elements. */
  readonly size: number;
  readonly trace: TraceSink | null;
  readonly baseAddress: number;
  readonly elementBytes: number;
  private readonly raw: RawArray;
  // The first three extents and strides as plain fields: the 1/2/3-D fast paths read them
  // without indexing the shape arrays.
  private readonly shape0: number;
  private readonly shape1: number;
  private readonly shape2: number;
  private readonly stride0: number;
  private readonly stride1: number;
  private readonly stride2: number;
  /**
   * `ndim` when tracing is off, else -1: `get3` tests `plainRank !== 3` once for both "wrong
   * rank?" and "traced?", so tracing off costs the checked 2-D/3-D paths nothing extra.
   */
  private readonly plainRank: number;

  /**
   * Wraps `data`. `strides` default to the contiguous strides of `shape` in `order`; throws
   * `RangeError` on a shape/stride mismatch or a layout reaching outside `data`.
   */
  constructor(
    data: A,
    shape: readonly number[],
    strides?: readonly number[],
    offset = 0,
    order: Order = 'C',
    options?: TraceOptions,
  ) {
    checkOrder(order);
    const size = checkShape(shape);
    const actualStrides = strides ?? defaultStrides(shape, order);
    checkLayout(shape, actualStrides, offset, data.length);
    const { sink, baseAddress } = resolveTrace(options);
    this.data = data;
    this.shape = Object.freeze(shape.slice());
    this.strides = Object.freeze(actualStrides.slice());
    this.offset = offset;
    this.order = order;
    this.ndim = shape.length;
    this.size = size;
    this.trace = sink;
    this.baseAddress = baseAddress;
    this.elementBytes = data.BYTES_PER_ELEMENT;
    this.raw = data as unknown as RawArray;
    this.shape0 = shape[0] ?? 1;
    this.shape1 = shape[1] ?? 1;
    this.shape2 = shape[2] ?? 1;
    this.stride0 = actualStrides[0] ?? 0;
    this.stride1 = actualStrides[1] ?? 0;
    this.stride2 = actualStrides[2] ?? 0;
    this.plainRank = sink === null ? shape.length : -1;
  }

  /** A new zero-filled contiguous array of `shape` in `order`. */
  static zeros<A extends NumericArray>(
    arrayType: NumericArrayConstructor<A>,
    shape: readonly number[],
    order: Order = 'C',
    options?: TraceOptions,
  ): NDArray<A> {
    return new NDArray(new arrayType(checkShape(shape)), shape, undefined, 0, order, options);
  }

  /** The trace options views inherit (same sink, same base address: they share `data`). */
  private traceOptions(): TraceOptions | undefined {
    return this.trace === null ? undefined : { trace: this.trace, baseAddress: this.baseAddress };
  }

  private view(
    shape: readonly number[],
    strides: readonly number[],
    offset: number,
    order: Order,
  ): NDArray<A> {
    return new NDArray(this.data, shape, strides, offset, order, this.traceOptions());
  }

  /** The data index of `index` (checked: rank and every axis). */
  indexOf(index: ArrayLike<number>): number {
    if (index.length !== this.ndim) {
      throw new RangeError(`index has ${index.length} coordinates but the array has ${this.ndim} axes`);
    }
    let at = this.offset;
    for (let axis = 0; axis < this.ndim; axis++) {
      const i = index[axis]!;
      const extent = this.shape[axis]!;
      if (!Number.isInteger(i) || i < 0 || i >= extent) throw rangeError(i, extent, axis);
      at += i * this.strides[axis]!;
    }
    return at;
  }

  /** The element at `index` (one coordinate per axis). Checked, traced. */
  get(index: ArrayLike<number>): ElementOf<A> {
    const at = this.indexOf(index);
    if (this.trace !== null) this.emit(at, AccessKind.Load);
    return this.raw[at] as ElementOf<A>;
  }

  /** Writes `value` at `index`. Checked, traced. */
  set(index: ArrayLike<number>, value: ElementOf<A>): void {
    const at = this.indexOf(index);
    if (this.trace !== null) this.emit(at, AccessKind.Store);
    this.raw[at] = value;
  }

  private checkRank(ndim: number): void {
    if (this.ndim !== ndim)
      throw new RangeError(`get${ndim}/set${ndim} need ${ndim} axes, the array has ${this.ndim}`);
  }

  private at2(i: number, j: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.shape0) throw rangeError(i, this.shape0, 0);
    if (!Number.isInteger(j) || j < 0 || j >= this.shape1) throw rangeError(j, this.shape1, 1);
    return this.offset + i * this.stride0 + j * this.stride1;
  }

  private at3(i: number, j: number, k: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.shape0) throw rangeError(i, this.shape0, 0);
    if (!Number.isInteger(j) || j < 0 || j >= this.shape1) throw rangeError(j, this.shape1, 1);
    if (!Number.isInteger(k) || k < 0 || k >= this.shape2) throw rangeError(k, this.shape2, 2);
    return this.offset + i * this.stride0 + j * this.stride1 + k * this.stride2;
  }

  /** 2-D `get`, checked and traced. */
  get2(i: number, j: number): ElementOf<A> {
    if (this.plainRank !== 2) return this.access2(i, j, AccessKind.Load) as ElementOf<A>;
    return this.raw[this.at2(i, j)] as ElementOf<A>;
  }

  /** 2-D `set`, checked and traced. */
  set2(i: number, j: number, value: ElementOf<A>): void {
    if (this.plainRank !== 2) this.access2(i, j, AccessKind.Store);
    this.raw[this.at2(i, j)] = value;
  }

  /** 3-D `get`, checked and traced. */
  get3(i: number, j: number, k: number): ElementOf<A> {
    if (this.plainRank !== 3) return this.access3(i, j, k, AccessKind.Load) as ElementOf<A>;
    return this.raw[this.at3(i, j, k)] as ElementOf<A>;
  }

  /** 3-D `set`, checked and traced. */
  set3(i: number, j: number, k: number, value: ElementOf<A>): void {
    if (this.plainRank !== 3) this.access3(i, j, k, AccessKind.Store);
    this.raw[this.at3(i, j, k)] = value;
  }

  /** The slow path of get2/set2: rank check, bounds, trace; returns the current value. */
  private access2(i: number, j: number, kind: AccessKind): number | bigint {
    this.checkRank(2);
    const at = this.at2(i, j);
    if (this.trace !== null) this.emit(at, kind);
    return this.raw[at]!;
  }

  /** The slow path of get3/set3. */
  private access3(i: number, j: number, k: number, kind: AccessKind): number | bigint {
    this.checkRank(3);
    const at = this.at3(i, j, k);
    if (this.trace !== null) this.emit(at, kind);
    return this.raw[at]!;
  }

  /** 2-D `get` with no checks and no trace: for inner loops whose bounds are known. */
  get2Unchecked(i: number, j: number): ElementOf<A> {
    return this.raw[this.offset + i * this.stride0 + j * this.stride1] as ElementOf<A>;
  }

  /** 2-D `set` with no checks and no trace. */
  set2Unchecked(i: number, j: number, value: ElementOf<A>): void {
    this.raw[this.offset + i * this.stride0 + j * this.stride1] = value;
  }

  /** 3-D `get` with no checks and no trace. */
  get3Unchecked(i: number, j: number, k: number): ElementOf<A> {
    return this.raw[this.offset + i * this.stride0 + j * this.stride1 + k * this.stride2] as ElementOf<A>;
  }

  /** 3-D `set` with no checks and no trace. */
  set3Unchecked(i: number, j: number, k: number, value: ElementOf<A>): void {
    this.raw[this.offset + i * this.stride0 + j * this.stride1 + k * this.stride2] = value;
  }

  /** A view with axes permuted: axis `a` of the view is axis `perm[a]` of this (default: reversed). O(ndim). */
  transpose(perm?: readonly number[]): NDArray<A> {
    const axes = perm ?? this.shape.map((_, axis) => this.ndim - 1 - axis);
    checkAxisPermutation(axes, this.ndim);
    return this.view(
      axes.map((axis) => this.shape[axis]!),
      axes.map((axis) => this.strides[axis]!),
      this.offset,
      this.order,
    );
  }

  /** A view of `[start, end)` on each axis (`null` or a missing entry keeps the axis). O(ndim). */
  slice(...ranges: AxisRange[]): NDArray<A> {
    if (ranges.length > this.ndim)
      throw new RangeError(`slice got ${ranges.length} ranges for ${this.ndim} axes`);
    const shape = this.shape.slice();
    let offset = this.offset;
    ranges.forEach((range, axis) => {
      if (range === null) return;
      const [start, end] = range;
      const extent = this.shape[axis]!;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > extent) {
        throw new RangeError(`range [${start}, ${end}) is not inside [0, ${extent}] on axis ${axis}`);
      }
      shape[axis] = end - start;
      offset += start * this.strides[axis]!;
    });
    return this.view(shape, this.strides, offset, this.order);
  }

  /** A view taking every `steps[axis]`-th element (negative: backwards from the end). O(ndim). */
  step(...steps: Array<number | null>): NDArray<A> {
    if (steps.length > this.ndim)
      throw new RangeError(`step got ${steps.length} steps for ${this.ndim} axes`);
    const shape = this.shape.slice();
    const strides = this.strides.slice();
    let offset = this.offset;
    steps.forEach((step, axis) => {
      if (step === null) return;
      if (!Number.isInteger(step) || step === 0)
        throw new RangeError(`step must be a non-zero integer, got ${step} on axis ${axis}`);
      const extent = shape[axis]!;
      if (step < 0 && extent > 0) offset += (extent - 1) * strides[axis]!;
      shape[axis] = Math.ceil(extent / Math.abs(step));
      strides[axis] = strides[axis]! * step;
    });
    return this.view(shape, strides, offset, this.order);
  }

  /** A view with the axes given a number fixed at that index and removed (`null` keeps an axis). O(ndim). */
  pick(...indices: Array<number | null>): NDArray<A> {
    if (indices.length > this.ndim)
      throw new RangeError(`pick got ${indices.length} indices for ${this.ndim} axes`);
    const shape: number[] = [];
    const strides: number[] = [];
    let offset = this.offset;
    for (let axis = 0; axis < this.ndim; axis++) {
      const index = indices[axis] ?? null;
      if (index === null) {
        shape.push(this.shape[axis]!);
        strides.push(this.strides[axis]!);
        continue;
      }
      if (!Number.isInteger(index) || index < 0 || index >= this.shape[axis]!)
        throw rangeError(index, this.shape[axis]!, axis);
      offset += index * this.strides[axis]!;
    }
    return this.view(shape, strides, offset, this.order);
  }

  /** True when the elements are contiguous in `order` (or, with no argument, in either order). */
  isContiguous(order?: Order): boolean {
    if (order === undefined) return this.isContiguous('C') || this.isContiguous('F');
    return isContiguousLayout(this.shape, this.strides, checkOrder(order));
  }

  /**
   * A view of the same elements with `shape` (read in this array's `order`) when the array is
   * contiguous in that order; `null` when a copy would be needed.
   */
  reshapeView(shape: readonly number[]): NDArray<A> | null {
    this.checkReshape(shape);
    if (!this.isContiguous(this.order)) return null;
    return this.view(shape, defaultStrides(shape, this.order), this.offset, this.order);
  }

  /**
   * `shape` over the same elements: a view (O(ndim), aliasing `data`) when `reshapeView`
   * succeeds, else a contiguous copy (O(size)). Compare `result.data === this.data` to tell.
   */
  reshape(shape: readonly number[]): NDArray<A> {
    const view = this.reshapeView(shape);
    if (view !== null) return view;
    const copy = this.toContiguous(this.order);
    return new NDArray(copy.data, shape, undefined, 0, this.order, this.traceOptions());
  }

  private checkReshape(shape: readonly number[]): void {
    if (checkShape(shape) !== this.size) {
      throw new RangeError(`cannot reshape ${this.size} elements into shape [${shape.join(', ')}]`);
    }
  }

  /** A fresh contiguous copy in `order` (default: this array's order). O(size). Never aliases `data`. */
  toContiguous(order: Order = this.order): NDArray<A> {
    checkOrder(order);
    const arrayType = this.data.constructor as NumericArrayConstructor<A>;
    const target = new arrayType(this.size);
    const out = target as unknown as RawArray;
    // Walk this array in the target's index order, writing the target sequentially.
    const axes = this.shape.map((_, k) => (order === 'C' ? k : this.ndim - 1 - k));
    this.walk(axes, (at, position) => {
      out[position] = this.raw[at]!;
    });
    return new NDArray(target, this.shape, undefined, 0, order, this.traceOptions());
  }

  /** Sets every element to `value`. */
  fill(value: ElementOf<A>): void {
    this.walk(memoryOrderAxes(this.strides), (at) => {
      this.raw[at] = value;
    });
  }

  /** The elements in memory order (axes by decreasing |stride|): the cache-friendly walk. */
  *values(): IterableIterator<ElementOf<A>> {
    // Walk axes with negative strides from their far end, so addresses only increase.
    let offset = this.offset;
    const strides = this.strides.map((stride, axis) => {
      if (stride >= 0 || this.shape[axis] === 0) return stride;
      offset += (this.shape[axis]! - 1) * stride;
      return -stride;
    });
    const forward = new NDArray(this.data, this.shape, strides, offset, this.order);
    const positions: number[] = [];
    forward.walk(memoryOrderAxes(strides), (at) => {
      positions.push(at);
    });
    for (const at of positions) {
      if (this.trace !== null) this.emit(at, AccessKind.Load);
      yield this.raw[at] as ElementOf<A>;
    }
  }

  /** Same as `values()`: iteration is in memory order. */
  [Symbol.iterator](): Iterator<ElementOf<A>> {
    return this.values();
  }

  /**
   * Calls `visit(dataIndex, position)` for every element, nesting the axes in `axes` order
   * (outermost first); `position` counts visits. Odometer loop, no recursion.
   */
  private walk(axes: readonly number[], visit: (at: number, position: number) => void): void {
    if (this.size === 0) return;
    const count = axes.length;
    const counters = new Array<number>(count).fill(0);
    let at = this.offset;
    for (let position = 0; position < this.size; position++) {
      visit(at, position);
      for (let k = count - 1; k >= 0; k--) {
        const axis = axes[k]!;
        const stride = this.strides[axis]!;
        if (++counters[k]! < this.shape[axis]!) {
          at += stride;
          break;
        }
        at -= (counters[k]! - 1) * stride;
        counters[k] = 0;
      }
    }
  }

  private emit(at: number, kind: AccessKind): void {
    this.trace!.access(this.baseAddress + at * this.elementBytes, this.elementBytes, kind);
  }
}
