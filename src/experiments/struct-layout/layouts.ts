/** The text's `struct my_struct { short first; int second; }`, packed and padded. */
import { defineStruct, type StructLayout } from '../../collections/index.js';

const FIELDS = [
  { name: 'first', type: 'i16' },
  { name: 'second', type: 'i32' },
] as const;

/** `struct __attribute__((packed)) my_struct`: 6 bytes, `second` at offset 2. */
export const PACKED_STRUCT: StructLayout = defineStruct('my_struct', FIELDS, { packed: true });

/** `struct my_struct` as C lays it out: 8 bytes, 2 bytes of padding, `second` at offset 4. */
export const PADDED_STRUCT: StructLayout = defineStruct('my_struct', FIELDS);

/** Which of the two layouts. */
export type LayoutName = 'packed' | 'padded';

/** The layout called `name`. */
export function layoutOf(name: LayoutName): StructLayout {
  return name === 'packed' ? PACKED_STRUCT : PADDED_STRUCT;
}
