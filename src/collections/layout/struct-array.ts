/**
 * Array-of-structs (AoS): `length` C structs back to back in an ArrayBuffer, exactly as a C
 * array `struct s a[length]` would sit in memory (element i at `i * sizeOf`), little endian.
 */
import { AccessKind, type TraceSink } from '../../trace/index.js';
import { resolveTrace, type TraceOptions } from '../tracing.js';
import type { StructLayout } from './define-struct.js';
import { SCALAR_TYPES, type ScalarType } from './scalar.js';

/** Options of `StructArray`: an existing buffer to view (default: a new one) and tracing. */
export interface StructArrayOptions extends TraceOptions {
  readonly buffer?: ArrayBuffer;
  /** Where element 0 starts in `buffer` (default 0). */
  readonly byteOffset?: number;
}

/**
 * Reads and writes one scalar field (or one element of an array field) of every struct.
 * Obtained once from `StructArray.numberField`/`bigintField`; its methods are specialised
 * for the field's type, so a loop over `get(i)` does no dispatch.
 */
export interface FieldAccessor<V extends number | bigint> {
  /** Value of the field in struct `index`; `element` picks the array element (default 0). */
  get(index: number, element?: number): V;
  set(index: number, value: V, element?: number): void;
}

/**
 * A view of `length` structs of one layout over an ArrayBuffer (array of structs).
 * Element `i`'s field `f` lives at byte `byteOffset + i * sizeOf + offsetOf(f)`.
 * With a trace sink, each field access emits (baseAddress + that byte offset − byteOffset,
 * field size, load/store).
 *
 * @example
 * ```ts
 * const point = defineStruct('point', [{ name: 'x', type: 'f32' }, { name: 'y', type: 'f32' }]);
 * const points = new StructArray(point, 100);
 * points.set(3, 'y', 1.5);
 * points.get(3, 'y'); // => 1.5
 * points.buffer.byteLength; // => 800
 * ```
 */
export class StructArray {
  readonly layout: StructLayout;
  readonly length: number;
  readonly buffer: ArrayBuffer;
  readonly byteOffset: number;
  readonly view: DataView;
  readonly trace: TraceSink | null;
  readonly baseAddress: number;
  readonly #accessors: Map<string, FieldAccessor<number | bigint>>;

  constructor(layout: StructLayout, length: number, options: StructArrayOptions = {}) {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`struct array length must be a non-negative integer, got ${length}`);
    }
    const byteOffset = options.byteOffset ?? 0;
    if (!Number.isSafeInteger(byteOffset) || byteOffset < 0) {
      throw new RangeError(`byteOffset must be a non-negative integer, got ${byteOffset}`);
    }
    const byteLength = length * layout.sizeOf;
    const buffer = options.buffer ?? new ArrayBuffer(byteOffset + byteLength);
    if (byteOffset + byteLength > buffer.byteLength) {
      throw new RangeError(
        `${length} × ${layout.sizeOf}-byte struct ${layout.name} at byteOffset ${byteOffset} need ${byteOffset + byteLength} bytes, buffer has ${buffer.byteLength}`,
      );
    }
    this.layout = layout;
    this.length = length;
    this.buffer = buffer;
    this.byteOffset = byteOffset;
    this.view = new DataView(buffer, byteOffset, byteLength);
    this.trace = options.trace ?? null;
    this.baseAddress = resolveTrace(options).baseAddress;
    this.#accessors = new Map();
  }

  /** Reads field `path` (`'x'`, `'pos.x'`, `'samples[2]'`) of struct `index`. 64-bit ints read as bigint. */
  get(index: number, path: string): number | bigint {
    return this.accessor(path).get(index);
  }

  /** Writes field `path` of struct `index`. 64-bit ints take a bigint, everything else a number. */
  set(index: number, path: string, value: number | bigint): void {
    this.accessor(path).set(index, value);
  }

  /** A specialised accessor for a non-64-bit-integer scalar field. Throws for i64/u64 fields. */
  numberField(path: string): FieldAccessor<number> {
    const accessor = this.accessor(path);
    if (SCALAR_TYPES[this.layout.resolve(path).type].isBigInt) {
      throw new TypeError(`struct ${this.layout.name}: '${path}' is a 64-bit integer, use bigintField`);
    }
    return accessor as FieldAccessor<number>;
  }

  /** A specialised accessor for an i64/u64 field (values are bigint). Throws for other types. */
  bigintField(path: string): FieldAccessor<bigint> {
    const accessor = this.accessor(path);
    if (!SCALAR_TYPES[this.layout.resolve(path).type].isBigInt) {
      throw new TypeError(`struct ${this.layout.name}: '${path}' is not a 64-bit integer, use numberField`);
    }
    return accessor as FieldAccessor<bigint>;
  }

  private accessor(path: string): FieldAccessor<number | bigint> {
    let accessor = this.#accessors.get(path);
    if (accessor === undefined) {
      const scalar = this.layout.resolve(path);
      accessor = makeAccessor(this, scalar.offset, scalar.type, scalar.count, path);
      this.#accessors.set(path, accessor);
    }
    return accessor;
  }
}

