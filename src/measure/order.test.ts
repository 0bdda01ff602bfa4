import { describe, expect, it } from 'vitest';
import { shuffledOrder } from './order.js';
import { blackhole, sinkValue } from './sink.js';

describe('shuffledOrder', () => {
  it('is a permutation of 0 … n−1', () => {
    for (const n of [0, 1, 2, 17, 100]) {
      const order = shuffledOrder(n, 5);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('is the same for a seed and differs between seeds', () => {
    expect(shuffledOrder(30, 42)).toEqual(shuffledOrder(30, 42));
    expect(shuffledOrder(30, 42)).not.toEqual(shuffledOrder(30, 43));
    // A shuffle of 30 items that leaves them in order would be a broken shuffle.
    expect(shuffledOrder(30, 42)).not.toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('rejects a bad count', () => {
    expect(() => shuffledOrder(-1, 1)).toThrow(/n must be a non-negative integer, got -1/);
    expect(() => shuffledOrder(2.5, 1)).toThrow(RangeError);
  });
});

describe('blackhole', () => {
  it('folds every value into observable state', () => {
    const before = sinkValue();
    blackhole(12345);
    expect(sinkValue()).toBe((before ^ 12345) | 0);
    blackhole(12345);
    expect(sinkValue()).toBe(before);
  });
});
