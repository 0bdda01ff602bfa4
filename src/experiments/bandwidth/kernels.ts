/**
 * The bandwidth kernels: one pass over `Float64Array`s per call, written as V8 compiles
 * them best (bounds-check-friendly loop conditions, no allocation), and mirrored in
 * native/softmem-native.c.
 *
 * Layout: a working set of W bytes is shared by the kernel's arrays (1 for read/write/fill,
 * 2 for copy/set, 3 for triad), each `elementsFor(kernel, W)` doubles, a whole number of
 * 64-byte lines.
 */

/** Every kernel: four loops and V8's own `fill`/`set` as in-process references. */
export const BANDWIDTH_KERNELS = ['read', 'write', 'copy', 'triad', 'fill', 'set'] as const;

/** A bandwidth kernel's name. */
export type BandwidthKernel = (typeof BANDWIDTH_KERNELS)[number];

/** Arrays each kernel uses. */
export const ARRAYS_PER_KERNEL: Readonly<Record<BandwidthKernel, number>> = {
  read: 1,
  write: 1,
  copy: 2,
  triad: 3,
  fill: 1,
  set: 2,
};

/**
 * Bytes the program moves per element (reads + writes, 8 B each). Write-allocate traffic,
 * the line read the hardware does before a write, is NOT counted (STREAM's convention).
 */
export const BYTES_PER_ELEMENT: Readonly<Record<BandwidthKernel, number>> = {
  read: 8,
  write: 8,
  copy: 16,
  triad: 24,
  fill: 8,
  set: 16,
};

/** The native kernel each JS kernel is compared with (`fill` ↔ write loop, `set` ↔ copy loop). */
export const NATIVE_PEER: Readonly<Record<BandwidthKernel, 'read' | 'write' | 'copy' | 'triad'>> = {
  read: 'read',
  write: 'write',
  copy: 'copy',
  triad: 'triad',
  fill: 'write',
  set: 'copy',
};

/** The triad's scalar: a[i] = b[i] + TRIAD_SCALAR · c[i]. */
export const TRIAD_SCALAR = 1.5;

/** Doubles per array for `kernel` in a working set of `workingSetBytes` (whole 64-byte lines). */
export function elementsFor(kernel: BandwidthKernel, workingSetBytes: number): number {
  return Math.floor(workingSetBytes / 8 / ARRAYS_PER_KERNEL[kernel] / 8) * 8;
}

/**
 * Sum of `a` with four independent accumulators (one add chain would be bound by the add
 * latency), like the native `read_sum`. The loop is unrolled by eight, two adds per
 * accumulator per iteration: V8 re-checks the array's map and length and polls the stack
 * guard once per iteration, so a longer body amortises that. bench/native.bench.ts
 * (section "Read kernels") re-measures the shapes each run; when chosen (2026-11-25, a
 * standalone A/B at 16 KiB / 512 KiB / 64 MiB) unrolled-by-8 read 31 / 32 / 30 GB/s against
 * 25 / 26 / 25 for unrolled-by-4, while eight accumulators or unrolling by 16 ran slower
 * (V8 spills). The loop tests `i < a.length` rather than a hoisted bound (faster in the
 * same bench).
 */
export function readSum(a: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 7;
  for (; i < a.length; i += 8) {
    s0 += a[i - 7]!;
    s1 += a[i - 6]!;
    s2 += a[i - 5]!;
    s3 += a[i - 4]!;
    s0 += a[i - 3]!;
    s1 += a[i - 2]!;
    s2 += a[i - 1]!;
    s3 += a[i]!;
  }
  for (i -= 7; i < a.length; i++) s0 += a[i]!;
  return s0 + s1 + (s2 + s3);
}

/**
 * Stores `value` into every element. The length is hoisted: with `i < a.length` V8 reloads
 * it after every store (18.0 vs 24.5 GB/s at 16 KiB, standalone script during development).
 */
