/**
 * Pure helpers about strided layouts: default strides for an order, validation that a
 * (shape, strides, offset) triple stays inside its buffer, contiguity, and the axis order
 * that walks memory forwards. Strides and offsets are in elements, not bytes.
 */

/** Row-major (`'C'`: last axis contiguous) or column-major (`'F'`: first axis contiguous). */
export type Order = 'C' | 'F';

/** Where the elements of a strided array are: element `(i0, i1, …)` at `offset + Σ ik·strides[k]`. */
export interface StridedLayout {
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** The error for coordinate `index` outside `[0, extent)` on `axis`. */
export function indexRangeError(index: number, extent: number, axis: number): RangeError {
  return new RangeError(`index ${String(index)} out of range for length ${extent} on axis ${axis}`);
}

/** The data index of element `index` of `layout`; throws a `RangeError` for a wrong rank or a coordinate out of range. */
export function checkedDataIndex(layout: StridedLayout, index: ArrayLike<number>): number {
  const { shape, strides } = layout;
  const ndim = shape.length;
  if (index.length !== ndim) {
    throw new RangeError(`index has ${index.length} coordinates but the array has ${ndim} axes`);
  }
  let at = layout.offset;
  for (let axis = 0; axis < ndim; axis++) {
    const i = index[axis]!;
    const extent = shape[axis]!;
    if (!Number.isInteger(i) || i < 0 || i >= extent) throw indexRangeError(i, extent, axis);
    at += i * strides[axis]!;
  }
  return at;
}

/** Checks an order argument. */
export function checkOrder(order: unknown): Order {
  if (order !== 'C' && order !== 'F') throw new TypeError(`order must be 'C' or 'F', got ${String(order)}`);
  return order;
}

/** Checks a shape (non-negative integer extents) and returns its element count. */
export function checkShape(shape: ArrayLike<number>): number {
  let size = 1;
  for (let axis = 0; axis < shape.length; axis++) {
    const extent = shape[axis]!;
    if (!Number.isInteger(extent) || extent < 0) {
      throw new RangeError(
        `shape [${Array.from(shape).join(', ')}] has a bad extent ${String(extent)} on axis ${axis}`,
      );
    }
    size *= extent;
  }
  if (size > Number.MAX_SAFE_INTEGER)
    throw new RangeError(`shape [${Array.from(shape).join(', ')}] is too large`);
  return size;
}

/** The strides (in elements) of a contiguous array of `shape` in `order`. */
export function defaultStrides(shape: readonly number[], order: Order): number[] {
  const strides = new Array<number>(shape.length).fill(0);
  let stride = 1;
  if (order === 'C') {
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      strides[axis] = stride;
      stride *= shape[axis]!;
    }
  } else {
    for (let axis = 0; axis < shape.length; axis++) {
      strides[axis] = stride;
      stride *= shape[axis]!;
    }
  }
  return strides;
}

/**
 * Throws a `RangeError` naming the problem unless every element of the layout lies inside a
 * buffer of `dataLength` elements (and strides match the shape in count).
 */
export function checkLayout(
  shape: readonly number[],
  strides: readonly number[],
  offset: number,
  dataLength: number,
): void {
  const size = checkShape(shape);
  if (strides.length !== shape.length) {
    throw new RangeError(
      `shape/stride mismatch: shape [${shape.join(', ')}] has ${shape.length} axes but strides [${strides.join(', ')}] has ${strides.length}`,
    );
  }
  for (const stride of strides) {
    if (!Number.isSafeInteger(stride)) throw new RangeError(`stride ${String(stride)} is not an integer`);
  }
  if (!Number.isSafeInteger(offset)) throw new RangeError(`offset ${String(offset)} is not an integer`);
  if (size === 0) return;
  let low = offset;
  let high = offset;
  for (let axis = 0; axis < shape.length; axis++) {
    const reach = (shape[axis]! - 1) * strides[axis]!;
    if (reach < 0) low += reach;
    else high += reach;
  }
  if (low < 0 || high >= dataLength) {
    throw new RangeError(
      `shape [${shape.join(', ')}] with strides [${strides.join(', ')}] and offset ${offset} reaches elements ${low}..${high}, outside data of length ${dataLength}`,
    );
  }
}

/** True when the layout is exactly the contiguous layout of `shape` in `order` (axes of extent 1 ignored). */
export function isContiguousLayout(
  shape: readonly number[],
  strides: readonly number[],
  order: Order,
): boolean {
  let expected = 1;
  const count = shape.length;
  for (let k = 0; k < count; k++) {
    const axis = order === 'C' ? count - 1 - k : k;
    const extent = shape[axis]!;
    if (extent === 0) return true;
    if (extent !== 1 && strides[axis] !== expected) return false;
    expected *= extent;
  }
  return true;
}

/** Axes ordered from the largest |stride| to the smallest: the innermost axis walks memory fastest. */
export function memoryOrderAxes(strides: readonly number[]): number[] {
  const axes = strides.map((_, axis) => axis);
  return axes.sort((a, b) => Math.abs(strides[b]!) - Math.abs(strides[a]!) || a - b);
}

/** Checks that `perm` is a permutation of `0..count-1`. */
export function checkAxisPermutation(perm: readonly number[], count: number): void {
  const seen = new Uint8Array(count);
  const bad =
    perm.length !== count ||
    perm.some((axis) => {
      if (!Number.isInteger(axis) || axis < 0 || axis >= count || seen[axis] === 1) return true;
      seen[axis] = 1;
      return false;
    });
  if (bad) throw new RangeError(`[${perm.join(', ')}] is not a permutation of the ${count} axes`);
}
