import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../util/index.js';
import { NDArray } from './ndarray.js';
import type { Order } from './ndarray-layout.js';

/**
 * The reference: a logical array is its shape plus a plain function from a logical index to
 * a position in a plain JS base array — computed by composing the meaning of each view
 * operation, never from strides.
 */
interface Model {
  base: number[];
  shape: number[];
  at: (index: readonly number[]) => number;
}

function allIndices(shape: readonly number[]): number[][] {
  let result: number[][] = [[]];
  for (const extent of shape) {
    const next: number[][] = [];
    for (const prefix of result) for (let i = 0; i < extent; i++) next.push([...prefix, i]);
    result = next;
  }
  return result;
}

/** Logical indices listed in `order` (C: last axis fastest; F: first axis fastest). */
function indicesInOrder(shape: readonly number[], order: Order): number[][] {
  if (order === 'C') return allIndices(shape);
  return allIndices([...shape].reverse()).map((index) => index.reverse());
}

function linear(index: readonly number[], shape: readonly number[], order: Order): number {
  let position = 0;
  const axes = shape.map((_, k) => (order === 'C' ? k : shape.length - 1 - k));
  for (const axis of axes) position = position * shape[axis]! + index[axis]!;
  return position;
}

function check(array: NDArray<Float64Array>, model: Model): number {
  expect(array.shape).toEqual(model.shape);
  let checks = 0;
  for (const index of allIndices(model.shape)) {
    expect(array.get(index)).toBe(model.base[model.at(index)]);
    checks++;
  }
  return checks;
}

let operations = 0;

/** Applies `steps` random view/element operations to a random array and its model. */
function runScenario(seed: number, steps: number): void {
  const rng = new Random(seed);
  const ndim = 1 + rng.below(4);
  const shape = Array.from({ length: ndim }, () => rng.below(5) + (rng.below(8) === 0 ? 0 : 1));
  const order: Order = rng.below(2) === 0 ? 'C' : 'F';
  let array = NDArray.zeros(Float64Array, shape, order);
  // Fill with the data position so every element is distinct.
  for (let p = 0; p < array.data.length; p++) array.data[p] = p;
  const base = Array.from(array.data);
  let model: Model = { base, shape, at: (index) => linear(index, shape, order) };
  for (let step = 0; step < steps; step++) {
    const current = model;
    const n = current.shape.length;
    const choice = rng.below(7);
    operations++;
    if (choice === 0) {
      const perm = rng.shuffle(current.shape.map((_, axis) => axis));
      array = array.transpose(perm);
      model = {
        base: current.base,
        shape: perm.map((axis) => current.shape[axis]!),
        at: (index) => {
          const old = new Array<number>(n);
          perm.forEach((axis, a) => {
            old[axis] = index[a]!;
          });
          return current.at(old);
        },
      };
    } else if (choice === 1) {
      const ranges = current.shape.map((extent) => {
        const start = rng.below(extent + 1);
        return [start, start + rng.below(extent - start + 1)] as const;
      });
      array = array.slice(...ranges);
      model = {
        base: current.base,
        shape: ranges.map(([start, end]) => end - start),
        at: (index) => current.at(index.map((i, axis) => i + ranges[axis]![0])),
      };
    } else if (choice === 2) {
      const steps = current.shape.map(() => (1 + rng.below(3)) * (rng.below(2) === 0 ? 1 : -1));
      array = array.step(...steps);
      model = {
        base: current.base,
        shape: current.shape.map((extent, axis) => Math.ceil(extent / Math.abs(steps[axis]!))),
        at: (index) =>
          current.at(
            index.map((i, axis) => {
              const s = steps[axis]!;
              return s > 0 ? i * s : current.shape[axis]! - 1 + i * s;
            }),
          ),
      };
    } else if (choice === 3 && n > 1 && current.shape.every((extent) => extent > 0)) {
      const axis = rng.below(n);
      const fixed = rng.below(current.shape[axis]!);
      const picks = current.shape.map((_, a) => (a === axis ? fixed : null));
      array = array.pick(...picks);
      model = {
        base: current.base,
        shape: current.shape.filter((_, a) => a !== axis),
        at: (index) => current.at([...index.slice(0, axis), fixed, ...index.slice(axis)]),
      };
    } else if (choice === 4) {
      // Reshape into a random factorisation of the same size, read in the array's order.
      const size = current.shape.reduce((a, b) => a * b, 1);
      const newShape = size === 0 ? [0, 3] : rng.below(2) === 0 ? [size] : [1, size, 1];
      const wasContiguous = array.isContiguous(array.order);
      const reshaped = array.reshape(newShape);
      expect(reshaped.data === array.data).toBe(wasContiguous);
      const flat = indicesInOrder(current.shape, array.order).map((index) => current.at(index));
      const reshapeOrder = array.order;
      array = reshaped;
      model = wasContiguous
        ? { base: current.base, shape: newShape, at: (index) => flat[linear(index, newShape, reshapeOrder)]! }
        : {
            base: Array.from(reshaped.data),
            shape: newShape,
            at: (index) => linear(index, newShape, reshapeOrder),
          };
    } else {
      // Element writes through the view reach the shared base.
      for (let k = 0; k < 3 && current.shape.every((extent) => extent > 0); k++) {
        const index = current.shape.map((extent) => rng.below(extent));
        const value = rng.below(1_000_000) + 0.5;
        array.set(index, value);
        current.base[current.at(index)] = value;
        operations++;
      }
    }
    operations += check(array, model);
  }
  // Contiguous copies and memory-order iteration agree with the model.
  for (const target of ['C', 'F'] as const) {
    const copy = array.toContiguous(target);
    expect(Array.from(copy.data)).toEqual(
      indicesInOrder(model.shape, target).map((index) => model.base[model.at(index)]),
    );
    const truth = indicesInOrder(model.shape, target).every(
      (index, k) => model.at(index) - model.at(indicesInOrder(model.shape, target)[0] ?? []) === k,
    );
    if (array.size > 1 && model.shape.filter((extent) => extent > 1).length > 0) {
      expect(array.isContiguous(target)).toBe(truth);
    }
  }
  const positions = Array.from(array.values()).map((value) => array.data.indexOf(value));
  for (let k = 1; k < positions.length; k++) expect(positions[k]!).toBeGreaterThan(positions[k - 1]!);
}

