import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPowerOfTwo, formatBytes, parseBytes, parseCount, Random, UsageError } from './index.js';

describe('parseBytes', () => {
  it('reads plain and binary-suffixed sizes', () => {
    expect(parseBytes('4096')).toBe(4096);
    expect(parseBytes('32K')).toBe(32768);
    expect(parseBytes('32KiB')).toBe(32768);
    expect(parseBytes('1.5M')).toBe(1572864);
    expect(parseBytes('2gb')).toBe(2 * 1024 ** 3);
  });
  it('rejects unknown units and junk with a UsageError', () => {
    expect(() => parseBytes('12XB')).toThrow(UsageError);
    expect(() => parseBytes('12XB')).toThrow(/not a size: '12XB'/);
    expect(() => parseBytes('-4K')).toThrow(UsageError);
    expect(() => parseBytes('')).toThrow(UsageError);
    expect(() => parseBytes('0.3')).toThrow(/whole number/);
  });
  it('round-trips through formatBytes for powers of two', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), (shift) => {
        expect(parseBytes(formatBytes(2 ** shift).replace(' ', ''))).toBe(2 ** shift);
      }),
    );
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(49152)).toBe('48 KiB');
    expect(formatBytes(1536 * 1024)).toBe('1.5 MiB');
  });
});

describe('parseCount and checkPowerOfTwo', () => {
  it('accept good values and reject negative, fractional and non-numeric ones', () => {
    expect(parseCount('runs', '7')).toBe(7);
    expect(() => parseCount('runs', '-3')).toThrow(/runs must be a non-negative integer, got '-3'/);
    expect(() => parseCount('runs', '1.5')).toThrow(UsageError);
    expect(() => parseCount('runs', 'abc')).toThrow(UsageError);
    expect(checkPowerOfTwo('line size', 64)).toBe(64);
    expect(() => checkPowerOfTwo('line size', 48)).toThrow(/line size must be a power of two, got 48/);
    expect(() => checkPowerOfTwo('line size', 0)).toThrow(UsageError);
  });
});

describe('Random', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(seqA);
  });
  it('below(n) is uniform for a non-power-of-two bound (chi-square)', () => {
    const rng = new Random(7);
    const bound = 12;
    const draws = 120_000;
    const counts = new Array<number>(bound).fill(0);
    for (let i = 0; i < draws; i++) counts[rng.below(bound)]!++;
    const expected = draws / bound;
    const chi2 = counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
    // 11 degrees of freedom: p = 0.001 critical value is 31.26.
    expect(chi2).toBeLessThan(31.26);
  });
  it('shuffle produces a permutation', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = new Random(3).shuffle([...values]);
    expect(shuffled).not.toEqual(values);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(values);
  });
});
