/**
 * C struct layout: fields placed by the x86-64 System V rules, or packed.
 *
 * Aligned layout (what gcc does by default): each field starts at the next multiple of its
 * alignment, the struct's alignment is the largest field alignment, and its size is rounded
 * up to that alignment so that arrays of it keep every element aligned. Packed layout
 * (`__attribute__((packed))`): fields follow each other with no padding and the struct's
 * alignment is 1; a nested aligned struct keeps its own inner layout.
 */
import { isScalarType, SCALAR_TYPES, type ScalarType } from './scalar.js';

/** What a field holds: a scalar or a nested struct. */
export type FieldType = ScalarType | StructLayout;

/** One field as declared. `count` makes it a fixed array (`int32_t a[count]`). */
export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly count?: number;
}

/** One field as laid out. `sizeBytes` covers the whole field (all `count` elements). */
export interface StructField {
  readonly name: string;
  readonly type: FieldType;
  /** Byte offset from the start of the struct (`offsetof`). */
  readonly offset: number;
  /** Bytes the field occupies: element size × count. */
  readonly sizeBytes: number;
  /** Alignment the field asked for (1 in a packed struct). */
  readonly alignBytes: number;
  /** Element count of a fixed array; absent for a single value. */
  readonly count?: number;
}

/** A gap of padding bytes between two fields. */
export interface StructHole {
  /** First padding byte. */
  readonly offset: number;
  readonly sizeBytes: number;
  /** The field the hole follows. */
  readonly afterField: string;
}

/** Options of `defineStruct`. */
export interface StructOptions {
  /** Lay fields out with no padding, like `__attribute__((packed))` (default false). */
  readonly packed?: boolean;
}

/** The scalar a field path ends at: where it is and how many consecutive elements follow. */
export interface ResolvedScalar {
  readonly offset: number;
  readonly type: ScalarType;
  /** Elements of `type` from `offset` on (the array length for an unindexed array field, else 1). */
  readonly count: number;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PATH_SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$/;

/**
 * The layout of a C struct: size, alignment, field offsets and padding holes.
 * Create with `defineStruct`.
 */
export class StructLayout {
  readonly name: string;
  readonly packed: boolean;
  /** `sizeof`: bytes one element occupies in an array, tail padding included. */
  readonly sizeOf: number;
  /** `_Alignof`: the struct's alignment in bytes. */
  readonly alignOf: number;
  readonly fields: readonly StructField[];
  /** Padding between fields, in field order (tail padding is `tailPaddingBytes`). */
  readonly holes: readonly StructHole[];
  /** Padding after the last field that rounds `sizeOf` up to `alignOf`. */
  readonly tailPaddingBytes: number;
  readonly #byName: ReadonlyMap<string, StructField>;

  /** @internal Use `defineStruct`. */
  constructor(name: string, fields: readonly FieldSpec[], packed: boolean) {
    if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
      throw new TypeError(`struct name must be a C identifier, got ${JSON.stringify(name)}`);
    }
    if (!Array.isArray(fields) || fields.length === 0) {
      throw new TypeError(`struct ${name} needs at least one field`);
    }
    const laidOut: StructField[] = [];
    const holes: StructHole[] = [];
    const byName = new Map<string, StructField>();
    let offset = 0;
    let structAlign = 1;
    for (const spec of fields) {
      const field = layOutField(name, spec, offset, packed);
      if (byName.has(field.name)) throw new TypeError(`struct ${name}: duplicate field name '${field.name}'`);
      const previous = laidOut[laidOut.length - 1];
      if (previous !== undefined && field.offset > offset) {
        holes.push({ offset, sizeBytes: field.offset - offset, afterField: previous.name });
      }
      laidOut.push(field);
      byName.set(field.name, field);
      offset = field.offset + field.sizeBytes;
      structAlign = Math.max(structAlign, field.alignBytes);
    }
    const sizeOf = alignUp(offset, structAlign);
    this.name = name;
    this.packed = packed;
    this.sizeOf = sizeOf;
    this.alignOf = structAlign;
    this.fields = Object.freeze(laidOut);
    this.holes = Object.freeze(holes);
    this.tailPaddingBytes = sizeOf - offset;
    this.#byName = byName;
  }

  /** The field called `name` (a direct field; see `resolve` for paths). Throws if there is none. */
  field(name: string): StructField {
    const field = this.#byName.get(name);
    if (field === undefined) {
      throw new RangeError(`struct ${this.name} has no field '${name}' (fields: ${this.fieldNames()})`);
    }
    return field;
  }

  /**
   * `offsetof`: the byte offset of a field, or of a path into nested structs and arrays
   * such as `'pos.x'` or `'points[2].y'`.
   */
  offsetOf(path: string): number {
    return this.locate(path).offset;
  }

