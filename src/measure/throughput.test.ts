import { describe, expect, it } from 'vitest';
import { accessesPerSecond, gigabytesPerSecond, memoryTrafficBytes, nsPerElement } from './throughput.js';

describe('throughput units', () => {
  it('computes ns per element', () => {
    expect(nsPerElement(512, 1024)).toBe(0.5);
    expect(() => nsPerElement(1, 0)).toThrow(/elements must be a positive number/);
  });

  it('computes GB/s (10^9 bytes) and carries the write-allocate flag (doc example)', () => {
    expect(gigabytesPerSecond(8 * 1024 * 1024, 1e6, { writeAllocateCounted: false })).toEqual({
      gigabytesPerSecond: 8.388608,
      writeAllocateCounted: false,
    });
    expect(gigabytesPerSecond(3e9, 1e9, { writeAllocateCounted: true })).toEqual({
      gigabytesPerSecond: 3,
      writeAllocateCounted: true,
    });
  });

  it('counts write-allocate traffic only when asked', () => {
    // Copy of 1000 doubles: 8000 B read, 8000 B written, plus 8000 B read-for-ownership.
    expect(memoryTrafficBytes(8000, 8000, true)).toBe(24_000);
    expect(memoryTrafficBytes(8000, 8000, false)).toBe(16_000);
    expect(memoryTrafficBytes(8000, 0, true)).toBe(8000);
  });

  it('computes accesses per second (doc example)', () => {
    expect(accessesPerSecond(1000, 500)).toBe(2e9);
    expect(accessesPerSecond(0, 1)).toBe(0);
  });

  it('rejects a time that is not positive and finite, and negative amounts', () => {
    expect(() => accessesPerSecond(1, 0)).toThrow(/ns must be a positive finite number, got 0/);
    expect(() => gigabytesPerSecond(1, Number.POSITIVE_INFINITY, { writeAllocateCounted: false })).toThrow(
      RangeError,
    );
    expect(() => gigabytesPerSecond(-1, 1, { writeAllocateCounted: false })).toThrow(
      /bytes must be a non-negative/,
    );
    expect(() => memoryTrafficBytes(1, Number.NaN, false)).toThrow(/writtenBytes/);
  });
});
