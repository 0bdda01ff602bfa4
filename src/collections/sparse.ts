/**
 * Sparse matrices of `float64`: COO (triplets, for building), CSR (row-compressed: fast
 * `A x`), CSC (column-compressed: fast `Aᵀ x` and column access), with conversions,
 * duplicate summing, dense round trips and sparse matrix-vector products.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import { NDArray } from './ndarray.js';
import {
  type CompressedArrays,
  compressedAddresses,
  compressTriplets,
  expandToTriplets,
  gatherDot,
  scatterAxpy,
} from './sparse-compress.js';
import { resolveTrace, type TraceOptions } from './tracing.js';
import { Vec } from './vec.js';

function checkDimension(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
    throw new RangeError(`${what} must be a non-negative int32, got ${String(value)}`);
  }
}

function checkEntry(row: number, column: number, rows: number, columns: number): void {
  if (!Number.isInteger(row) || row < 0 || row >= rows)
    throw new RangeError(`row ${String(row)} out of range for ${rows} rows`);
  if (!Number.isInteger(column) || column < 0 || column >= columns) {
    throw new RangeError(`column ${String(column)} out of range for ${columns} columns`);
  }
}

function checkVector(what: string, vector: Float64Array, length: number): void {
  if (vector.length !== length)
    throw new RangeError(`${what} has length ${vector.length}, expected ${length}`);
}

/**
 * A sparse matrix as an unordered list of `(row, column, value)` triplets; duplicates are
 * allowed and summed by `toCsr`/`toCsc`/`toDense`.
 *
 * @example
 * ```ts
 * const a = new CooMatrix(2, 3);
 * a.push(0, 2, 1.5);
 * a.push(1, 0, 2);
 * a.push(0, 2, 0.5); // a duplicate: summed on conversion
 * const csr = a.toCsr();
 * csr.get(0, 2); // => 2
 * Array.from(csr.multiply(Float64Array.from([1, 1, 1])));  // => [2, 2]
 * ```
 */
export class CooMatrix {
  readonly rows: number;
  readonly columns: number;
  private readonly rowIndices: Vec<Int32Array>;
  private readonly columnIndices: Vec<Int32Array>;
  private readonly entries: Vec<Float64Array>;

  /** An empty `rows × columns` matrix. */
  constructor(rows: number, columns: number) {
    checkDimension('rows', rows);
    checkDimension('columns', columns);
    this.rows = rows;
    this.columns = columns;
    this.rowIndices = Vec.of(Int32Array);
    this.columnIndices = Vec.of(Int32Array);
    this.entries = Vec.of(Float64Array);
  }

  /** The non-zero entries of a 2-D dense array (any layout). O(rows × columns). */
  static fromDense(dense: NDArray<Float64Array>): CooMatrix {
    if (dense.ndim !== 2) throw new RangeError(`fromDense needs a 2-D array, got ${dense.ndim}-D`);
    const matrix = new CooMatrix(dense.shape[0]!, dense.shape[1]!);
    for (let i = 0; i < matrix.rows; i++) {
      for (let j = 0; j < matrix.columns; j++) {
        const value = dense.get2Unchecked(i, j);
        if (value !== 0) matrix.push(i, j, value);
      }
    }
    return matrix;
  }

  /** Number of stored triplets (duplicates counted). */
  get storedCount(): number {
    return this.entries.length;
  }

  /** Adds a triplet; amortised O(1). Throws when `(row, column)` is outside the matrix. */
  push(row: number, column: number, value: number): void {
    checkEntry(row, column, this.rows, this.columns);
    if (typeof value !== 'number') throw new TypeError(`value must be a number, got ${typeof value}`);
    this.rowIndices.push(row);
    this.columnIndices.push(column);
    this.entries.push(value);
  }

  /** Row-compressed copy, duplicates summed, columns sorted within rows. O(nnz + rows + columns). */
  toCsr(options?: TraceOptions): CsrMatrix {
    const arrays = compressTriplets(
      this.rows,
      this.columns,
      this.rowIndices.asView(),
      this.columnIndices.asView(),
      this.entries.asView(),
    );
    return new CsrMatrix(this.rows, this.columns, arrays, options);
  }

  /** Column-compressed copy, duplicates summed, rows sorted within columns. */
  toCsc(options?: TraceOptions): CscMatrix {
    const arrays = compressTriplets(
      this.columns,
      this.rows,
      this.columnIndices.asView(),
      this.rowIndices.asView(),
      this.entries.asView(),
    );
    return new CscMatrix(this.rows, this.columns, arrays, options);
  }