  /**
   * Follows a path down to a scalar: `'x'`, `'pos.x'`, `'samples[3]'`, `'points[2].y'`.
   * An unindexed array field resolves to its first element with `count` = its length.
   */
  resolve(path: string): ResolvedScalar {
    const found = this.locate(path);
    if (!isScalarType(found.type)) {
      throw new TypeError(`struct ${this.name}: '${path}' is a struct, not a scalar field`);
    }
    return { offset: found.offset, type: found.type, count: found.count };
  }

  /** Padding bytes in total: holes plus tail padding. */
  get paddingBytes(): number {
    let total = this.tailPaddingBytes;
    for (const hole of this.holes) total += hole.sizeBytes;
    return total;
  }

  private locate(path: string): { offset: number; type: FieldType; count: number } {
    if (typeof path !== 'string' || path.length === 0) {
      throw new TypeError(`struct ${this.name}: field path must be a non-empty string`);
    }
    let layout: StructLayout = this;
    let offset = 0;
    let type: FieldType = this;
    let count = 1;
    const segments = path.split('.');
    for (let s = 0; s < segments.length; s++) {
      const segment = segments[s]!;
      const match = PATH_SEGMENT.exec(segment);
      if (match === null) throw new TypeError(`struct ${this.name}: malformed field path '${path}'`);
      if (s > 0) {
        if (!(type instanceof StructLayout) || count !== 1) {
          throw new TypeError(`struct ${this.name}: '${segments.slice(0, s).join('.')}' is not a struct`);
        }
        layout = type;
      }
      const field = layout.field(match[1]!);
      offset += field.offset;
      type = field.type;
      count = field.count ?? 1;
      if (match[2] !== undefined) {
        const index = Number(match[2]);
        if (field.count === undefined)
          throw new TypeError(`struct ${this.name}: '${field.name}' is not an array`);
        if (index >= field.count) {
          throw new RangeError(
            `struct ${this.name}: index ${index} out of range for '${field.name}[${field.count}]'`,
          );
        }
        offset += index * elementSize(type);
        count = 1;
      }
    }
    return { offset, type, count };
  }

  private fieldNames(): string {
    return this.fields.map((f) => f.name).join(', ');
  }
}

/**
 * Lays out a C struct. Fields keep their declared order (C never reorders).
 * Complexity: O(fields).
 *
 * @example
 * ```ts
 * const padded = defineStruct('my_struct', [
 *   { name: 'first', type: 'i16' },
 *   { name: 'second', type: 'i32' },
 * ]);
 * padded.sizeOf; // => 8
 * padded.offsetOf('second'); // => 4
 * padded.holes; // => [{ offset: 2, sizeBytes: 2, afterField: 'first' }]
 * const packed = defineStruct('my_struct', padded.fields, { packed: true });
 * packed.sizeOf; // => 6
 * ```
 */
export function defineStruct(
  name: string,
  fields: readonly FieldSpec[],
  options: StructOptions = {},
): StructLayout {
  return new StructLayout(name, fields, options.packed === true);
}

/** Size in bytes of one element of a field type. */
export function elementSize(type: FieldType): number {
  return type instanceof StructLayout ? type.sizeOf : SCALAR_TYPES[type].sizeBytes;
}

/** Natural alignment in bytes of a field type. */
export function elementAlign(type: FieldType): number {
  return type instanceof StructLayout ? type.alignOf : SCALAR_TYPES[type].alignBytes;
}

function layOutField(structName: string, spec: FieldSpec, offset: number, packed: boolean): StructField {
  const { name, type, count } = spec;
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new TypeError(
      `struct ${structName}: field name must be a C identifier, got ${JSON.stringify(name)}`,
    );
  }
  if (!(type instanceof StructLayout) && !isScalarType(type)) {
    throw new TypeError(
      `struct ${structName}: field '${name}' has unknown type ${JSON.stringify(type)} (expected i8…u64, f32, f64 or a StructLayout)`,
    );
  }
  if (count !== undefined && (!Number.isSafeInteger(count) || count < 1)) {
    throw new RangeError(
      `struct ${structName}: field '${name}' array count must be an integer >= 1, got ${count}`,
    );
  }
  const alignBytes = packed ? 1 : elementAlign(type);
  const sizeBytes = elementSize(type) * (count ?? 1);
  const fieldOffset = alignUp(offset, alignBytes);
  return count === undefined
    ? { name, type, offset: fieldOffset, sizeBytes, alignBytes }
    : { name, type, offset: fieldOffset, sizeBytes, alignBytes, count };
}

function alignUp(value: number, align: number): number {
  return Math.ceil(value / align) * align;
}
