import { i32 } from '../types.js';
import type { SandboxExample } from './example.js';

const SECTION = 'Getting to the Point(er) / Allocation';

/** `malloc(element_count * sizeof(int))`: 168 bytes, never freed (the snippet ends there). */
export const allocation: SandboxExample = {
  name: 'allocation',
  title: 'malloc 42 ints',
  section: SECTION,
  c: `int element_count = 42;
int* integer_array;
integer_array = malloc(element_count * sizeof(int));`,
  lesson:
    'malloc takes BYTES: 42 elements of 4 bytes is 168 bytes, at a 16-byte aligned address. Nothing frees it: at exit the leak checker reports 168 bytes.',
  expected: 'memory-leak',
  run(sb) {
    const elementCount = 42;
    const integerArray = sb.malloc(elementCount * i32.sizeBytes).cast(i32);
    sb.label(integerArray, 'integer_array');
  },
};

/** Dereferencing the uninitialised (NULL) pointer `int* integer_array;`. */
export const uninitializedPointer: SandboxExample = {
  name: 'uninitialized-pointer',
  title: 'dereferencing a pointer before assigning it',
  section: SECTION,
  c: `int* integer_array;      // uninitialised: 0 or garbage
*integer_array = 0;`,
  lesson:
    'An uninitialised pointer is likely 0; the null page is never mapped, so writing through it faults.',
  expected: 'null-dereference',
  run(sb) {
    const integerArray = sb.nullPointer(i32);
    integerArray.set(0);
  },
};
