import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NDArray } from './ndarray.js';
import { transposeInto, transposeIntoRecursive, transposeNaive } from './transpose.js';

/** The obviously-correct transpose: checked element access, one element at a time. */
function referenceTranspose(src: NDArray<Float64Array>): number[] {
  const [rows, columns] = src.shape as [number, number];
  const out: number[] = [];
  for (let j = 0; j < columns; j++) for (let i = 0; i < rows; i++) out.push(src.get([i, j]));
  return out;
}

/** A random source: contiguous, or a strided view (step/slice/transpose) of a larger array. */
const sourceArbitrary = fc
  .record({
    rows: fc.integer({ min: 1, max: 70 }),
    columns: fc.integer({ min: 1, max: 70 }),
    kind: fc.constantFrom('contiguous', 'stepped', 'transposed', 'F'),
  })
  .map(({ rows, columns, kind }) => {
    if (kind === 'stepped') {
      const base = NDArray.zeros(Float64Array, [rows * 2, columns + 3]);
      base.data.forEach((_, k) => {
        base.data[k] = k;
      });
      return base.step(2, 1).slice([0, rows], [1, columns + 1]);
    }
    const shape = kind === 'transposed' ? [columns, rows] : [rows, columns];
    const base = NDArray.zeros(Float64Array, shape, kind === 'F' ? 'F' : 'C');
    base.data.forEach((_, k) => {
      base.data[k] = k * 1.5;
    });
    return kind === 'transposed' ? base.transpose() : base;
  });

describe('transposeInto', () => {
  it('blocked, cache-oblivious and naive all equal the reference on random shapes and views', () => {
    fc.assert(
      fc.property(
        sourceArbitrary,
        fc.constantFrom(1, 8, 72, 512, 8192),
        fc.integer({ min: 1, max: 300 }),
        (src, blockBytes, leafElements) => {
          const [rows, columns] = src.shape as [number, number];
          const expected = referenceTranspose(src);
          const blocked = NDArray.zeros(Float64Array, [columns, rows]);
          transposeInto(blocked, src, { blockBytes });
          expect(Array.from(blocked.data)).toEqual(expected);
          const recursive = NDArray.zeros(Float64Array, [columns, rows]);
          transposeIntoRecursive(recursive, src, { leafElements });
          expect(Array.from(recursive.data)).toEqual(expected);
          const naive = NDArray.zeros(Float64Array, [columns, rows]);
          transposeNaive(naive, src);
          expect(Array.from(naive.data)).toEqual(expected);
          // A column-major destination: the tiles' inner loop then walks the source columns.
          const columnMajor = new NDArray(new Float64Array(rows * columns), [columns, rows], [1, columns], 0);
          transposeInto(columnMajor, src, { blockBytes });
          expect(Array.from(columnMajor.toContiguous('C').data)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('crosses the default tile and outer-block boundaries (131 × 263, default options)', () => {
    const src = NDArray.zeros(Float64Array, [131, 263]);
    src.data.forEach((_, k) => {
      src.data[k] = k;
    });
    const dst = NDArray.zeros(Float64Array, [263, 131]);
    transposeInto(dst, src);
    expect(Array.from(dst.data)).toEqual(referenceTranspose(src));
    const recursive = NDArray.zeros(Float64Array, [263, 131]);
    transposeIntoRecursive(recursive, src);
    expect(Array.from(recursive.data)).toEqual(referenceTranspose(src));
  });

  it('writes into a strided destination view', () => {
    const src = new NDArray(Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
    const big = NDArray.zeros(Float64Array, [3, 4]);
    const dst = big.slice(null, [1, 3]);
    transposeInto(dst, src, { blockBytes: 8 });
    expect(Array.from(big.data)).toEqual([0, 1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0]);
  });

  it('rejects mismatched shapes, types, shared buffers and bad options', () => {
    const src = NDArray.zeros(Float64Array, [2, 3]);
    expect(() => transposeInto(NDArray.zeros(Float64Array, [2, 3]), src)).toThrow(
      'destination shape [2, 3] must be [3, 2]',
    );
    expect(() => transposeInto(NDArray.zeros(Float64Array, [6]), src)).toThrow('needs 2-D arrays');
    const f32 = NDArray.zeros(Float32Array, [3, 2]) as unknown as NDArray<Float64Array>;
    expect(() => transposeInto(f32, src)).toThrow('source is Float64Array but destination is Float32Array');
    expect(() => transposeInto(src.transpose(), src)).toThrow('share a buffer');
    expect(() => transposeInto(NDArray.zeros(Float64Array, [3, 2]), src, { blockBytes: 0 })).toThrow(
      'blockBytes must be a positive integer',
    );
    expect(() =>
      transposeIntoRecursive(NDArray.zeros(Float64Array, [3, 2]), src, { leafElements: -1 }),
    ).toThrow('leafElements must be a positive integer');
  });
});
