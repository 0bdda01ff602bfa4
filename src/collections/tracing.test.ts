import { describe, expect, it } from 'vitest';
import { AccessKind, TraceBuffer } from '../trace/index.js';
import { Jagged } from './jagged.js';
import { NDArray } from './ndarray.js';
import { CooMatrix } from './sparse.js';
import { resolveTrace } from './tracing.js';
import { transposeInto, transposeIntoRecursive } from './transpose.js';
import { Vec } from './vec.js';

function recorded(trace: TraceBuffer): Array<[number, number, number]> {
  return Array.from({ length: trace.length }, (_, k) => [
    trace.addresses[k]!,
    trace.sizes[k]!,
    trace.kinds[k]!,
  ]);
}

const { Load, Store } = AccessKind;

describe('tracing', () => {
  it('Vec reports baseAddress + index × elementBytes for checked accesses only', () => {
    const trace = new TraceBuffer();
    const v = Vec.of(Int16Array, { trace, baseAddress: 0x1000 });
    v.push(1);
    v.push(2);
    v.push(3);
    v.get(1);
    v.getUnchecked(0); // unchecked twins never trace
    v.set(0, 9);
    v.pop();
    v.swapRemove(0);
    expect(recorded(trace)).toEqual([
      [0x1000, 2, Store],
      [0x1002, 2, Store],
      [0x1004, 2, Store],
      [0x1002, 2, Load],
      [0x1000, 2, Store],
      [0x1004, 2, Load],
      [0x1000, 2, Load],
      [0x1002, 2, Load],
      [0x1000, 2, Store],
    ]);
    trace.clear();
    v.insert(0, 5); // shifts one element right, then writes index 0
    expect(recorded(trace)).toEqual([
      [0x1000, 2, Load],
      [0x1002, 2, Store],
      [0x1000, 2, Store],
    ]);
    trace.clear();
    expect([...v]).toEqual([5, 2]);
    expect(recorded(trace)).toEqual([
      [0x1000, 2, Load],
      [0x1002, 2, Load],
    ]);
  });

  it('NDArray views report the address of the element in the shared data', () => {
    const trace = new TraceBuffer();
    const a = NDArray.zeros(Float32Array, [2, 3], 'C', { trace, baseAddress: 256 });
    a.set2(1, 2, 1); // data index 5
    a.transpose().get2(2, 1); // the same element through a view
    a.slice([1, 2], [1, 3]).get([0, 1]); // (1, 2) again
    a.get3Unchecked(0, 0, 0);
    expect(recorded(trace)).toEqual([
      [256 + 20, 4, Store],
      [256 + 20, 4, Load],
      [256 + 20, 4, Load],
    ]);
  });

  it('transposeInto reports one load per source element and one store per destination element', () => {
    for (const transpose of [
      (dst: NDArray<Float64Array>, src: NDArray<Float64Array>) => transposeInto(dst, src, { blockBytes: 32 }),
      (dst: NDArray<Float64Array>, src: NDArray<Float64Array>) =>
        transposeIntoRecursive(dst, src, { leafElements: 2 }),
    ]) {
      const trace = new TraceBuffer();
      const src = NDArray.zeros(Float64Array, [3, 5], 'C', { trace, baseAddress: 0 });
      const dst = NDArray.zeros(Float64Array, [5, 3], 'C', { trace, baseAddress: 4096 });
      transpose(dst, src);
      const accesses = recorded(trace);
      const loads = accesses.filter(([, , kind]) => kind === Load).map(([address]) => address);
      const stores = accesses.filter(([, , kind]) => kind === Store).map(([address]) => address);
      const expected = (base: number): number[] => Array.from({ length: 15 }, (_, k) => base + k * 8);
      expect([...loads].sort((x, y) => x - y)).toEqual(expected(0));
      expect([...stores].sort((x, y) => x - y)).toEqual(expected(4096));
    }
  });

  it('Jagged reports the offset read, then the value', () => {
    const trace = new TraceBuffer();
    const rows = Jagged.from(Float64Array, [[1, 2], [3]], { trace, baseAddress: 0 });
    rows.get(1, 0);
    // values: 3 × 8 bytes at 0 (capacity 3); offsets after them, 64-byte aligned.
    expect(recorded(trace)).toEqual([
      [64 + 4, 4, Load],
      [16, 8, Load],
    ]);
  });

  it('CSR SpMV reports offsets, indices and values at their laid-out addresses', () => {
    const coo = new CooMatrix(2, 2);
    coo.push(0, 1, 2);
    coo.push(1, 0, 3);
    const trace = new TraceBuffer();
    const csr = coo.toCsr({ trace, baseAddress: 1024 });
    csr.multiply(Float64Array.from([1, 1]));
    // offsets (3 × 4 bytes) at 1024, indices at 1088, values at 1152.
    expect(recorded(trace)).toEqual([
      [1024, 4, Load],
      [1028, 4, Load],
      [1088, 4, Load],
      [1152, 8, Load],
      [1028, 4, Load],
      [1032, 4, Load],
      [1092, 4, Load],
      [1160, 8, Load],
    ]);
  });

  it('resolveTrace rejects bad base addresses and defaults to off', () => {
    expect(resolveTrace(undefined)).toEqual({ sink: null, baseAddress: 0 });
    expect(() => resolveTrace({ baseAddress: 1.5 })).toThrow(
      'baseAddress must be a non-negative safe integer, got 1.5',
    );
  });
});
