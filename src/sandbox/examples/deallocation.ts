import { i32 } from '../types.js';
import type { SandboxExample } from './example.js';

const SECTION = 'Getting to the Point(er) / Deallocation';

const PROLOGUE = `int element_count = 42;
int* base_integer_array = malloc(element_count * sizeof(int));

*base_integer_array = 0;
*(base_integer_array + 1) = 1;
base_integer_array[2] = 2;

int* integer_array = base_integer_array + 3;
*integer_array = 3;
integer_array[1] = 4;
`;

/** The prologue shared by the deallocation snippets; returns both pointers. */
function prologue(sb: Parameters<SandboxExample['run']>[0]) {
  const elementCount = 42;
  const baseIntegerArray = sb.malloc(elementCount * i32.sizeBytes).cast(i32);
  sb.label(baseIntegerArray, 'base_integer_array');
  baseIntegerArray.set(0);
  baseIntegerArray.add(1).set(1);
  baseIntegerArray.setAt(2, 2);
  const integerArray = baseIntegerArray.add(3);
  integerArray.set(3);
  integerArray.setAt(1, 4);
  return { baseIntegerArray, integerArray };
}

/** "Spot the error": freeing the moved pointer. */
export const freeWrongPointer: SandboxExample = {
  name: 'free-wrong-pointer',
  title: 'spot the error: free(integer_array)',
  section: SECTION,
  c: `${PROLOGUE}
free(integer_array);`,
  lesson:
    'free() needs the address malloc returned; integer_array is base + 3 ints (12 bytes inside the block).',
  expected: 'bad-free',
  run(sb) {
    const { integerArray } = prologue(sb);
    sb.free(integerArray);
  },
};

/** The fix: free the base pointer. */
export const freeBasePointer: SandboxExample = {
  name: 'free-base-pointer',
  title: 'free(base_integer_array)',
  section: SECTION,
  c: `${PROLOGUE}
free(base_integer_array);`,
  lesson: 'Freeing the base pointer returns the whole block; nothing leaks.',
  expected: 'none',
  run(sb) {
    const { baseIntegerArray } = prologue(sb);
    sb.free(baseIntegerArray);
  },
};

/** Dereferencing the dangling pointer. */
export const useAfterFree: SandboxExample = {
  name: 'use-after-free',
  title: 'dereferencing a dangling pointer',
  section: SECTION,
  c: `${PROLOGUE}
free(base_integer_array);
int x = *base_integer_array;   // dangling: use after free`,
  lesson:
    'After free the address is still in the variable (a dangling pointer); the block is quarantined, so the read faults.',
  expected: 'heap-use-after-free',
  run(sb) {
    const { baseIntegerArray } = prologue(sb);
    sb.free(baseIntegerArray);
    baseIntegerArray.deref();
  },
};

/** Freeing twice. */
export const doubleFree: SandboxExample = {
  name: 'double-free',
  title: 'free twice',
  section: SECTION,
  c: `${PROLOGUE}
free(base_integer_array);
free(base_integer_array);`,
  lesson:
    'A second free of the same address corrupts a real allocator; setting the pointer to NULL after free prevents it.',
  expected: 'double-free',
  run(sb) {
    const { baseIntegerArray } = prologue(sb);
    sb.free(baseIntegerArray);
    sb.free(baseIntegerArray);
  },
};

/** NULL after free and the guarded free. */
export const nullAfterFree: SandboxExample = {
  name: 'null-after-free',
  title: 'set to NULL, free only if not NULL',
  section: SECTION,
  c: `${PROLOGUE}
free(base_integer_array);
base_integer_array = NULL;
integer_array = NULL;

if (base_integer_array != NULL){
    free(base_integer_array);
}`,
  lesson: 'NULL marks the pointers invalid, and the check skips the second free.',
  expected: 'none',
  run(sb) {
    let { baseIntegerArray, integerArray } = prologue(sb);
    sb.free(baseIntegerArray);
    baseIntegerArray = sb.nullPointer(i32);
    integerArray = sb.nullPointer(i32);
    if (!baseIntegerArray.isNull()) sb.free(baseIntegerArray);
    void integerArray;
  },
};

/** NULL does not stop a dereference. */
export const nullDereference: SandboxExample = {
  name: 'null-dereference',
  title: 'dereferencing the NULLed pointer',
  section: SECTION,
  c: `${PROLOGUE}
free(base_integer_array);
base_integer_array = NULL;
integer_array = NULL;
*integer_array = 5;`,
  lesson:
    '"This does not however, stop us from trying to dereference those pointers": NULL + 0 is in the unmapped null page.',
  expected: 'null-dereference',
  run(sb) {
    let { baseIntegerArray, integerArray } = prologue(sb);
    sb.free(baseIntegerArray);
    baseIntegerArray = sb.nullPointer(i32);
    integerArray = sb.nullPointer(i32);
    integerArray.set(5);
  },
};
