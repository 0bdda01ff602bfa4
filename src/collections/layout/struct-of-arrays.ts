/**
 * Struct-of-arrays (SoA): the same records as a `StructArray`, stored as one typed array per
 * scalar field, so a loop over one field reads contiguous memory and never drags the other
 * fields through the cache.
 */
import { AccessKind, type TraceSink } from '../../trace/index.js';
import { resolveTrace, type TraceOptions } from '../tracing.js';
import { StructLayout } from './define-struct.js';
import { SCALAR_TYPES, type ScalarType } from './scalar.js';
import type { StructArray } from './struct-array.js';

/** The typed array that stores one scalar type. */
export type ScalarArray =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** One column: every struct's value of one scalar leaf (`elements` values per struct for arrays). */
export interface SoaColumn {
  /** Leaf path, e.g. `'pos.x'`, `'samples'`. */
  readonly path: string;
  readonly type: ScalarType;
  /** Values per struct: the array length for an array field, else 1. Element j of struct i is at `i * elements + j`. */
  readonly elements: number;
  readonly values: ScalarArray;
  /** Simulated address of `values[0]` for tracing: columns follow each other, each 64-byte aligned. */
  readonly baseAddress: number;
}

const COLUMN_ALIGN_BYTES = 64;

/**
 * The struct-of-arrays twin of `StructArray`: one typed array per scalar leaf of the layout
 * (nested structs are flattened to dotted paths; arrays of structs to `'pts[0].x'`, `'pts[1].x'`, …).
 *
 * @example
 * ```ts
 * const particle = defineStruct('particle', [{ name: 'x', type: 'f64' }, { name: 'alive', type: 'u8' }]);
 * const particles = new StructOfArrays(particle, 1000);
 * particles.set(7, 'x', 2.5);
 * particles.column('x').values[7]; // => 2.5
 * particles.column('alive').values.length; // => 1000
 * ```
 */
export class StructOfArrays {
  readonly layout: StructLayout;
  readonly length: number;
  readonly columns: readonly SoaColumn[];
  readonly trace: TraceSink | null;
  readonly #byPath: ReadonlyMap<string, SoaColumn>;

  constructor(layout: StructLayout, length: number, options: TraceOptions = {}) {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`struct-of-arrays length must be a non-negative integer, got ${length}`);
    }
    let address = resolveTrace(options).baseAddress;
    const columns: SoaColumn[] = [];
    for (const leaf of scalarLeaves(layout, '')) {
      const info = SCALAR_TYPES[leaf.type];
      columns.push({
        path: leaf.path,
        type: leaf.type,
        elements: leaf.elements,
        values: newScalarArray(leaf.type, length * leaf.elements),
        baseAddress: address,
      });
      address +=
        Math.ceil((length * leaf.elements * info.sizeBytes) / COLUMN_ALIGN_BYTES) * COLUMN_ALIGN_BYTES;
    }
    this.layout = layout;
    this.length = length;
    this.columns = Object.freeze(columns);
    this.trace = options.trace ?? null;
    this.#byPath = new Map(columns.map((c) => [c.path, c]));
  }

  /** Copies every record of an array-of-structs view into a new struct-of-arrays. O(length × leaves). */
  static fromStructArray(source: StructArray, options: TraceOptions = {}): StructOfArrays {
    const soa = new StructOfArrays(source.layout, source.length, options);
    for (const column of soa.columns) {
      for (let i = 0; i < source.length; i++) {
        for (let e = 0; e < column.elements; e++) {
          const path = column.elements === 1 ? column.path : `${column.path}[${e}]`;
          column.values[i * column.elements + e] = source.get(i, path) as never;
        }
      }
    }
    return soa;
  }

  /** The column of leaf `path`. Throws if the layout has no such scalar leaf. */
  column(path: string): SoaColumn {
    const column = this.#byPath.get(path);
    if (column === undefined) {
      throw new RangeError(
        `struct ${this.layout.name} has no scalar leaf '${path}' (leaves: ${[...this.#byPath.keys()].join(', ')})`,
      );
    }
    return column;
  }

  /** Reads leaf `path` of record `index` (`element` for array leaves). */
  get(index: number, path: string, element = 0): number | bigint {
    const column = this.column(path);
    const slot = this.slot(column, index, element);
    if (this.trace !== null) {
      const bytes = SCALAR_TYPES[column.type].sizeBytes;
      this.trace.access(column.baseAddress + slot * bytes, bytes, AccessKind.Load);
    }
    return column.values[slot]!;
  }

  /** Writes leaf `path` of record `index`. 64-bit ints take a bigint, everything else a number. */
  set(index: number, path: string, value: number | bigint, element = 0): void {
    const column = this.column(path);
    const info = SCALAR_TYPES[column.type];
    if (typeof value !== (info.isBigInt ? 'bigint' : 'number')) {
      throw new TypeError(
        `struct ${this.layout.name}: '${path}' takes a ${info.isBigInt ? 'bigint' : 'number'}`,
      );
    }
    const slot = this.slot(column, index, element);
    if (this.trace !== null) {
      this.trace.access(column.baseAddress + slot * info.sizeBytes, info.sizeBytes, AccessKind.Store);
    }
    column.values[slot] = value as never;
  }

  private slot(column: SoaColumn, index: number, element: number): number {
    if (!(index >= 0 && index < this.length && Number.isInteger(index))) {
      throw new RangeError(`struct ${this.layout.name} index ${index} out of range [0, ${this.length})`);
    }
    if (!(element >= 0 && element < column.elements && Number.isInteger(element))) {
      throw new RangeError(`element ${element} out of range for '${column.path}[${column.elements}]'`);
    }
    return index * column.elements + element;
  }
}

interface ScalarLeaf {
  readonly path: string;
  readonly type: ScalarType;
  readonly elements: number;
}

function* scalarLeaves(layout: StructLayout, prefix: string): Generator<ScalarLeaf> {
  for (const field of layout.fields) {
    const path = prefix + field.name;
    if (field.type instanceof StructLayout) {
      if (field.count === undefined) {
        yield* scalarLeaves(field.type, `${path}.`);
      } else {
        for (let e = 0; e < field.count; e++) yield* scalarLeaves(field.type, `${path}[${e}].`);
      }
    } else {
      yield { path, type: field.type, elements: field.count ?? 1 };
    }
  }
}

function newScalarArray(type: ScalarType, length: number): ScalarArray {
  switch (type) {
    case 'i8':
      return new Int8Array(length);
    case 'u8':
      return new Uint8Array(length);
    case 'i16':
      return new Int16Array(length);
    case 'u16':
      return new Uint16Array(length);
    case 'i32':
      return new Int32Array(length);
    case 'u32':
      return new Uint32Array(length);
    case 'i64':
      return new BigInt64Array(length);
    case 'u64':
      return new BigUint64Array(length);
    case 'f32':
      return new Float32Array(length);
    case 'f64':
      return new Float64Array(length);
  }
}
