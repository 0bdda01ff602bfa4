/**
 * `Jagged<A>`: rows of different lengths stored as offsets + values (the CSR layout without
 * column indices), instead of an array of separately allocated rows.
 *
 * Memory layout: `values` holds every row back to back; row `r` is
 * `values[offsets[r] .. offsets[r+1])`; `offsets` has `rowCount + 1` entries, `offsets[0] = 0`.
 * Both live in `Vec`s, so `pushRow` is amortised O(row length).
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import { alignAddress, resolveTrace, type TraceOptions } from './tracing.js';
import { Vec } from './vec.js';
import { checkIndex, type ElementOf, type NumericArray, type NumericArrayConstructor } from './vec-types.js';

/** A padded rectangular copy of a jagged array, with what it costs. */
export interface PaddedLayout<A extends NumericArray> {
  /** `rows × columns` elements, row-major, short rows filled with the fill value. */
  readonly data: A;
  readonly rows: number;
  /** The longest row's length. */
  readonly columns: number;
  /** Bytes of `data`. */
  readonly bytes: number;
}

/**
 * Rows of varying length over two flat typed arrays.
 *
 * @example
 * ```ts
 * const rows = Jagged.from(Float64Array, [[1, 2, 3], [], [4]]);
 * rows.rowCount; // => 3
 * Array.from(rows.row(0)); // => [1, 2, 3]
 * rows.get(2, 0); // => 4
 * rows.toPadded(0).bytes; // => 72
 * rows.bytesUsed(); // => 48
 * ```
 */
export class Jagged<A extends NumericArray> {
  readonly arrayType: NumericArrayConstructor<A>;
  readonly trace: TraceSink | null;
  /**
   * Address of `values[0]`. The offsets are reported right after the values' current
   * capacity, 64-byte aligned (as if both arrays were allocated back to back).
   */
  readonly baseAddress: number;
  private readonly valuesVec: Vec<A>;
  private readonly offsetsVec: Vec<Uint32Array>;

  /** An empty jagged array (no rows). */
  constructor(arrayType: NumericArrayConstructor<A>, options?: TraceOptions) {
    const { sink, baseAddress } = resolveTrace(options);
    this.arrayType = arrayType;
    this.trace = sink;
    this.baseAddress = baseAddress;
    this.valuesVec = Vec.of(arrayType);
    this.offsetsVec = Vec.of(Uint32Array);
    this.offsetsVec.push(0);
  }

  /** Builds from nested arrays (each inner array is one row). O(total elements). */
  static from<A extends NumericArray>(
    arrayType: NumericArrayConstructor<A>,
    rows: ReadonlyArray<ArrayLike<ElementOf<A>>>,
    options?: TraceOptions,
  ): Jagged<A> {
    const jagged = new Jagged(arrayType, options);
    let total = 0;
    for (const row of rows) total += row.length;
    jagged.valuesVec.reserveExact(total);
    jagged.offsetsVec.reserveExact(rows.length);
    for (const row of rows) jagged.pushRow(row);
    return jagged;
  }

  /** Number of rows. */
  get rowCount(): number {
    return this.offsetsVec.length - 1;
  }

  /** Total number of elements across rows. */
  get elementCount(): number {
    return this.valuesVec.length;
  }

  /** Appends one row (a copy of `values`). Views returned by `row()` may become stale. */
  pushRow(values: ArrayLike<ElementOf<A>>): void {
    const start = this.valuesVec.length;
    try {
      this.valuesVec.extend(values);
    } catch (error) {
      this.valuesVec.truncate(start); // nothing half-written
      throw error;
    }
    this.offsetsVec.push(this.valuesVec.length);
  }

  /** Length of row `r`. */
  rowLength(r: number): number {
    checkIndex(r, this.rowCount);
    return this.offsetsVec.getUnchecked(r + 1) - this.offsetsVec.getUnchecked(r);
  }

  /** A typed-array view of row `r` (aliases the storage; stale after `pushRow` grows it). */
  row(r: number): A {
    checkIndex(r, this.rowCount);
    const start = this.offsetsVec.getUnchecked(r);
    const end = this.offsetsVec.getUnchecked(r + 1);
    return this.valuesVec.asView().subarray(start, end) as A;
  }

  private position(r: number, c: number): number {
    checkIndex(r, this.rowCount);
    const start = this.offsetsVec.getUnchecked(r);
    if (this.trace !== null) this.emitOffset(r);
    checkIndex(c, this.offsetsVec.getUnchecked(r + 1) - start);
    return start + c;
  }

  /** Element `c` of row `r`, checked; traced as a read of `offsets[r]` then of the value. */
  get(r: number, c: number): ElementOf<A> {
    const at = this.position(r, c);
    if (this.trace !== null) this.emitValue(at, AccessKind.Load);
    return this.valuesVec.getUnchecked(at);
  }

  /** Writes element `c` of row `r`, checked and traced. */
  set(r: number, c: number, value: ElementOf<A>): void {
    const at = this.position(r, c);
    if (this.trace !== null) this.emitValue(at, AccessKind.Store);
    this.valuesVec.setUnchecked(at, value);
  }

  /** A copy of the offsets (`rowCount + 1` entries). */
  offsets(): Uint32Array {
    return this.offsetsVec.toTypedArray();
  }

  /** A view of all values back to back (stale after `pushRow`). */
  values(): A {
    return this.valuesVec.asView();
  }

  /** Bytes the live data occupies: values plus offsets. */
  bytesUsed(): number {
    return this.valuesVec.length * this.valuesVec.elementBytes + this.offsetsVec.length * 4;
  }

  /** A rectangular row-major copy, short rows padded with `fill`: the layout this one avoids. */
  toPadded(fill: ElementOf<A>): PaddedLayout<A> {
    let columns = 0;
    for (let r = 0; r < this.rowCount; r++) columns = Math.max(columns, this.rowLength(r));
    const data = new this.arrayType(this.rowCount * columns);
    (data as unknown as { fill(value: unknown): void }).fill(fill);
    const values = this.valuesVec.asView() as unknown as {
      subarray(a: number, b: number): ArrayLike<number>;
    };
    for (let r = 0; r < this.rowCount; r++) {
      const start = this.offsetsVec.getUnchecked(r);
      const end = this.offsetsVec.getUnchecked(r + 1);
      (data as unknown as { set(a: ArrayLike<number>, o: number): void }).set(
        values.subarray(start, end),
        r * columns,
      );
    }
    return { data, rows: this.rowCount, columns, bytes: data.byteLength };
  }

  private emitValue(at: number, kind: AccessKind): void {
    const bytes = this.valuesVec.elementBytes;
    this.trace!.access(this.baseAddress + at * bytes, bytes, kind);
  }

  private emitOffset(r: number): void {
    const offsetsBase = alignAddress(
      this.baseAddress + this.valuesVec.capacity * this.valuesVec.elementBytes,
      64,
    );
    this.trace!.access(offsetsBase + r * 4, 4, AccessKind.Load);
  }
}