  /** A dense row-major copy (duplicates summed). */
  toDense(): NDArray<Float64Array> {
    const dense = NDArray.zeros(Float64Array, [this.rows, this.columns]);
    const data = dense.data;
    for (let k = 0; k < this.entries.length; k++) {
      data[this.rowIndices.getUnchecked(k) * this.columns + this.columnIndices.getUnchecked(k)]! +=
        this.entries.getUnchecked(k);
    }
    return dense;
  }

  /** The triplets as copies: `{ rows, columns, values }` arrays of equal length. */
  triplets(): { rows: Int32Array; columns: Int32Array; values: Float64Array } {
    return {
      rows: this.rowIndices.toTypedArray(),
      columns: this.columnIndices.toTypedArray(),
      values: this.entries.toTypedArray(),
    };
  }
}

/** What CSR and CSC share: the compressed arrays, their trace addresses, and the traced walk. */
abstract class CompressedMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  readonly trace: TraceSink | null;
  readonly baseAddress: number;
  private readonly arrays: CompressedArrays;

  protected constructor(
    rows: number,
    columns: number,
    majorCount: number,
    minorCount: number,
    arrays: CompressedArrays,
    options: TraceOptions | undefined,
  ) {
    checkDimension('rows', rows);
    checkDimension('columns', columns);
    checkCompressed(arrays, majorCount, minorCount);
    const { sink, baseAddress } = resolveTrace(options);
    this.rows = rows;
    this.columns = columns;
    this.offsets = arrays.offsets;
    this.indices = arrays.indices;
    this.values = arrays.values;
    this.trace = sink;
    this.baseAddress = baseAddress;
    this.arrays = arrays;
  }

  /** Number of stored entries. */
  get nnz(): number {
    return this.values.length;
  }

  /** Bytes of the three arrays. */
  bytesUsed(): number {
    return this.offsets.byteLength + this.indices.byteLength + this.values.byteLength;
  }

  /** The stored value at (major, minor), or 0: binary search in the slice. O(log nnz-per-slice). */
  protected lookup(major: number, minor: number): number {
    let low = this.offsets[major]!;
    let high = this.offsets[major + 1]!;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const index = this.indices[middle]!;
      if (index === minor) return this.values[middle]!;
      if (index < minor) low = middle + 1;
      else high = middle;
    }
    return 0;
  }

  /** `y[m] = Σ_k values[k]·x[indices[k]]`, traced when a sink is set. */
  protected gather(x: Float64Array, y: Float64Array): Float64Array {
    if (this.trace !== null) this.traceWalk();
    gatherDot(this.arrays, x, y);
    return y;
  }

  /** `y[indices[k]] += values[k]·x[m]`, traced when a sink is set. */
  protected scatter(x: Float64Array, y: Float64Array): Float64Array {
    if (this.trace !== null) this.traceWalk();
    scatterAxpy(this.arrays, x, y);
    return y;
  }

  /** Reports the matrix reads both SpMV kernels make, in their order. */
  private traceWalk(): void {
    const sink = this.trace!;
    const at = compressedAddresses(this.arrays, this.baseAddress);
    const majorCount = this.offsets.length - 1;
    for (let m = 0; m < majorCount; m++) {
      sink.access(at.offsets + m * 4, 4, AccessKind.Load);
      sink.access(at.offsets + (m + 1) * 4, 4, AccessKind.Load);
      for (let k = this.offsets[m]!; k < this.offsets[m + 1]!; k++) {
        sink.access(at.indices + k * 4, 4, AccessKind.Load);
        sink.access(at.values + k * 8, 8, AccessKind.Load);
      }
    }
  }

  protected triplets(): { major: Int32Array; minor: Int32Array; values: Float64Array } {
    return expandToTriplets(this.arrays);
  }
}

function checkCompressed(arrays: CompressedArrays, majorCount: number, minorCount: number): void {
  const { offsets, indices, values } = arrays;
  if (offsets.length !== majorCount + 1) {
    throw new RangeError(`offsets has ${offsets.length} entries, expected ${majorCount + 1}`);
  }
  if (indices.length !== values.length) {
    throw new RangeError(`indices has ${indices.length} entries but values has ${values.length}`);
  }
  if (offsets[0] !== 0 || offsets[majorCount] !== values.length) {
    throw new RangeError(
      `offsets must run from 0 to ${values.length}, got ${offsets[0]}..${offsets[majorCount]}`,
    );
  }
  for (let m = 0; m < majorCount; m++) {
    const start = offsets[m]!;
    const end = offsets[m + 1]!;
    if (end < start) throw new RangeError(`offsets decrease at ${m}: ${start} > ${end}`);
    for (let k = start; k < end; k++) {
      const index = indices[k]!;
      if (index < 0 || index >= minorCount)
        throw new RangeError(`index ${index} out of range for length ${minorCount}`);
      if (k > start && index <= indices[k - 1]!)
        throw new RangeError(`indices not strictly increasing in slice ${m}`);
    }
  }
}