type Reader = (view: DataView, byte: number) => number | bigint;
type Writer = (view: DataView, byte: number, value: number | bigint) => void;

const READERS: Record<ScalarType, Reader> = {
  i8: (v, b) => v.getInt8(b),
  u8: (v, b) => v.getUint8(b),
  i16: (v, b) => v.getInt16(b, true),
  u16: (v, b) => v.getUint16(b, true),
  i32: (v, b) => v.getInt32(b, true),
  u32: (v, b) => v.getUint32(b, true),
  i64: (v, b) => v.getBigInt64(b, true),
  u64: (v, b) => v.getBigUint64(b, true),
  f32: (v, b) => v.getFloat32(b, true),
  f64: (v, b) => v.getFloat64(b, true),
};

const WRITERS: Record<ScalarType, Writer> = {
  i8: (v, b, x) => v.setInt8(b, x as number),
  u8: (v, b, x) => v.setUint8(b, x as number),
  i16: (v, b, x) => v.setInt16(b, x as number, true),
  u16: (v, b, x) => v.setUint16(b, x as number, true),
  i32: (v, b, x) => v.setInt32(b, x as number, true),
  u32: (v, b, x) => v.setUint32(b, x as number, true),
  i64: (v, b, x) => v.setBigInt64(b, x as bigint, true),
  u64: (v, b, x) => v.setBigUint64(b, x as bigint, true),
  f32: (v, b, x) => v.setFloat32(b, x as number, true),
  f64: (v, b, x) => v.setFloat64(b, x as number, true),
};

// Dispatch once: the accessor closes over its reader/writer and the trace decision, so
// `get(i)` in a loop is a bounds check, one multiply-add and one DataView call.
function makeAccessor(
  array: StructArray,
  fieldOffset: number,
  type: ScalarType,
  elementCount: number,
  path: string,
): FieldAccessor<number | bigint> {
  const { view, length, trace, baseAddress } = array;
  const stride = array.layout.sizeOf;
  const { sizeBytes, isBigInt } = SCALAR_TYPES[type];
  const read = READERS[type];
  const write = WRITERS[type];
  const name = array.layout.name;
  const byteOf = (index: number, element: number): number => {
    if (!(index >= 0 && index < length && Number.isInteger(index))) {
      throw new RangeError(`struct ${name} index ${index} out of range [0, ${length})`);
    }
    if (!(element >= 0 && element < elementCount && Number.isInteger(element))) {
      throw new RangeError(`struct ${name}: element ${element} out of range for '${path}[${elementCount}]'`);
    }
    return index * stride + fieldOffset + element * sizeBytes;
  };
  const checkValue = (value: number | bigint): void => {
    if (typeof value !== (isBigInt ? 'bigint' : 'number')) {
      throw new TypeError(
        `struct ${name}: '${path}' takes a ${isBigInt ? 'bigint' : 'number'}, got ${typeof value}`,
      );
    }
  };
  if (trace === null) {
    return {
      get: (index, element = 0) => read(view, byteOf(index, element)),
      set: (index, value, element = 0) => {
        checkValue(value);
        write(view, byteOf(index, element), value);
      },
    };
  }
  return {
    get: (index, element = 0) => {
      const byte = byteOf(index, element);
      trace.access(baseAddress + byte, sizeBytes, AccessKind.Load);
      return read(view, byte);
    },
    set: (index, value, element = 0) => {
      checkValue(value);
      const byte = byteOf(index, element);
      trace.access(baseAddress + byte, sizeBytes, AccessKind.Store);
      write(view, byte, value);
    },
  };
}
