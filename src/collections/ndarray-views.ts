/**
 * The geometry of `NDArray` views: what `transpose`, `slice`, `step` and `pick` do to a strided
 * layout `(shape, strides, offset)`. Pure functions, O(ndim): a view is the same `data` under a
 * rewritten layout, so nothing here touches an element. Strides and offsets are in elements.
 */
import {
  checkAxisPermutation,
  checkShape,
  defaultStrides,
  indexRangeError,
  isContiguousLayout,
  type Order,
  type StridedLayout,
} from './ndarray-layout.js';

/** A `[start, end)` range on one axis for `slice`; `null` keeps the whole axis. */
export type AxisRange = readonly [start: number, end: number] | null;

/** Axis `a` of the result is axis `perm[a]` of `layout` (default: the axes reversed). */
export function transposedLayout(layout: StridedLayout, perm?: readonly number[]): StridedLayout {
  const ndim = layout.shape.length;
  const axes = perm ?? layout.shape.map((_, axis) => ndim - 1 - axis);
  checkAxisPermutation(axes, ndim);
  return {
    shape: axes.map((axis) => layout.shape[axis]!),
    strides: axes.map((axis) => layout.strides[axis]!),
    offset: layout.offset,
  };
}

/** `[start, end)` on each axis (`null` or a missing entry keeps the axis). */
export function slicedLayout(layout: StridedLayout, ranges: readonly AxisRange[]): StridedLayout {
  const ndim = layout.shape.length;
  if (ranges.length > ndim) throw new RangeError(`slice got ${ranges.length} ranges for ${ndim} axes`);
  const shape = layout.shape.slice();
  let offset = layout.offset;
  ranges.forEach((range, axis) => {
    if (range === null) return;
    const [start, end] = range;
    const extent = layout.shape[axis]!;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > extent) {
      throw new RangeError(`range [${start}, ${end}) is not inside [0, ${extent}] on axis ${axis}`);
    }
    shape[axis] = end - start;
    offset += start * layout.strides[axis]!;
  });
  return { shape, strides: layout.strides, offset };
}

/** Every `steps[axis]`-th element (negative: backwards from the end; `null` keeps the axis). */
export function steppedLayout(layout: StridedLayout, steps: readonly (number | null)[]): StridedLayout {
  const ndim = layout.shape.length;
  if (steps.length > ndim) throw new RangeError(`step got ${steps.length} steps for ${ndim} axes`);
  const shape = layout.shape.slice();
  const strides = layout.strides.slice();
  let offset = layout.offset;
  steps.forEach((step, axis) => {
    if (step === null) return;
    if (!Number.isInteger(step) || step === 0)
      throw new RangeError(`step must be a non-zero integer, got ${step} on axis ${axis}`);
    const extent = shape[axis]!;
    if (step < 0 && extent > 0) offset += (extent - 1) * strides[axis]!;
    shape[axis] = Math.ceil(extent / Math.abs(step));
    strides[axis] = strides[axis]! * step;
  });
  return { shape, strides, offset };
}

/** The axes given a number fixed at that index and removed (`null` or a missing entry keeps an axis). */
export function pickedLayout(layout: StridedLayout, indices: readonly (number | null)[]): StridedLayout {
  const ndim = layout.shape.length;
  if (indices.length > ndim) throw new RangeError(`pick got ${indices.length} indices for ${ndim} axes`);
  const shape: number[] = [];
  const strides: number[] = [];
  let offset = layout.offset;
  for (let axis = 0; axis < ndim; axis++) {
    const index = indices[axis] ?? null;
    if (index === null) {
      shape.push(layout.shape[axis]!);
      strides.push(layout.strides[axis]!);
      continue;
    }
    if (!Number.isInteger(index) || index < 0 || index >= layout.shape[axis]!)
      throw indexRangeError(index, layout.shape[axis]!, axis);
    offset += index * layout.strides[axis]!;
  }
  return { shape, strides, offset };
}

/**
 * `shape` over the `size` elements of `layout`, read in `order`: the contiguous layout of
 * `shape` at the same offset when `layout` is contiguous in `order`, else `null` (a copy is
 * needed). Throws unless `shape` holds exactly `size` elements.
 */
export function reshapedLayout(
  layout: StridedLayout,
  size: number,
  order: Order,
  shape: readonly number[],
): StridedLayout | null {
  if (checkShape(shape) !== size) {
    throw new RangeError(`cannot reshape ${size} elements into shape [${shape.join(', ')}]`);
  }
  if (!isContiguousLayout(layout.shape, layout.strides, order)) return null;
  return { shape, strides: defaultStrides(shape, order), offset: layout.offset };
}
