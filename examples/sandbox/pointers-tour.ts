/**
 * The seed's "Getting to the Point(er)" walk-through as a plain script against the public
 * sandbox API: run it with `npx tsx examples/sandbox/pointers-tour.ts`. Each step that C leaves
 * undefined is caught and printed as the sanitizer's report; the tour goes on (log mode).
 */
import { i32, renderSpaceText, Sandbox, type SandboxError } from '../../src/sandbox/index.js';

/** Runs the tour and returns the kinds of the errors the sanitizer reported, in order. */
export function pointersTour(print: (text: string) => void = () => {}): string[] {
  const sb = new Sandbox({ errorMode: 'log', onError: (error: SandboxError) => print(`${error.message}\n`) });

  // int element_count = 42; int* integer_array = malloc(element_count * sizeof(int));
  const elementCount = 42;
  const baseIntegerArray = sb.malloc(elementCount * i32.sizeBytes).cast(i32);
  print(`malloc(${elementCount} * sizeof(int)) = ${baseIntegerArray} (168 bytes)\n`);

  // *p = 0; *(p + 1) = 1; p[2] = 2;  — the stride of an int* is 4 bytes
  baseIntegerArray.set(0);
  baseIntegerArray.add(1).set(1);
  baseIntegerArray.setAt(2, 2);
  print(`p + 1 = ${baseIntegerArray.add(1)}: 4 bytes further\n`);

  // So, no integer_array[42].
  baseIntegerArray.setAt(42, 42);

  // int* integer_array = base_integer_array + 3; free(integer_array);  — spot the error
  const integerArray = baseIntegerArray.add(3);
  integerArray.set(3);
  integerArray.setAt(1, 4);
  sb.free(integerArray);

  // free(base_integer_array); then the dangling pointer is used, and freed again
  sb.free(baseIntegerArray);
  baseIntegerArray.deref();
  sb.free(baseIntegerArray);

  print(`${renderSpaceText(sb)}\n`);
  return sb.errors.map((error) => error.kind);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  pointersTour((text) => process.stdout.write(text));
}
