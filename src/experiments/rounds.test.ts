import { describe, expect, it } from 'vitest';
import { alternateRounds, bestRound, nativeFirst } from './rounds.js';

describe('rounds', () => {
  it('keeps the round with the lowest cost, the first of equals', () => {
    const rounds = [
      { min: 5, id: 'a' },
      { min: 3, id: 'b' },
      { min: 3, id: 'c' },
      { min: 9, id: 'd' },
    ];
    expect(bestRound(rounds, (r) => r.min).id).toBe('b');
    expect(bestRound(rounds, (r) => -r.min).id).toBe('d');
    expect(bestRound([{ min: 1, id: 'only' }], (r) => r.min).id).toBe('only');
    expect(() => bestRound([], (r: { min: number }) => r.min)).toThrow(RangeError);
  });

  it('alternates JS and native in ABBA order and returns each side in round order', async () => {
    expect([0, 1, 2, 3].map(nativeFirst)).toEqual([false, true, false, true]);
    const order: string[] = [];
    let jsCount = 0;
    let nativeCount = 0;
    const result = await alternateRounds(
      3,
      async () => {
        order.push('js');
        return ++jsCount;
      },
      () => {
        order.push('native');
        return -++nativeCount;
      },
    );
    expect(order).toEqual(['js', 'native', 'native', 'js', 'js', 'native']);
    expect(result).toEqual({ js: [1, 2, 3], native: [-1, -2, -3] });
    const jsOnly = await alternateRounds(2, async () => 'j', null);
    expect(jsOnly).toEqual({ js: ['j', 'j'], native: [] });
  });
});
