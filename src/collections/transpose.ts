/**
 * Out-of-place 2-D transposition `dst[j][i] = src[i][j]`, three ways: blocked (tiles that fit
 * the L1 cache), cache-oblivious (recursive halving until a small leaf), and the naive double
 * loop the other two are measured against. All work on any strides (views included).
 */
import { AccessKind } from '../trace/index.js';
import type { NDArray } from './ndarray.js';
import type { NumericArray, RawArray } from './vec-types.js';

/**
 * Default tile size in bytes (an 8×8 tile of f64, one cache line per tile row): chosen by the
 * "transpose block size" sweep in bench/collections-arrays.bench.ts, where small tiles won on
 * power-of-two sides (larger tiles put more rows in one cache set than L1 has ways).
 */
export const DEFAULT_TRANSPOSE_BLOCK_BYTES = 512;

/**
 * Tiles per side of the outer blocks that group tiles, so that a band of tiles stays in L2 and
 * the TLB (a 256×256 f64 block with 8×8 tiles): the same sweep found two levels faster than
 * one on 2048² and 4096² f64; with tiles written along the target's runs (`innerAlongRows`),
 * 32 tiles per side ran 1.94–2.02 ns per element on 4096² f64 against 2.24–2.40 for 16 and
 * 2.57–2.60 for 8 (standalone A/B, 2026-11-26, naive 8.8–9.5 in the same runs).
 */
export const TILES_PER_OUTER_BLOCK = 32;

/** Bytes of a cache line: tile edges are rounded down to whole lines so no line is split between tiles. */
const LINE_BYTES = 64;

/**
 * Leaf size of the cache-oblivious recursion, in elements (8×8): the leaf sweep in
 * bench/collections-arrays.bench.ts ("transpose block size") found 64 faster than 256 and
 * 1024 on power-of-two sides, where larger leaves suffer cache-set conflicts.
 */
export const DEFAULT_RECURSIVE_LEAF_ELEMENTS = 64;

/** Options of `transposeInto`. */
export interface TransposeOptions {
  /**
   * Bytes of one square tile: the tile edge is ⌊√(blockBytes / elementBytes)⌋ elements (≥ 1),
   * rounded down to a whole number of 64-byte lines when at least one line long.
   */
  blockBytes?: number;
}

interface Geometry {
  rows: number;
  columns: number;
  source: RawArray;
  target: RawArray;
  sourceOffset: number;
  sourceRowStride: number;
  sourceColumnStride: number;
  targetOffset: number;
  /** Target stride along the target's axis 1 (indexed by the source row i). */
  targetRowStride: number;
  /** Target stride along the target's axis 0 (indexed by the source column j). */
  targetColumnStride: number;
  /**
   * Whether a tile's inner loop walks the source rows i (the target's smaller stride: for a
   * C-order destination, it writes the destination contiguously) rather than the columns j.
   */
  innerAlongRows: boolean;
}

function geometry<A extends NumericArray>(dst: NDArray<A>, src: NDArray<A>): Geometry {
  if (src.ndim !== 2 || dst.ndim !== 2) {
    throw new RangeError(
      `transpose needs 2-D arrays, got ${src.ndim}-D source and ${dst.ndim}-D destination`,
    );
  }
  const rows = src.shape[0]!;
  const columns = src.shape[1]!;
  if (dst.shape[0] !== columns || dst.shape[1] !== rows) {
    throw new RangeError(
      `destination shape [${dst.shape.join(', ')}] must be [${columns}, ${rows}] to hold the transpose of [${rows}, ${columns}]`,
    );
  }
  if (src.data.constructor !== dst.data.constructor) {
    throw new TypeError(
      `source is ${src.data.constructor.name} but destination is ${dst.data.constructor.name}`,
    );
  }
  if (src.data.buffer === dst.data.buffer) {
    throw new RangeError('source and destination share a buffer: in-place transposition is not supported');
  }
  return {
    rows,
    columns,
    source: src.data as unknown as RawArray,
    target: dst.data as unknown as RawArray,
    sourceOffset: src.offset,
    sourceRowStride: src.strides[0]!,
    sourceColumnStride: src.strides[1]!,
    targetOffset: dst.offset,
    targetRowStride: dst.strides[1]!,
    targetColumnStride: dst.strides[0]!,
    innerAlongRows: Math.abs(dst.strides[1]!) < Math.abs(dst.strides[0]!),
  };
}

