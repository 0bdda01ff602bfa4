/**
 * Orders that turn scattered traversals into sequential ones: sort 2-D points along a
 * Morton (Z-order) or Hilbert curve, or graph nodes in breadth-first order. Each returns a
 * gather permutation: `gather(data, p)` stores the data in visiting order, `remapIndices`
 * fixes indices that pointed into the old order.
 */
import { sortPermutation } from './permutation.js';

/** Grid resolution (bits per axis) points are quantised to before computing curve keys. */
const CURVE_BITS = 16;

/** Interleaves the low 16 bits of `x` and `y`: bit k of x → bit 2k, of y → bit 2k+1. */
export function mortonCode2(x: number, y: number): number {
  return (spreadBits(x) | (spreadBits(y) << 1)) >>> 0;
}

function spreadBits(value: number): number {
  let v = value & 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v;
}

/** The distance of cell `(x, y)` along the Hilbert curve filling a `2^bits × 2^bits` grid. */
export function hilbertIndex2(x: number, y: number, bits = CURVE_BITS): number {
  let d = 0;
  let px = x;
  let py = y;
  for (let s = 2 ** (bits - 1); s >= 1; s /= 2) {
    const rx = (px & s) > 0 ? 1 : 0;
    const ry = (py & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        px = s - 1 - px;
        py = s - 1 - py;
      }
      const t = px;
      px = py;
      py = t;
    }
  }
  return d;
}

function quantise(xs: ArrayLike<number>, ys: ArrayLike<number>): { qx: Uint32Array; qy: Uint32Array } {
  if (xs.length !== ys.length) throw new RangeError(`xs has ${xs.length} points but ys has ${ys.length}`);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y))
      throw new RangeError(`point ${i} is not finite: (${x}, ${y})`);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const cells = 2 ** CURVE_BITS - 1;
  const scaleX = maxX > minX ? cells / (maxX - minX) : 0;
  const scaleY = maxY > minY ? cells / (maxY - minY) : 0;
  const qx = new Uint32Array(xs.length);
  const qy = new Uint32Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    qx[i] = Math.round((xs[i]! - minX) * scaleX);
    qy[i] = Math.round((ys[i]! - minY) * scaleY);
  }
  return { qx, qy };
}

/**
 * The permutation visiting 2-D points in Morton (Z) order on a 2^16 grid over their bounding box.
 *
 * @example
 * ```ts
 * const xs = [1, 0, 1, 0];
 * const ys = [1, 1, 0, 0];
 * Array.from(mortonOrder(xs, ys)); // => [3, 2, 1, 0]
 * ```
 */
export function mortonOrder(xs: ArrayLike<number>, ys: ArrayLike<number>): Int32Array {
  const { qx, qy } = quantise(xs, ys);
  const keys = new Float64Array(xs.length);
  for (let i = 0; i < keys.length; i++) keys[i] = mortonCode2(qx[i]!, qy[i]!);
  return sortPermutation(keys);
}

/** The permutation visiting 2-D points along a Hilbert curve (better locality than Morton: no long jumps). */
export function hilbertOrder(xs: ArrayLike<number>, ys: ArrayLike<number>): Int32Array {
  const { qx, qy } = quantise(xs, ys);
  const keys = new Float64Array(xs.length);
  for (let i = 0; i < keys.length; i++) keys[i] = hilbertIndex2(qx[i]!, qy[i]!);
  return sortPermutation(keys);
}

/**
 * Breadth-first visiting order of a graph in CSR form (`targets[offsets[v] .. offsets[v+1])`
 * are the neighbours of `v`), starting at `start` and then at each unvisited node in index
 * order after it (wrapping around), so every node appears once. Neighbours of a node end up stored near it. O(V + E).
 */
export function bfsOrder(offsets: ArrayLike<number>, targets: ArrayLike<number>, start = 0): Int32Array {
  const nodeCount = offsets.length - 1;
  if (nodeCount < 0) throw new RangeError('offsets must have at least one entry (node count + 1)');
  if (offsets[0] !== 0 || offsets[nodeCount] !== targets.length) {
    throw new RangeError(`offsets must start at 0 and end at targets.length ${targets.length}`);
  }
  if (nodeCount > 0 && (!Number.isInteger(start) || start < 0 || start >= nodeCount)) {
    throw new RangeError(`start node ${start} out of range for ${nodeCount} nodes`);
  }
  const order = new Int32Array(nodeCount);
  const visited = new Uint8Array(nodeCount);
  let head = 0;
  let tail = 0;
  for (let k = 0; k < nodeCount; k++) {
    const root = (start + k) % nodeCount;
    if (visited[root] === 1) continue;
    visited[root] = 1;
    order[tail++] = root;
    while (head < tail) {
      const node = order[head++]!;
      const end = offsets[node + 1]!;
      for (let e = offsets[node]!; e < end; e++) {
        const next = targets[e]!;
        if (!Number.isInteger(next) || next < 0 || next >= nodeCount) {
          throw new RangeError(`edge ${e} points at node ${next}, out of range for ${nodeCount} nodes`);
        }
        if (visited[next] === 0) {
          visited[next] = 1;
          order[tail++] = next;
        }
      }
    }
  }
  return order;
}
