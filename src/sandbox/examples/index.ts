import { allocation, uninitializedPointer } from './allocation.js';
import {
  doubleFree,
  freeBasePointer,
  freeWrongPointer,
  nullAfterFree,
  nullDereference,
  useAfterFree,
} from './deallocation.js';
import { copyBasePointer, dereferencing, outOfBounds } from './dereferencing.js';
import type { SandboxExample } from './example.js';
import { boxMove, rcCycle, weakUpgrade } from './smart-pointers.js';
import {
  heapExhaustion,
  returnLocalPointer,
  stackAndHeap,
  stackBufferOverflow,
  stackOverflow,
  uninitializedRead,
} from './stack.js';

export type { SandboxExample } from './example.js';
export { type ExampleOutcome, runExample } from './run.js';

/** Every example, in the order of the seed text. */
export const EXAMPLES: readonly SandboxExample[] = [
  allocation,
  uninitializedPointer,
  dereferencing,
  outOfBounds,
  copyBasePointer,
  freeWrongPointer,
  freeBasePointer,
  useAfterFree,
  doubleFree,
  nullAfterFree,
  nullDereference,
  stackOverflow,
  returnLocalPointer,
  stackBufferOverflow,
  stackAndHeap,
  heapExhaustion,
  uninitializedRead,
  boxMove,
  rcCycle,
  weakUpgrade,
];

/** The example called `name`, or undefined. */
export function findExample(name: string): SandboxExample | undefined {
  return EXAMPLES.find((example) => example.name === name);
}
