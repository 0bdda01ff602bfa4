import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NDArray } from './ndarray.js';
import { CooMatrix, type CscMatrix, CsrMatrix } from './sparse.js';

/** A random small matrix as triplets with many duplicates (small values keep sums exact). */
const tripletsArbitrary = fc
  .record({ rows: fc.integer({ min: 0, max: 12 }), columns: fc.integer({ min: 0, max: 12 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      rows: fc.constant(rows),
      columns: fc.constant(columns),
      entries:
        rows === 0 || columns === 0
          ? fc.constant([] as Array<[number, number, number]>)
          : fc.array(fc.tuple(fc.nat(rows - 1), fc.nat(columns - 1), fc.integer({ min: -8, max: 8 })), {
              maxLength: 60,
            }),
      x: fc.array(fc.integer({ min: -5, max: 5 }), {
        minLength: Math.max(rows, columns),
        maxLength: Math.max(rows, columns),
      }),
    }),
  );

/** The reference: a plain nested array with duplicates summed. */
function denseModel(
  rows: number,
  columns: number,
  entries: ReadonlyArray<readonly [number, number, number]>,
): number[][] {
  const dense = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  for (const [i, j, v] of entries) dense[i]![j]! += v;
  return dense;
}

function toNested(array: NDArray<Float64Array>): number[][] {
  const [rows, columns] = array.shape as [number, number];
  return Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => array.get2(i, j)));
}

function checkSorted(matrix: CsrMatrix | CscMatrix): void {
  for (let m = 0; m + 1 < matrix.offsets.length; m++) {
    for (let k = matrix.offsets[m]! + 1; k < matrix.offsets[m + 1]!; k++) {
      expect(matrix.indices[k]!).toBeGreaterThan(matrix.indices[k - 1]!);
    }
  }
}

describe('sparse formats against a dense model', () => {
  it('conversions, duplicate summing, dense round trips and SpMV (≥ 10^4 operations)', () => {
    let operations = 0;
    fc.assert(
      fc.property(tripletsArbitrary, ({ rows, columns, entries, x }) => {
        const coo = new CooMatrix(rows, columns);
        for (const [i, j, v] of entries) coo.push(i, j, v);
        operations += entries.length + 1;
        const dense = denseModel(rows, columns, entries);
        const csr = coo.toCsr();
        const csc = coo.toCsc();
        checkSorted(csr);
        checkSorted(csc);
        for (const matrix of [
          coo.toDense(),
          csr.toDense(),
          csc.toDense(),
          csr.toCsc().toDense(),
          csc.toCsr().toDense(),
        ]) {
          expect(toNested(matrix)).toEqual(dense);
        }
        expect(toNested(csr.toCoo().toCsc().toDense())).toEqual(dense);
        const distinct = new Set(entries.map(([i, j]) => i * 64 + j)).size;
        expect(csr.nnz).toBe(distinct);
        expect(csc.nnz).toBe(distinct);
        for (let i = 0; i < rows; i++) {
          for (let j = 0; j < columns; j++) {
            expect(csr.get(i, j)).toBe(dense[i]![j]);
            expect(csc.get(i, j)).toBe(dense[i]![j]);
            operations += 2;
          }
        }
        // y = A x and y = Aᵀ x against the dense matvec.
        const xColumns = Float64Array.from(x.slice(0, columns));
        const xRows = Float64Array.from(x.slice(0, rows));
        const ax = dense.map((row) => row.reduce((sum, v, j) => sum + v * xColumns[j]!, 0));
        const atx = Array.from({ length: columns }, (_, j) =>
          dense.reduce((sum, row, i) => sum + row[j]! * xRows[i]!, 0),
        );
        expect(Array.from(csr.multiply(xColumns))).toEqual(ax);
        expect(Array.from(csc.multiply(xColumns))).toEqual(ax);
        expect(Array.from(csr.multiplyTranspose(xRows))).toEqual(atx);
        expect(Array.from(csc.multiplyTranspose(xRows))).toEqual(atx);
        // fromDense keeps exactly the non-zeros.
        const back = CooMatrix.fromDense(csr.toDense());
        expect(back.storedCount).toBe(dense.flat().filter((v) => v !== 0).length);
        expect(toNested(back.toDense())).toEqual(dense);
        operations += 6;
      }),
      { numRuns: 400 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('multiply reuses a given output vector and overwrites it', () => {
    const coo = new CooMatrix(2, 2);
    coo.push(0, 1, 3);
    const y = Float64Array.from([9, 9]);
    coo.toCsc().multiply(Float64Array.from([1, 2]), y);
    expect(Array.from(y)).toEqual([6, 0]);
  });

  it('rejects bad arguments with messages that name the problem', () => {
    expect(() => new CooMatrix(-1, 2)).toThrow('rows must be a non-negative int32, got -1');
    const coo = new CooMatrix(2, 3);
    expect(() => coo.push(2, 0, 1)).toThrow('row 2 out of range for 2 rows');
    expect(() => coo.push(0, 3, 1)).toThrow('column 3 out of range for 3 columns');
    const csr = coo.toCsr();
    expect(() => csr.multiply(new Float64Array(2))).toThrow('x has length 2, expected 3');
    expect(() => csr.multiplyTranspose(new Float64Array(2), new Float64Array(1))).toThrow(
      'y has length 1, expected 3',
    );
    const arrays = {
      offsets: Int32Array.from([0, 2, 2]),
      indices: Int32Array.from([1, 1]),
      values: new Float64Array(2),
    };
    expect(() => new CsrMatrix(2, 3, arrays)).toThrow('indices not strictly increasing in slice 0');
    expect(() => new CsrMatrix(3, 3, arrays)).toThrow('offsets has 3 entries, expected 4');
    expect(() => CooMatrix.fromDense(NDArray.zeros(Float64Array, [2]))).toThrow(
      'fromDense needs a 2-D array, got 1-D',
    );
  });
});