/** Copies the tile rows [i0, i1) × columns [j0, j1). The one inner kernel every variant shares. */
function copyTile(g: Geometry, i0: number, i1: number, j0: number, j1: number): void {
  const source = g.source;
  const target = g.target;
  const sc = g.sourceColumnStride;
  const tc = g.targetColumnStride;
  if (g.innerAlongRows) {
    // Writes runs of the target: 2.24–2.40 against 2.52–2.58 ns per element for the other order
    // on 4096² f64, C order (standalone A/B, 2026-11-26; bench/collections-arrays.bench.ts
    // "transpose 4096×4096" re-measures the result).
    const sr = g.sourceRowStride;
    const tr = g.targetRowStride;
    for (let j = j0; j < j1; j++) {
      let s = g.sourceOffset + i0 * sr + j * sc;
      let t = g.targetOffset + i0 * tr + j * tc;
      for (let i = i0; i < i1; i++) {
        target[t] = source[s]!;
        s += sr;
        t += tr;
      }
    }
    return;
  }
  for (let i = i0; i < i1; i++) {
    let s = g.sourceOffset + i * g.sourceRowStride + j0 * sc;
    let t = g.targetOffset + i * g.targetRowStride + j0 * tc;
    for (let j = j0; j < j1; j++) {
      target[t] = source[s]!;
      s += sc;
      t += tc;
    }
  }
}

/**
 * `transposeInto` for the common case, both arrays C-contiguous and untraced (unchecked: the
 * caller has validated the geometry; exported for the bench, not from the package): the same tiles and
 * outer blocks with plain index arithmetic and an unrolled column walk. The general tile loop
 * (`copyTile`: strides, a geometry object) ran 2.55 ns per element on 4096² f64 against 2.31 for
 * this loop before its unrolling, in the same run (bench/collections-transpose.bench.ts,
 * 2026-11-26).
 */
export function transposeContiguous(
  target: RawArray,
  source: RawArray,
  rows: number,
  columns: number,
  sourceOffset: number,
  targetOffset: number,
  edge: number,
  outer: number,
): void {
  for (let outerI = 0; outerI < rows; outerI += outer) {
    const outerIEnd = Math.min(outerI + outer, rows);
    for (let outerJ = 0; outerJ < columns; outerJ += outer) {
      const outerJEnd = Math.min(outerJ + outer, columns);
      for (let i0 = outerI; i0 < outerIEnd; i0 += edge) {
        const i1 = Math.min(i0 + edge, outerIEnd);
        for (let j0 = outerJ; j0 < outerJEnd; j0 += edge) {
          const j1 = Math.min(j0 + edge, outerJEnd);
          for (let j = j0; j < j1; j++) {
            const t = targetOffset + j * rows;
            const s = sourceOffset + j;
            let i = i0;
            // Eight independent loads per step, written out: their cache misses overlap. The loop
            // form ran 2.04–2.12 ns per element on 4096² f64, this 1.15–1.21 (standalone A/B,
            // 2026-11-26, naive 6.5–6.9 in the same runs).
            for (; i + 8 <= i1; i += 8) {
              const from = s + i * columns;
              const to = t + i;
              target[to] = source[from]!;
              target[to + 1] = source[from + columns]!;
              target[to + 2] = source[from + 2 * columns]!;
              target[to + 3] = source[from + 3 * columns]!;
              target[to + 4] = source[from + 4 * columns]!;
              target[to + 5] = source[from + 5 * columns]!;
              target[to + 6] = source[from + 6 * columns]!;
              target[to + 7] = source[from + 7 * columns]!;
            }
            for (; i < i1; i++) target[t + i] = source[s + i * columns]!;
          }
        }
      }
    }
  }
}

/** Reports the accesses of a tile copy to the arrays' trace sinks (the traced path, chosen once). */
function traceTile<A extends NumericArray>(
  dst: NDArray<A>,
  src: NDArray<A>,
  g: Geometry,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
): void {
  const bytes = src.elementBytes;
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      const s = g.sourceOffset + i * g.sourceRowStride + j * g.sourceColumnStride;
      const t = g.targetOffset + i * g.targetRowStride + j * g.targetColumnStride;
      src.trace?.access(src.baseAddress + s * bytes, bytes, AccessKind.Load);
      dst.trace?.access(dst.baseAddress + t * bytes, bytes, AccessKind.Store);
    }
  }
}

/**
 * Naive transposition: one pass over the source rows, so the destination is written with a
 * stride of `rows` elements — one cache miss per element once a column outgrows the cache.
 */
export function transposeNaive<A extends NumericArray>(dst: NDArray<A>, src: NDArray<A>): void {
  const g = geometry(dst, src);
  if (src.trace !== null || dst.trace !== null) traceTile(dst, src, g, 0, g.rows, 0, g.columns);
  copyTile(g, 0, g.rows, 0, g.columns);
}

