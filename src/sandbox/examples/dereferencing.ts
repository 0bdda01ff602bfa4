import { i32 } from '../types.js';
import type { SandboxExample } from './example.js';

const SECTION = 'Getting to the Point(er) / Dereferencing';

/** The three ways to dereference, and moving the base pointer. */
export const dereferencing: SandboxExample = {
  name: 'dereferencing',
  title: 'three ways to dereference, stride 4',
  section: SECTION,
  c: `int element_count = 42;
int* integer_array;
integer_array = malloc(element_count * sizeof(int));

*integer_array = 0;
*(integer_array + 1) = 1;
integer_array[2] = 2;
integer_array = integer_array + 3;
*integer_array = 3;`,
  lesson:
    'p + 1 moves by sizeof(int) = 4 bytes (the stride); p[2] is *(p + 2). Moving the base pointer loses the address free() needs: this block leaks.',
  expected: 'memory-leak',
  run(sb) {
    const elementCount = 42;
    let integerArray = sb.malloc(elementCount * i32.sizeBytes).cast(i32);
    integerArray.set(0);
    integerArray.add(1).set(1);
    integerArray.setAt(2, 2);
    integerArray = integerArray.add(3);
    integerArray.set(3);
  },
};

/** `integer_array[42]`: one past the end of 42 ints. */
export const outOfBounds: SandboxExample = {
  name: 'out-of-bounds',
  title: 'integer_array[42] of a 42-int allocation',
  section: SECTION,
  c: `int* integer_array = malloc(42 * sizeof(int));
integer_array[42] = 42;   // "So, no integer_array[42]."`,
  lesson: 'Valid indices are 0..41; index 42 is the first byte after the 168-byte block.',
  expected: 'heap-buffer-overflow',
  run(sb) {
    const integerArray = sb.malloc(42 * i32.sizeBytes).cast(i32);
    integerArray.setAt(42, 42);
  },
};

/** Copying the base pointer before moving: the fix. */
export const copyBasePointer: SandboxExample = {
  name: 'copy-base-pointer',
  title: 'keep the base pointer, move a copy',
  section: SECTION,
  c: `int element_count = 42;
int* base_integer_array = malloc(element_count * sizeof(int));

*base_integer_array = 0;
*(base_integer_array + 1) = 1;
base_integer_array[2] = 2;

int* integer_array = base_integer_array + 3;
*integer_array = 3;
integer_array[1] = 4;
free(base_integer_array);`,
  lesson: 'A copy of the base pointer can wander; the base stays for free().',
  expected: 'none',
  run(sb) {
    const elementCount = 42;
    const baseIntegerArray = sb.malloc(elementCount * i32.sizeBytes).cast(i32);
    baseIntegerArray.set(0);
    baseIntegerArray.add(1).set(1);
    baseIntegerArray.setAt(2, 2);
    const integerArray = baseIntegerArray.add(3);
    integerArray.set(3);
    integerArray.setAt(1, 4);
    sb.free(baseIntegerArray);
  },
};