/** Compressed sparse row: row `i`'s entries are `offsets[i] .. offsets[i+1]`. */
export class CsrMatrix extends CompressedMatrix {
  /** Wraps arrays (validated: sorted, in range, no duplicates). Use `CooMatrix.toCsr` to build. */
  constructor(rows: number, columns: number, arrays: CompressedArrays, options?: TraceOptions) {
    super(rows, columns, rows, columns, arrays, options);
  }

  /** The value at (row, column), 0 when not stored. */
  get(row: number, column: number): number {
    checkEntry(row, column, this.rows, this.columns);
    return this.lookup(row, column);
  }

  /** `y = A x` (y allocated when omitted). O(nnz + rows). */
  multiply(x: Float64Array, y: Float64Array = new Float64Array(this.rows)): Float64Array {
    checkVector('x', x, this.columns);
    checkVector('y', y, this.rows);
    return this.gather(x, y);
  }

  /** `y = Aᵀ x` (y allocated when omitted). O(nnz + rows + columns). */
  multiplyTranspose(x: Float64Array, y: Float64Array = new Float64Array(this.columns)): Float64Array {
    checkVector('x', x, this.rows);
    checkVector('y', y, this.columns);
    return this.scatter(x, y);
  }

  /** Triplets in row-major order. */
  toCoo(): CooMatrix {
    const { major, minor, values } = this.triplets();
    const coo = new CooMatrix(this.rows, this.columns);
    for (let k = 0; k < values.length; k++) coo.push(major[k]!, minor[k]!, values[k]!);
    return coo;
  }

  /** The same matrix column-compressed. O(nnz + rows + columns). */
  toCsc(options?: TraceOptions): CscMatrix {
    const { major, minor, values } = this.triplets();
    return new CscMatrix(
      this.rows,
      this.columns,
      compressTriplets(this.columns, this.rows, minor, major, values),
      options,
    );
  }

  /** A dense row-major copy. */
  toDense(): NDArray<Float64Array> {
    return this.toCoo().toDense();
  }
}

/**
 * Compressed sparse column: column `j`'s entries are `offsets[j] .. offsets[j+1]`.
 *
 * @example
 * ```ts
 * const a = new CooMatrix(2, 3); // [[1, 0, 0], [0, 0, 4]]
 * a.push(0, 0, 1);
 * a.push(1, 2, 4);
 * const csc = a.toCsc();
 * csc.get(1, 2); // => 4
 * Array.from(csc.offsets); // => [0, 1, 1, 2]
 * Array.from(csc.multiply(Float64Array.from([1, 1, 1]))); // => [1, 4]
 * Array.from(a.toCsr().multiplyTranspose(Float64Array.from([1, 2]))); // => [1, 0, 8]
 * ```
 */
export class CscMatrix extends CompressedMatrix {
  /** Wraps arrays (validated). Use `CooMatrix.toCsc` to build. */
  constructor(rows: number, columns: number, arrays: CompressedArrays, options?: TraceOptions) {
    super(rows, columns, columns, rows, arrays, options);
  }

  /** The value at (row, column), 0 when not stored. */
  get(row: number, column: number): number {
    checkEntry(row, column, this.rows, this.columns);
    return this.lookup(column, row);
  }

  /** `y = A x`. O(nnz + rows + columns). */
  multiply(x: Float64Array, y: Float64Array = new Float64Array(this.rows)): Float64Array {
    checkVector('x', x, this.columns);
    checkVector('y', y, this.rows);
    return this.scatter(x, y);
  }

  /** `y = Aᵀ x`. O(nnz + columns). */
  multiplyTranspose(x: Float64Array, y: Float64Array = new Float64Array(this.columns)): Float64Array {
    checkVector('x', x, this.rows);
    checkVector('y', y, this.columns);
    return this.gather(x, y);
  }

  /** Triplets in column-major order. */
  toCoo(): CooMatrix {
    const { major, minor, values } = this.triplets();
    const coo = new CooMatrix(this.rows, this.columns);
    for (let k = 0; k < values.length; k++) coo.push(minor[k]!, major[k]!, values[k]!);
    return coo;
  }

  /** The same matrix row-compressed. */
  toCsr(options?: TraceOptions): CsrMatrix {
    const { major, minor, values } = this.triplets();
    return new CsrMatrix(
      this.rows,
      this.columns,
      compressTriplets(this.rows, this.columns, minor, major, values),
      options,
    );
  }

  /** A dense row-major copy. */
  toDense(): NDArray<Float64Array> {
    return this.toCoo().toDense();
  }
}