/**
 * Blocked transposition `dst = srcᵀ`: copies square tiles small enough that the source and
 * destination lines of a tile stay in L1 together, grouped in outer blocks that stay in L2,
 * so every fetched line is used fully instead of once per element as in the naive loop.
 * O(rows × columns). Throws on mismatched shapes, element types, or a shared buffer.
 *
 * @example
 * ```ts
 * const src = new NDArray(Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
 * const dst = NDArray.zeros(Float64Array, [3, 2]);
 * transposeInto(dst, src, { blockBytes: 8192 });
 * Array.from(dst.data); // => [1, 4, 2, 5, 3, 6]
 * ```
 */
export function transposeInto<A extends NumericArray>(
  dst: NDArray<A>,
  src: NDArray<A>,
  options: TransposeOptions = {},
): void {
  const g = geometry(dst, src);
  const blockBytes = options.blockBytes ?? DEFAULT_TRANSPOSE_BLOCK_BYTES;
  if (!Number.isInteger(blockBytes) || blockBytes <= 0) {
    throw new RangeError(`blockBytes must be a positive integer, got ${String(blockBytes)}`);
  }
  const lineElements = LINE_BYTES / src.elementBytes;
  let edge = Math.max(1, Math.floor(Math.sqrt(blockBytes / src.elementBytes)));
  if (edge >= lineElements) edge -= edge % lineElements;
  const traced = src.trace !== null || dst.trace !== null;
  const outer = edge * TILES_PER_OUTER_BLOCK;
  if (
    !traced &&
    g.sourceColumnStride === 1 &&
    g.sourceRowStride === g.columns &&
    g.targetRowStride === 1 &&
    g.targetColumnStride === g.rows
  ) {
    transposeContiguous(g.target, g.source, g.rows, g.columns, g.sourceOffset, g.targetOffset, edge, outer);
    return;
  }
  for (let outerI = 0; outerI < g.rows; outerI += outer) {
    const outerIEnd = Math.min(outerI + outer, g.rows);
    for (let outerJ = 0; outerJ < g.columns; outerJ += outer) {
      const outerJEnd = Math.min(outerJ + outer, g.columns);
      for (let i0 = outerI; i0 < outerIEnd; i0 += edge) {
        const i1 = Math.min(i0 + edge, outerIEnd);
        for (let j0 = outerJ; j0 < outerJEnd; j0 += edge) {
          const j1 = Math.min(j0 + edge, outerJEnd);
          if (traced) traceTile(dst, src, g, i0, i1, j0, j1);
          copyTile(g, i0, i1, j0, j1);
        }
      }
    }
  }
}

/** Options of `transposeIntoRecursive`. */
export interface RecursiveTransposeOptions {
  /** Stop halving when a block has at most this many elements (default 64). */
  leafElements?: number;
}

/**
 * Cache-oblivious transposition: halves the longer side recursively until a block has at most
 * `leafElements` elements, so at some depth the blocks fit every cache level without knowing
 * its size (Frigo et al., 1999). O(rows × columns) work, O(log) recursion depth.
 *
 * @example
 * ```ts
 * const src = new NDArray(Int32Array.from([1, 2, 3, 4, 5, 6]), [3, 2]);
 * const dst = NDArray.zeros(Int32Array, [2, 3]);
 * transposeIntoRecursive(dst, src);
 * Array.from(dst.data); // => [1, 3, 5, 2, 4, 6]
 * ```
 */
export function transposeIntoRecursive<A extends NumericArray>(
  dst: NDArray<A>,
  src: NDArray<A>,
  options: RecursiveTransposeOptions = {},
): void {
  const g = geometry(dst, src);
  const leaf = options.leafElements ?? DEFAULT_RECURSIVE_LEAF_ELEMENTS;
  if (!Number.isInteger(leaf) || leaf <= 0) {
    throw new RangeError(`leafElements must be a positive integer, got ${String(leaf)}`);
  }
  if (src.trace !== null || dst.trace !== null) {
    recurse(g, leaf, 0, g.rows, 0, g.columns, (i0, i1, j0, j1) => traceTile(dst, src, g, i0, i1, j0, j1));
  }
  recurse(g, leaf, 0, g.rows, 0, g.columns, null);
}

type LeafHook = ((i0: number, i1: number, j0: number, j1: number) => void) | null;

function recurse(
  g: Geometry,
  leaf: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  hook: LeafHook,
): void {
  const height = i1 - i0;
  const width = j1 - j0;
  if (height * width <= leaf || (height === 1 && width === 1)) {
    if (hook === null) copyTile(g, i0, i1, j0, j1);
    else hook(i0, i1, j0, j1);
    return;
  }
  if (height >= width) {
    const middle = i0 + (height >> 1);
    recurse(g, leaf, i0, middle, j0, j1, hook);
    recurse(g, leaf, middle, i1, j0, j1, hook);
  } else {
    const middle = j0 + (width >> 1);
    recurse(g, leaf, i0, i1, j0, middle, hook);
    recurse(g, leaf, i0, i1, middle, j1, hook);
  }
}
