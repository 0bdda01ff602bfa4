import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minNonZeroCapacity, Vec } from './vec.js';
import type { ElementOf, NumericArray, NumericArrayConstructor } from './vec-types.js';

/** The capacity Rust's RawVec picks when `required` elements must fit (the documented policy). */
function expectedGrowth(capacity: number, required: number, elementBytes: number): number {
  return Math.max(capacity * 2, required, minNonZeroCapacity(elementBytes));
}

type Op =
  | { kind: 'push'; value: number }
  | { kind: 'pop' }
  | { kind: 'get'; at: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; value: number }
  | { kind: 'remove'; at: number }
  | { kind: 'swapRemove'; at: number }
  | { kind: 'truncate'; length: number }
  | { kind: 'reserve'; additional: number }
  | { kind: 'reserveExact'; additional: number }
  | { kind: 'shrinkToFit' }
  | { kind: 'shrinkTo'; min: number }
  | { kind: 'extend'; values: number[] }
  | { kind: 'clear' };

const value = fc.integer({ min: -1000, max: 1000 });
const position = fc.nat(40);
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: value.map((v) => ({ kind: 'push' as const, value: v })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'pop' as const }) },
  { weight: 3, arbitrary: position.map((at) => ({ kind: 'get' as const, at })) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), at: position, value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: position, value }) },
  { weight: 2, arbitrary: position.map((at) => ({ kind: 'remove' as const, at })) },
  { weight: 1, arbitrary: position.map((at) => ({ kind: 'swapRemove' as const, at })) },
  { weight: 1, arbitrary: position.map((length) => ({ kind: 'truncate' as const, length })) },
  { weight: 1, arbitrary: fc.nat(50).map((additional) => ({ kind: 'reserve' as const, additional })) },
  { weight: 1, arbitrary: fc.nat(50).map((additional) => ({ kind: 'reserveExact' as const, additional })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'shrinkToFit' as const }) },
  { weight: 1, arbitrary: fc.nat(40).map((min) => ({ kind: 'shrinkTo' as const, min })) },
  {
    weight: 1,
    arbitrary: fc.array(value, { maxLength: 12 }).map((values) => ({ kind: 'extend' as const, values })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

/**
 * Runs `ops` on a Vec and on a plain JS array (values converted through a one-element array
 * of the same type, so wrap-around and rounding match), checking results, length, contents
 * and the documented capacity policy after every operation. Counts the ops run in `total`.
 */
function runModel<A extends NumericArray>(
  arrayType: NumericArrayConstructor<A>,
  toElement: (n: number) => ElementOf<A>,
  ops: readonly Op[],
): void {
  const cell = new arrayType(1) as unknown as Array<ElementOf<A>>;
  const convert = (n: number): ElementOf<A> => {
    cell[0] = toElement(n);
    return cell[0]!;
  };
  const vec = Vec.of(arrayType);
  const model: Array<ElementOf<A>> = [];
  let capacity = 0;
  const bytes = arrayType.BYTES_PER_ELEMENT;
  const needRoom = (additional: number): void => {
    if (capacity - model.length < additional)
      capacity = expectedGrowth(capacity, model.length + additional, bytes);
  };
  for (const op of ops) {
    switch (op.kind) {
      case 'push':
        needRoom(1);
        vec.push(toElement(op.value));
        model.push(convert(op.value));
        break;
      case 'pop':
        expect(vec.pop()).toBe(model.pop());
        break;
      case 'get':
        if (op.at < model.length) expect(vec.get(op.at)).toBe(model[op.at]);
        else expect(() => vec.get(op.at)).toThrow(`index ${op.at} out of range for length ${model.length}`);
        break;
      case 'set':
        if (op.at < model.length) {
          vec.set(op.at, toElement(op.value));
          model[op.at] = convert(op.value);
        } else expect(() => vec.set(op.at, toElement(op.value))).toThrow(RangeError);
        break;
      case 'insert':
        if (op.at <= model.length) {
          needRoom(1);
          vec.insert(op.at, toElement(op.value));
          model.splice(op.at, 0, convert(op.value));
        } else expect(() => vec.insert(op.at, toElement(op.value))).toThrow(RangeError);
        break;
      case 'remove':
        if (op.at < model.length) expect(vec.remove(op.at)).toBe(model.splice(op.at, 1)[0]);
        else expect(() => vec.remove(op.at)).toThrow(RangeError);
        break;
      case 'swapRemove':
        if (op.at < model.length) {
          const removed = model[op.at];
          const last = model.pop()!;
          if (op.at < model.length) model[op.at] = last;
          expect(vec.swapRemove(op.at)).toBe(removed);
        } else expect(() => vec.swapRemove(op.at)).toThrow(RangeError);
        break;
      case 'truncate':
        vec.truncate(op.length);
        model.length = Math.min(model.length, op.length);
        break;
      case 'reserve':
        needRoom(op.additional);
        vec.reserve(op.additional);
        break;
      case 'reserveExact':
        if (capacity - model.length < op.additional) capacity = model.length + op.additional;
        vec.reserveExact(op.additional);
        break;
      case 'shrinkToFit':
        capacity = model.length;
        vec.shrinkToFit();
        break;
      case 'shrinkTo':
        capacity = Math.min(capacity, Math.max(model.length, op.min));
        vec.shrinkTo(op.min);
        break;
      case 'extend': {
        needRoom(op.values.length);
        const values = op.values.map(toElement);
        vec.extend(values);
        model.push(...op.values.map(convert));
        break;
      }
      case 'clear':
        vec.clear();
        model.length = 0;
        break;
    }
    expect(vec.length).toBe(model.length);
    expect(vec.capacity).toBe(capacity);
    expect(Array.from(vec.asView() as unknown as ArrayLike<ElementOf<A>>)).toEqual(model);
  }
  expect([...vec]).toEqual(model);
  total += ops.length;
}

let total = 0;
const opList = fc.array(opArbitrary, { minLength: 60, maxLength: 160 });

describe('Vec against a plain array model', () => {
  it('Float64Array: ≥ 4000 random operations', () => {
    fc.assert(
      fc.property(opList, (ops) => runModel(Float64Array, (n) => n / 8, ops)),
      { numRuns: 60 },
    );
  });
  it('Int8Array (wraps, minimum capacity 8)', () => {
    fc.assert(
      fc.property(opList, (ops) => runModel(Int8Array, (n) => n, ops)),
      { numRuns: 40 },
    );
  });
  it('Uint16Array and Float32Array', () => {
    fc.assert(
      fc.property(opList, (ops) => runModel(Uint16Array, (n) => n, ops)),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(opList, (ops) => runModel(Float32Array, (n) => n / 3, ops)),
      { numRuns: 20 },
    );
  });
  it('BigInt64Array and BigUint64Array store bigints', () => {
    fc.assert(
      fc.property(opList, (ops) => runModel(BigInt64Array, (n) => BigInt(n), ops)),
      { numRuns: 20 },
    );
    fc.assert(
      fc.property(opList, (ops) => runModel(BigUint64Array, (n) => BigInt(n), ops)),
      { numRuns: 10 },
    );
  });
  it('ran at least 10^4 operations in total', () => {
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});

describe('Vec', () => {
  it('grows ×2 from the minimum non-zero capacity and counts reallocations and copied bytes', () => {
    const v = Vec.of(Float64Array);
    const capacities: number[] = [];
    for (let i = 0; i < 33; i++) {
      v.push(i);
      if (capacities.at(-1) !== v.capacity) capacities.push(v.capacity);
    }
    expect(capacities).toEqual([4, 8, 16, 32, 64]);
    expect(v.reallocations).toBe(5);
    expect(v.bytesCopied).toBe((4 + 8 + 16 + 32) * 8);
    const bytes = Vec.of(Uint8Array);
    bytes.push(1);
    expect(bytes.capacity).toBe(8);
  });

  it('withCapacity, from, clone, take', () => {
    const v = Vec.withCapacity(Int32Array, 10);
    expect([v.length, v.capacity]).toEqual([0, 10]);
    const w = Vec.from(Int32Array, [1, 2, 3]);
    const copy = w.clone();
    copy.set(0, 9);
    expect(w.get(0)).toBe(1);
    expect(copy.capacity).toBe(3);
    const view = w.asView();
    const moved = w.take();
    expect(moved.asView().buffer).toBe(view.buffer); // moved without a copy
    expect([w.length, w.capacity]).toEqual([0, 0]);
    expect(w.isViewValid(view)).toBe(false);
    expect(moved.isViewValid(view)).toBe(true);
    expect(Array.from(moved)).toEqual([1, 2, 3]);
    expect(Array.from(Vec.from(Int16Array, new Set([4, 5])))).toEqual([4, 5]);
  });

  it('detects views invalidated by growth and by length changes', () => {
    const v = Vec.withCapacity(Float64Array, 2);
    v.push(1);
    const view = v.asView();
    expect(v.isViewValid(view)).toBe(true);
    v.push(2); // fits: same buffer, but the view misses the new element
    expect(v.isViewValid(view)).toBe(false);
    const full = v.asView();
    const generation = v.generation;
    v.push(3); // reallocates
    expect(v.generation).toBe(generation + 1);
    expect(v.isViewValid(full)).toBe(false);
    full[0] = 42; // lost: the old buffer
    expect(v.get(0)).toBe(1);
  });

  it('shrinkToFit on an empty vector frees the buffer, shrinkTo never grows', () => {
    const v = Vec.withCapacity(Float64Array, 16);
    v.shrinkTo(32);
    expect(v.capacity).toBe(16);
    v.shrinkToFit();
    expect(v.capacity).toBe(0);
  });

  it('rejects bad arguments with messages that name the problem', () => {
    expect(() => Vec.withCapacity(Float64Array, -1)).toThrow(
      'capacity must be a non-negative integer, got -1',
    );
    expect(() => Vec.withCapacity(Float64Array, 1.5)).toThrow(RangeError);
    const v = Vec.from(Float64Array, [1, 2, 3]);
    expect(() => v.get(5)).toThrow('index 5 out of range for length 3');
    expect(() => v.get(-1)).toThrow('index -1 out of range for length 3');
    expect(() => v.insert(4, 1)).toThrow('index 4 out of range for length 4');
    expect(() => v.reserve(-2)).toThrow('additional must be a non-negative integer, got -2');
    expect(() => Vec.from(BigInt64Array, [1 as unknown as bigint])).toThrow(
      'BigInt64Array stores bigint values, got number',
    );
    expect(() => v.extend(['x' as unknown as number])).toThrow(
      'Float64Array stores number values, got string',
    );
    expect(v.length).toBe(3); // nothing half-written
    expect(() => Vec.of(Float64Array, { baseAddress: -8 })).toThrow(
      'baseAddress must be a non-negative safe integer',
    );
  });
});
