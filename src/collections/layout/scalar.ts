/**
 * The scalar field types of a struct and their x86-64 System V sizes and alignments.
 * On x86-64 every scalar is aligned to its own size (8-byte `long long` and `double` too,
 * unlike i386).
 */

/** A scalar field type: signed/unsigned integers of 8–64 bits and IEEE floats. */
export type ScalarType = 'i8' | 'u8' | 'i16' | 'u16' | 'i32' | 'u32' | 'i64' | 'u64' | 'f32' | 'f64';

/** Facts about one scalar type. */
export interface ScalarInfo {
  /** Size in bytes (`sizeof`). */
  readonly sizeBytes: number;
  /** Alignment in bytes under the x86-64 System V ABI (`_Alignof`). */
  readonly alignBytes: number;
  /** The C spelling, with `<stdint.h>` names. */
  readonly cName: string;
  /** True for the 64-bit integers, which read and write as `bigint`. */
  readonly isBigInt: boolean;
}

/** Every scalar type, by name. */
export const SCALAR_TYPES: Readonly<Record<ScalarType, ScalarInfo>> = {
  i8: { sizeBytes: 1, alignBytes: 1, cName: 'int8_t', isBigInt: false },
  u8: { sizeBytes: 1, alignBytes: 1, cName: 'uint8_t', isBigInt: false },
  i16: { sizeBytes: 2, alignBytes: 2, cName: 'int16_t', isBigInt: false },
  u16: { sizeBytes: 2, alignBytes: 2, cName: 'uint16_t', isBigInt: false },
  i32: { sizeBytes: 4, alignBytes: 4, cName: 'int32_t', isBigInt: false },
  u32: { sizeBytes: 4, alignBytes: 4, cName: 'uint32_t', isBigInt: false },
  i64: { sizeBytes: 8, alignBytes: 8, cName: 'int64_t', isBigInt: true },
  u64: { sizeBytes: 8, alignBytes: 8, cName: 'uint64_t', isBigInt: true },
  f32: { sizeBytes: 4, alignBytes: 4, cName: 'float', isBigInt: false },
  f64: { sizeBytes: 8, alignBytes: 8, cName: 'double', isBigInt: false },
};

/** True when `value` names a scalar type. */
export function isScalarType(value: unknown): value is ScalarType {
  return typeof value === 'string' && Object.hasOwn(SCALAR_TYPES, value);
}
