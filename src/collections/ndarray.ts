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
 * The view geometry is in ndarray-views.ts, the walks in ndarray-walk.ts, checks in ndarray-layout.ts.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import {
  checkedDataIndex,
  checkLayout,
  checkOrder,
  checkShape,
  defaultStrides,
  indexRangeError,
  isContiguousLayout,
  memoryOrderAxes,
  type Order,
  type StridedLayout,
} from './ndarray-layout.js';
import {
  type AxisRange,
  pickedLayout,
  reshapedLayout,
  slicedLayout,
  steppedLayout,
  transposedLayout,
} from './ndarray-views.js';
import { copyInIndexOrder, memoryOrderIndices, walkLayout } from './ndarray-walk.js';
import { resolveTrace, type TraceOptions } from './tracing.js';
import type { ElementOf, NumericArray, NumericArrayConstructor, RawArray } from './vec-types.js';

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

  /** A view of `data` with `layout`, in this array's order, traced like this array. */
  private view({ shape, strides, offset }: StridedLayout): NDArray<A> {
    return new NDArray(this.data, shape, strides, offset, this.order, this.traceOptions());
  }

  /** The data index of `index` (checked: rank and every axis). */
  indexOf(index: ArrayLike<number>): number {
    return checkedDataIndex(this, index);
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
    if (!Number.isInteger(i) || i < 0 || i >= this.shape0) throw indexRangeError(i, this.shape0, 0);
    if (!Number.isInteger(j) || j < 0 || j >= this.shape1) throw indexRangeError(j, this.shape1, 1);
    return this.offset + i * this.stride0 + j * this.stride1;
  }

  private at3(i: number, j: number, k: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.shape0) throw indexRangeError(i, this.shape0, 0);
    if (!Number.isInteger(j) || j < 0 || j >= this.shape1) throw indexRangeError(j, this.shape1, 1);
    if (!Number.isInteger(k) || k < 0 || k >= this.shape2) throw indexRangeError(k, this.shape2, 2);
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
    return this.view(transposedLayout(this, perm));
  }

  /** A view of `[start, end)` on each axis (`null` or a missing entry keeps the axis). O(ndim). */
  slice(...ranges: AxisRange[]): NDArray<A> {
    return this.view(slicedLayout(this, ranges));
  }

  /** A view taking every `steps[axis]`-th element (negative: backwards from the end). O(ndim). */
  step(...steps: Array<number | null>): NDArray<A> {
    return this.view(steppedLayout(this, steps));
  }

  /** A view with the axes given a number fixed at that index and removed (`null` keeps an axis). O(ndim). */
  pick(...indices: Array<number | null>): NDArray<A> {
    return this.view(pickedLayout(this, indices));
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
    const layout = reshapedLayout(this, this.size, this.order, shape);
    return layout === null ? null : this.view(layout);
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

  /** A fresh contiguous copy in `order` (default: this array's order). O(size). Never aliases `data`. */
  toContiguous(order: Order = this.order): NDArray<A> {
    checkOrder(order);
    const arrayType = this.data.constructor as NumericArrayConstructor<A>;
    const target = new arrayType(this.size);
    copyInIndexOrder(this, this.size, order, this.raw, target as unknown as RawArray);
    return new NDArray(target, this.shape, undefined, 0, order, this.traceOptions());
  }

  /** Sets every element to `value`. */
  fill(value: ElementOf<A>): void {
    walkLayout(this, this.size, memoryOrderAxes(this.strides), (at) => {
      this.raw[at] = value;
    });
  }

  /** The elements in memory order (axes by decreasing |stride|): the cache-friendly walk. */
  *values(): IterableIterator<ElementOf<A>> {
    for (const at of memoryOrderIndices(this, this.size)) {
      if (this.trace !== null) this.emit(at, AccessKind.Load);
      yield this.raw[at] as ElementOf<A>;
    }
  }

  /** Same as `values()`: iteration is in memory order. */
  [Symbol.iterator](): Iterator<ElementOf<A>> {
    return this.values();
  }

  private emit(at: number, kind: AccessKind): void {
    this.trace!.access(this.baseAddress + at * this.elementBytes, this.elementBytes, kind);
  }
}
