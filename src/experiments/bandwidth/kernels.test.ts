import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BANDWIDTH_KERNELS,
  bandwidthArrays,
  bandwidthKernel,
  copyInto,
  elementsFor,
  readSum,
  TRIAD_SCALAR,
  triad,
  warmUpBandwidthKernels,
  writeFill,
} from './kernels.js';

const smallInts = (maxLength: number) =>
  fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength }).map((values) => Float64Array.from(values));

describe('bandwidth kernels', () => {
  it('readSum equals a plain sum for every length (every remainder of the unrolled loop)', () => {
    fc.assert(
      fc.property(smallInts(70), (a) => {
        expect(readSum(a)).toBe(a.reduce((sum, v) => sum + v, 0));
      }),
    );
  });

  it('writeFill, copyInto and triad compute what they say', () => {
    fc.assert(
      fc.property(
        smallInts(40),
        smallInts(40),
        fc.double({ min: -4, max: 4, noNaN: true }),
        (b, c, scalar) => {
          const n = Math.min(b.length, c.length);
          const a = new Float64Array(n);
          writeFill(a, 2.5);
          expect([...a]).toEqual(new Array(n).fill(2.5));
          copyInto(a, b);
          expect([...a]).toEqual([...b.subarray(0, n)]);
          triad(a, b, c, scalar);
          expect([...a]).toEqual(Array.from({ length: n }, (_, i) => b[i]! + scalar * c[i]!));
        },
      ),
    );
  });

  it('elementsFor splits the working set among the arrays in whole 64-byte lines', () => {
    expect(elementsFor('read', 16384)).toBe(2048);
    expect(elementsFor('copy', 16384)).toBe(1024);
    expect(elementsFor('triad', 16384)).toBe(680);
    for (const kernel of BANDWIDTH_KERNELS) expect(elementsFor(kernel, 100_000) % 8).toBe(0);
  });

  it('every measurement kernel does its work on the arrays and returns a sink', () => {
    const reference = bandwidthArrays(64);
    for (const name of BANDWIDTH_KERNELS) {
      const arrays = bandwidthArrays(64);
      const sink = bandwidthKernel(name, arrays)(3);
      expect(Number.isFinite(sink)).toBe(true);
      const expected =
        name === 'read'
          ? reference.a
          : name === 'write' || name === 'fill'
            ? new Float64Array(64).fill(2 + 0.5)
            : name === 'copy' || name === 'set'
              ? reference.b
              : reference.b.map((v, i) => v + TRIAD_SCALAR * reference.c[i]!);
      expect([...arrays.a]).toEqual([...expected]);
    }
    expect(bandwidthKernel('read', reference)(2)).toBe(2 * readSum(reference.a));
  });

  it('reuses an arena only when it is large enough', () => {
    const arena = bandwidthArrays(128);
    const small = bandwidthArrays(64, arena);
    expect(small.a.buffer).toBe(arena.a.buffer);
    expect(small.a[63]).toBe(63);
    expect(bandwidthArrays(256, arena).a.buffer).not.toBe(arena.a.buffer);
    expect(Number.isFinite(warmUpBandwidthKernels())).toBe(true);
  });
});
