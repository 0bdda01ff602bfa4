import { describe, expect, it } from 'vitest';
import { freshCopy } from './fresh-copy.js';

const TWICE = 2;
function scaleAll(values: Float64Array, by: number): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * by * TWICE;
  return sum;
}
const makeKernel = (values: Float64Array) => (passes: number) => {
  let sink = 0;
  for (let k = 0; k < passes; k++) sink += scaleAll(values, k);
  return sink;
};

describe('freshCopy', () => {
  it('returns a new function that computes what the original does, with dependencies bound by name', () => {
    const values = Float64Array.from([1, 2, 3]);
    const copy = freshCopy(makeKernel, { scaleAll });
    expect(copy).not.toBe(makeKernel);
    expect(copy.toString()).toBe(makeKernel.toString());
    expect(copy(values)(4)).toBe(makeKernel(values)(4));
    expect(freshCopy(scaleAll, { TWICE })(values, 3)).toBe(scaleAll(values, 3));
  });

  it('makes distinct closures each time, each over its own captured values', () => {
    const a = freshCopy(makeKernel, { scaleAll })(Float64Array.from([1]));
    const b = freshCopy(makeKernel, { scaleAll })(Float64Array.from([10]));
    expect(a).not.toBe(b);
    expect(a(2)).toBe(2); // 1·0·2 + 1·1·2
    expect(b(2)).toBe(20);
  });

  it('fails loudly on a missing dependency, a native function or a bad dependency name', () => {
    expect(() => freshCopy(makeKernel)(Float64Array.from([1]))(1)).toThrow(ReferenceError);
    expect(() => freshCopy(Math.max)).toThrow(/needs a function with JavaScript source/);
    expect(() => freshCopy(makeKernel, { 'not a name': 1 })).toThrow(/is not an identifier/);
    const methods = {
      run(x: number) {
        return x;
      },
    };
    expect(() => freshCopy(methods.run)).toThrow(/function declaration or an arrow function/);
  });
});
