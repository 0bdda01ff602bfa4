/**
 * The vector-growth kernels: each call builds `rounds` fresh vectors of `n` Int32 values
 * (the text's `Vec<i32>`), so allocation, growth and copying are inside the timed region.
 * One function per variant keeps every call site monomorphic. Each returns a value read from
 * the last vector built (the sink).
 */
import { Vec } from '../../collections/index.js';

/** `Vec::new()` then `n` pushes: grows ×2 from capacity 4. */
export function vecPushRounds(n: number, rounds: number): number {
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const vec = Vec.of(Int32Array);
    for (let i = 0; i < n; i++) vec.push(i);
    sink = (sink + vec.getUnchecked(n - 1) + vec.length) | 0;
  }
  return sink;
}

/** `Vec::new()`, `reserve(n)`, then `n` pushes: one allocation, nothing copied. */
export function vecReserveRounds(n: number, rounds: number): number {
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const vec = Vec.of(Int32Array);
    vec.reserve(n);
    for (let i = 0; i < n; i++) vec.push(i);
    sink = (sink + vec.getUnchecked(n - 1) + vec.length) | 0;
  }
  return sink;
}

/** `Vec::with_capacity(n)` then `n` pushes: the allocation is the vector's first. */
export function vecWithCapacityRounds(n: number, rounds: number): number {
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const vec = Vec.withCapacity(Int32Array, n);
    for (let i = 0; i < n; i++) vec.push(i);
    sink = (sink + vec.getUnchecked(n - 1) + vec.length) | 0;
  }
  return sink;
}

/** `[]` then `n` × `push`: V8 grows the backing store itself (small integers: packed Smi elements). */
export function arrayPushRounds(n: number, rounds: number): number {
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const array: number[] = [];
    for (let i = 0; i < n; i++) array.push(i);
    sink = (sink + array[n - 1]! + array.length) | 0;
  }
  return sink;
}

/**
 * `new Array(n).fill(0)` then `n` assignments: one allocation, but `new Array(n)` makes a
 * holey array and it stays holey after `fill` (V8 never moves back to packed elements).
 */
export function arrayPreallocatedRounds(n: number, rounds: number): number {
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const array: number[] = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) array[i] = i;
    sink = (sink + array[n - 1]! + array.length) | 0;
  }
  return sink;
}
