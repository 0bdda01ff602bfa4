import type { Frame } from '../stack.js';
import { i32, ptr } from '../types.js';
import type { SandboxExample } from './example.js';

const SECTION = 'Stacking Heaps of Trouble';

/** A recursion without a base case. */
export const stackOverflow: SandboxExample = {
  name: 'stack-overflow',
  title: 'recursion that never ends',
  section: SECTION,
  c: `void recurse(int depth) {
    char buffer[4096];
    buffer[0] = depth;
    recurse(depth + 1);
}`,
  lesson:
    'Each call pushes a frame (return address, locals); the 1 MiB stack reaches its guard after about 250 frames of 4 KiB.',
  expected: 'stack-overflow',
  run(sb) {
    const recurse = (depth: number): void =>
      sb.call('recurse', (frame) => {
        const buffer = frame.alloca(4096).cast(i32);
        buffer.set(depth);
        recurse(depth + 1);
      });
    recurse(0);
  },
};

/** Returning the address of a local. */
export const returnLocalPointer: SandboxExample = {
  name: 'return-local-pointer',
  title: 'returning a pointer to a local',
  section: SECTION,
  c: `int* make_counter(void) {
    int counter = 42;
    return &counter;        // the frame dies here
}
int* counter = make_counter();
int value = *counter;`,
  lesson:
    '"We also can\'t return pointers to a stack variable as it might disappear or be overwritten at any moment."',
  expected: 'stack-use-after-return',
  run(sb) {
    const makeCounter = () =>
      sb.call('make_counter', (frame: Frame) => {
        const counter = frame.local(i32, 1, 'counter');
        counter.set(42);
        return counter;
      });
    const counter = makeCounter();
    counter.deref();
  },
};

/** An array on the stack, one past its end. */
export const stackBufferOverflow: SandboxExample = {
  name: 'stack-buffer-overflow',
  title: 'int local[4]; local[4] = 0',
  section: SECTION,
  c: `int main(void) {
    int local[4];
    local[4] = 0;
}`,
  lesson: 'Arrays on the stack have a size fixed at compile time; their end is guarded by a redzone.',
  expected: 'stack-buffer-overflow',
  run(sb) {
    sb.call('main', (frame) => {
      const local = frame.local(i32, 4, 'local');
      local.setAt(4, 0);
    });
  },
};

/** The pointer lives on the stack, the block on the heap. */
export const stackAndHeap: SandboxExample = {
  name: 'stack-and-heap',
  title: 'the pointer on the stack, the memory on the heap',
  section: SECTION,
  c: `int main(void) {
    int* integer_array = malloc(42 * sizeof(int));   // 8-byte pointer in main's frame
    integer_array[0] = 1;
    free(integer_array);
}`,
  lesson: 'The 168-byte block is on the heap; only its 8-byte address is a local of main.',
  expected: 'none',
  run(sb) {
    sb.call('main', (frame) => {
      const slot = frame.local(ptr, 1, 'integer_array');
      const block = sb.malloc(42 * i32.sizeBytes).cast(i32);
      slot.set(block.address);
      sb.pointer(i32, slot.deref()).setAt(0, 1);
      sb.free(block);
    });
  },
};

/** malloc until NULL, then use it unchecked. */
export const heapExhaustion: SandboxExample = {
  name: 'heap-exhaustion',
  title: 'malloc until NULL, then dereference unchecked',
  section: SECTION,
  c: `int* block;
do { block = malloc(1 << 20); } while (block != NULL);
*block = 1;    // "checks for whether we have been given a valid pointer have been omitted"`,
  lesson:
    'When the heap cannot grow toward the stack any more, malloc returns NULL; an unchecked NULL faults.',
  expected: 'null-dereference',
  options: { recordSites: false },
  run(sb) {
    let block = sb.malloc(1 << 20).cast(i32);
    while (!block.isNull()) block = sb.malloc(1 << 20).cast(i32);
    block.set(1);
  },
};

/** Reading a local before writing it (memcheck). */
export const uninitializedRead: SandboxExample = {
  name: 'uninitialized-read',
  title: 'reading an uninitialised local',
  section: SECTION,
  c: `int main(void) {
    int counter;
    return counter + 1;
}`,
  lesson: 'Locals start with whatever the stack held; memcheck-style tracking reports the read.',
  expected: 'uninitialized-read',
  options: { detectUninitialized: true },
  run(sb) {
    sb.call('main', (frame) => {
      const counter = frame.local(i32, 1, 'counter');
      return counter.deref() + 1;
    });
  },
};
