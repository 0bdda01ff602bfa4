/**
 * The numeric element types shared by `Vec`, `NDArray` and `Jagged`: every typed array, with
 * the value type each one stores (`bigint` for the 64-bit integer arrays, `number` otherwise).
 */

/** Any numeric typed array. */
export type NumericArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** The value type an array of type `A` stores: `bigint` for BigInt64/BigUint64, else `number`. */
export type ElementOf<A extends NumericArray> = A extends BigInt64Array | BigUint64Array ? bigint : number;

/** A typed-array constructor: `Float64Array`, `BigInt64Array`, … */
export interface NumericArrayConstructor<A extends NumericArray> {
  new (length: number): A;
  readonly BYTES_PER_ELEMENT: number;
  readonly name: string;
}

/**
 * The untyped view the implementations use internally: TypeScript cannot index a union of
 * typed arrays with a value of the union's element type, so the classes store their array
 * through this shape and expose precise types at the API.
 */
export interface RawArray {
  [index: number]: number | bigint;
  readonly length: number;
  readonly buffer: ArrayBufferLike;
  readonly byteOffset: number;
  readonly BYTES_PER_ELEMENT: number;
  set(source: ArrayLike<number | bigint>, offset?: number): void;
  subarray(begin?: number, end?: number): RawArray;
  slice(begin?: number, end?: number): RawArray;
  copyWithin(target: number, start: number, end?: number): RawArray;
  fill(value: number | bigint, start?: number, end?: number): RawArray;
}

/** True for the arrays whose elements are `bigint`. */
export function isBigIntArray(array: NumericArray): array is BigInt64Array | BigUint64Array {
  return array instanceof BigInt64Array || array instanceof BigUint64Array;
}

/** Throws a `TypeError` unless `value` has the JS type the array stores. */
export function checkElement(array: RawArray, value: unknown): void {
  const wantsBigInt = array instanceof BigInt64Array || array instanceof BigUint64Array;
  if (wantsBigInt ? typeof value !== 'bigint' : typeof value !== 'number') {
    throw new TypeError(
      `${array.constructor.name} stores ${wantsBigInt ? 'bigint' : 'number'} values, got ${typeof value}`,
    );
  }
}

/** Throws a `RangeError` naming the problem unless `0 <= index < length`. */
export function checkIndex(index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new RangeError(`index ${String(index)} out of range for length ${length}`);
  }
}
