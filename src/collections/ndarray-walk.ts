/**
 * Iteration over a strided layout: the odometer walk behind `NDArray`'s `toContiguous`,
 * `fill` and `values`, the index-order copy, and the memory-order walk that reads addresses
 * only forwards.
 * Strides and offsets are in elements.
 */
import { memoryOrderAxes, type Order, type StridedLayout } from './ndarray-layout.js';
import type { RawArray } from './vec-types.js';

/**
 * Calls `visit(dataIndex, position)` for each of the `size` elements of `layout`, nesting the
 * axes in `axes` order (outermost first); `position` counts visits. Odometer loop, no
 * recursion; one counter array per call. O(size).
 */
export function walkLayout(
  layout: StridedLayout,
  size: number,
  axes: readonly number[],
  visit: (at: number, position: number) => void,
): void {
  if (size === 0) return;
  const { shape, strides } = layout;
  const count = axes.length;
  const counters = new Array<number>(count).fill(0);
  let at = layout.offset;
  for (let position = 0; position < size; position++) {
    visit(at, position);
    for (let k = count - 1; k >= 0; k--) {
      const axis = axes[k]!;
      const stride = strides[axis]!;
      if (++counters[k]! < shape[axis]!) {
        at += stride;
        break;
      }
      at -= (counters[k]! - 1) * stride;
      counters[k] = 0;
    }
  }
}

/**
 * The data indices of the `size` elements of `layout` in memory order: axes by decreasing
 * |stride|, and axes with negative strides walked from their far end, so that the indices only
 * increase (the cache-friendly order). O(size).
 */
export function memoryOrderIndices(layout: StridedLayout, size: number): number[] {
  let offset = layout.offset;
  const strides = layout.strides.map((stride, axis) => {
    if (stride >= 0 || layout.shape[axis] === 0) return stride;
    offset += (layout.shape[axis]! - 1) * stride;
    return -stride;
  });
  const indices: number[] = [];
  walkLayout({ shape: layout.shape, strides, offset }, size, memoryOrderAxes(strides), (at) => {
    indices.push(at);
  });
  return indices;
}

/**
 * Copies the `size` elements of `layout` over `source` into `target` sequentially, reading them
 * in `order`'s index order (`'C'`: last axis fastest; `'F'`: first axis fastest). O(size).
 */
export function copyInIndexOrder(
  layout: StridedLayout,
  size: number,
  order: Order,
  source: RawArray,
  target: RawArray,
): void {
  const ndim = layout.shape.length;
  const axes = layout.shape.map((_, k) => (order === 'C' ? k : ndim - 1 - k));
  walkLayout(layout, size, axes, (at, position) => {
    target[position] = source[at]!;
  });
}