describe('NDArray against a logical-index model', () => {
  it('random chains of transpose/slice/step/pick/reshape/set agree with the model', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => runScenario(seed, 8)),
      { numRuns: 250 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });
});

describe('NDArray', () => {
  it('fast 2-D and 3-D paths match the array-index path', () => {
    const a = NDArray.zeros(Int32Array, [3, 4, 5], 'F');
    let k = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) for (let l = 0; l < 5; l++) a.set3(i, j, l, k++);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 4; j++) {
        for (let l = 0; l < 5; l++) {
          expect(a.get3(i, j, l)).toBe(a.get([i, j, l]));
          expect(a.get3Unchecked(i, j, l)).toBe(a.get([i, j, l]));
        }
      }
    }
    const m = a.pick(null, 2, null);
    m.set2Unchecked(1, 3, -7);
    expect(m.get2(1, 3)).toBe(-7);
    expect(a.get3(1, 2, 3)).toBe(-7);
  });

  it('reshape is a view of contiguous arrays and a copy otherwise', () => {
    const a = new NDArray(Float64Array.from([0, 1, 2, 3, 4, 5]), [2, 3]);
    expect(a.reshape([3, 2]).data).toBe(a.data);
    expect(a.reshapeView([6])).not.toBeNull();
    const t = a.transpose(); // keeps order 'C', no longer C-contiguous
    expect(t.order).toBe('C');
    expect(t.reshapeView([6])).toBeNull();
    const flat = t.reshape([6]);
    expect(flat.data).not.toBe(a.data);
    expect(Array.from(flat.data)).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('stores bigints in BigInt64Array arrays', () => {
    const a = NDArray.zeros(BigInt64Array, [2, 2]);
    a.set2(1, 1, 5n);
    expect(a.transpose().get2(1, 1)).toBe(5n);
  });

  it('rejects bad arguments with messages that name the problem', () => {
    const data = new Float64Array(6);
    expect(() => new NDArray(data, [2, 3], [3])).toThrow('shape/stride mismatch');
    expect(() => new NDArray(data, [2, 4])).toThrow('outside data of length 6');
    expect(() => new NDArray(data, [2, -3])).toThrow('bad extent -3 on axis 1');
    expect(() => new NDArray(data, [3], [-1], 1)).toThrow('outside data');
    const a = new NDArray(data, [2, 3]);
    expect(() => a.get([2, 0])).toThrow('index 2 out of range for length 2 on axis 0');
    expect(() => a.get2(0, 3)).toThrow('index 3 out of range for length 3 on axis 1');
    expect(() => a.get([0])).toThrow('index has 1 coordinates but the array has 2 axes');
    expect(() => a.get3(0, 0, 0)).toThrow('need 3 axes');
    expect(() => a.transpose([0, 0])).toThrow('not a permutation');
    expect(() => a.slice([1, 4])).toThrow('range [1, 4) is not inside [0, 2] on axis 0');
    expect(() => a.step(0)).toThrow('step must be a non-zero integer');
    expect(() => a.reshape([4, 2])).toThrow('cannot reshape 6 elements into shape [4, 2]');
    expect(() => NDArray.zeros(Float64Array, [2], 'X' as Order)).toThrow("order must be 'C' or 'F'");
  });
});