export function writeFill(a: Float64Array, value: number): void {
  const n = a.length;
  for (let i = 0; i < n; i++) a[i] = value;
}

/** `a[i] = b[i]` over the shorter of the two (hoisted bound: 13.8 vs 22.3 GB/s written at 16 KiB). */
export function copyInto(a: Float64Array, b: Float64Array): void {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) a[i] = b[i]!;
}

/** STREAM triad: `a[i] = b[i] + scalar · c[i]` over the shortest of the three. */
export function triad(a: Float64Array, b: Float64Array, c: Float64Array, scalar: number): void {
  const n = Math.min(a.length, b.length, c.length);
  for (let i = 0; i < n; i++) a[i] = b[i]! + scalar * c[i]!;
}

/** The arrays of one working set, filled like the native side (a = i & 1023, b = i & 511, c = i & 255). */
export interface BandwidthArrays {
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
}

/** Initialises `elements` doubles of each array (views of `arena` when it is large enough). */
export function bandwidthArrays(elements: number, arena: BandwidthArrays | null = null): BandwidthArrays {
  const view = (array: Float64Array | undefined): Float64Array =>
    array !== undefined && array.length >= elements
      ? array.subarray(0, elements)
      : new Float64Array(elements);
  const arrays = { a: view(arena?.a), b: view(arena?.b), c: view(arena?.c) };
  for (let i = 0; i < elements; i++) {
    arrays.a[i] = i & 1023;
    arrays.b[i] = i & 511;
    arrays.c[i] = i & 255;
  }
  return arrays;
}

/**
 * A measurement kernel: `kernel(passes)` runs `passes` passes of `name` over `arrays` and
 * returns a value that depends on every pass (the sink). Dispatch is chosen here, once.
 */
export function bandwidthKernel(name: BandwidthKernel, arrays: BandwidthArrays): (passes: number) => number {
  const { a, b, c } = arrays;
  const n = a.length;
  switch (name) {
    case 'read':
      return (passes) => {
        let sink = 0;
        for (let k = 0; k < passes; k++) sink += readSum(a);
        return sink;
      };
    case 'write':
      return (passes) => {
        let sink = 0;
        for (let k = 0; k < passes; k++) {
          writeFill(a, (k & 7) + 0.5); // a double: an int would be converted at every store
          sink += a[k % n]!;
        }
        return sink;
      };
    case 'copy':
      return (passes) => {
        let sink = 0;
        for (let k = 0; k < passes; k++) {
          copyInto(a, b);
          sink += a[k % n]!;
        }
        return sink;
      };
    case 'triad':
      return (passes) => {
        let sink = 0;
        for (let k = 0; k < passes; k++) {
          triad(a, b, c, TRIAD_SCALAR);
          sink += a[k % n]!;
        }
        return sink;
      };
    case 'fill':
      return (passes) => {
        let sink = 0;
        for (let k = 0; k < passes; k++) {
          a.fill((k & 7) + 0.5);
          sink += a[k % n]!;
        }
        return sink;
      };
    case 'set':
      return (passes) => {
        let sink = 0;
        for (let k = 0; k < passes; k++) {
          a.set(b);
          sink += a[k % n]!;
        }
        return sink;
      };
  }
}

/**
 * Gets the loop kernels optimised before anything is timed: 3000 calls each on 512 doubles
 * (~5 ms). Without it the first working sets of a quick sweep ran in unoptimised code
 * (0.2–0.9 GB/s instead of 15–30 at 16 KiB on the 2-vCPU VM). Returns a sink.
 */
export function warmUpBandwidthKernels(): number {
  const arrays = bandwidthArrays(512);
  let sink = 0;
  for (let call = 0; call < 3000; call++) {
    sink += readSum(arrays.a);
    writeFill(arrays.c, call + 0.5);
    copyInto(arrays.a, arrays.b);
    triad(arrays.a, arrays.b, arrays.c, TRIAD_SCALAR);
  }
  return sink + arrays.a[7]!;
}
