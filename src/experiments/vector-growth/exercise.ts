/**
 * The text's exercise (Dynamic Array section): a vector of capacity 4; push 5, 2, 1; pop;
 * push 42, 350, 1337, 1, 2, 5, 10; pop × 8 — replayed on a real `Vec` and recorded step by step.
 */
import { Vec } from '../../collections/index.js';

/** One operation of the exercise. */
export type ExerciseOp = { op: 'push'; value: number } | { op: 'pop' };

/** Capacity the exercise's vector starts with. */
export const EXERCISE_START_CAPACITY = 4;

/** The exercise's operations, in order. */
export const EXERCISE_OPS: readonly ExerciseOp[] = [
  ...[5, 2, 1].map((value): ExerciseOp => ({ op: 'push', value })),
  { op: 'pop' },
  ...[42, 350, 1337, 1, 2, 5, 10].map((value): ExerciseOp => ({ op: 'push', value })),
  ...Array.from({ length: 8 }, (): ExerciseOp => ({ op: 'pop' })),
];

/** The vector's state after one step. Step 0 is the freshly created vector. */
export interface ExerciseStep {
  step: number;
  /** 'with-capacity' for step 0, else 'push' or 'pop'. */
  op: 'with-capacity' | 'push' | 'pop';
  /** The value pushed, the value popped, or (step 0) the requested capacity. */
  value: number | null;
  length: number;
  capacity: number;
  /** True when this step moved the elements to a new, larger buffer. */
  reallocated: boolean;
  /** The live elements after the step, e.g. "5 2 42". */
  contents: string;
}

/** Runs `ops` on `Vec.withCapacity(Int32Array, startCapacity)` and records every step. */
export function traceExercise(
  ops: readonly ExerciseOp[] = EXERCISE_OPS,
  startCapacity = EXERCISE_START_CAPACITY,
): ExerciseStep[] {
  const vec = Vec.withCapacity(Int32Array, startCapacity);
  const contents = (): string => Array.from(vec.asView()).join(' ');
  const steps: ExerciseStep[] = [
    {
      step: 0,
      op: 'with-capacity',
      value: startCapacity,
      length: vec.length,
      capacity: vec.capacity,
      reallocated: false,
      contents: contents(),
    },
  ];
  ops.forEach((operation, k) => {
    const before = vec.reallocations;
    let value: number | null;
    if (operation.op === 'push') {
      vec.push(operation.value);
      value = operation.value;
    } else {
      value = vec.pop() ?? null;
    }
    steps.push({
      step: k + 1,
      op: operation.op,
      value,
      length: vec.length,
      capacity: vec.capacity,
      reallocated: vec.reallocations > before,
      contents: contents(),
    });
  });
  return steps;
}
