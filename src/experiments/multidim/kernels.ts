/**
 * The multidim kernels: every variant does `data[x][y][z] += 1; sum += data[x][y][z]` over an
 * n × n × n Int32 cube, `sweeps` times. One function per layout (monomorphic); `| 0` keeps the
 * arithmetic int32 as Rust's i32 would.
 */
import { accessor3, type NDArray } from '../../collections/index.js';
import type { I32Pointer } from '../../sandbox/index.js';

/** Nested JS arrays `number[][][]`: three dependent loads per access. */
export function nestedSweeps(data: number[][][], n: number, sweeps: number): number {
  let sum = 0;
  for (let s = 0; s < sweeps; s++) {
    for (let x = 0; x < n; x++) {
      const plane = data[x]!;
      for (let y = 0; y < n; y++) {
        const row = plane[y]!;
        for (let z = 0; z < n; z++) {
          row[z] = (row[z]! + 1) | 0;
          sum = (sum + row[z]!) | 0;
        }
      }
    }
  }
  return sum;
}

/** An array of arrays of Int32Array rows: typed innermost rows, separately allocated. */
export function typedRowsSweeps(data: Int32Array[][], n: number, sweeps: number): number {
  let sum = 0;
  for (let s = 0; s < sweeps; s++) {
    for (let x = 0; x < n; x++) {
      const plane = data[x]!;
      for (let y = 0; y < n; y++) {
        const row = plane[y]!;
        for (let z = 0; z < n; z++) {
          row[z] = (row[z]! + 1) | 0;
          sum = (sum + row[z]!) | 0;
        }
      }
    }
  }
  return sum;
}

/** One flat row-major Int32Array, index `x·n² + y·n + z`, loops x, y, z (memory order). */
export function flatRowMajorSweeps(data: Int32Array, n: number, sweeps: number): number {
  let sum = 0;
  const nn = n * n;
  for (let s = 0; s < sweeps; s++) {
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++) {
        const base = x * nn + y * n;
        for (let z = 0; z < n; z++) {
          data[base + z] = (data[base + z]! + 1) | 0;
          sum = (sum + data[base + z]!) | 0;
        }
      }
    }
  }
  return sum;
}

/** The same row-major data in column-major loop order (z, y, x): stride n² between accesses. */
export function flatColumnMajorSweeps(data: Int32Array, n: number, sweeps: number): number {
  let sum = 0;
  const nn = n * n;
  for (let s = 0; s < sweeps; s++) {
    for (let z = 0; z < n; z++) {
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          const index = x * nn + y * n + z;
          data[index] = (data[index]! + 1) | 0;
          sum = (sum + data[index]!) | 0;
        }
      }
    }
  }
  return sum;
}

/** Element-wise: one loop over all n³ elements, no index arithmetic at all. */
export function elementWiseSweeps(data: Int32Array, sweeps: number): number {
  let sum = 0;
  const length = data.length;
  for (let s = 0; s < sweeps; s++) {
    for (let i = 0; i < length; i++) {
      data[i] = (data[i]! + 1) | 0;
      sum = (sum + data[i]!) | 0;
    }
  }
  return sum;
}

/**
 * softmem's NDArray through `accessor3`, its fastest inner-loop access (the get3Unchecked /
 * set3Unchecked methods reload the array's fields on every call: 2.6–3.7× a flat loop in
 * bench/collections-arrays.bench.ts, "NDArray 3-D").
 */
export function ndarraySweeps(data: NDArray<Int32Array>, n: number, sweeps: number): number {
  const { get, set } = accessor3(data);
  let sum = 0;
  for (let s = 0; s < sweeps; s++) {
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++) {
        for (let z = 0; z < n; z++) {
          const value = (get(x, y, z) + 1) | 0;
          set(x, y, z, value);
          sum = (sum + value) | 0;
        }
      }
    }
  }
  return sum;
}

/** The text's stack-allocated "multi-array": an n³ i32 local on the sandbox stack, via `p[i]`. */
export function stackSweeps(data: I32Pointer, n: number, sweeps: number): number {
  let sum = 0;
  const nn = n * n;
  for (let s = 0; s < sweeps; s++) {
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++) {
        const base = x * nn + y * n;
        for (let z = 0; z < n; z++) {
          const value = (data.at(base + z) + 1) | 0;
          data.setAt(base + z, value);
          sum = (sum + value) | 0;
        }
      }
    }
  }
  return sum;
}
