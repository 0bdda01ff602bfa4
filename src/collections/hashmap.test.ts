import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind, TraceBuffer } from '../trace/index.js';
import { IntHashMap, IntHashSet } from './index.js';

const keyArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -40, max: 40 }) },
  { weight: 2, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -(2 ** 31), 2 ** 31 - 1) },
);
const opArbitrary = fc.oneof(
  {
    weight: 50,
    arbitrary: fc.record({ op: fc.constant('set' as const), key: keyArbitrary, value: fc.double() }),
  },
  { weight: 25, arbitrary: fc.record({ op: fc.constant('delete' as const), key: keyArbitrary }) },
  { weight: 25, arbitrary: fc.record({ op: fc.constant('get' as const), key: keyArbitrary }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
);
const shapeArbitrary = fc.record({
  capacity: fc.constantFrom(0, 3, 100),
  loadFactor: fc.constantFrom(0.1, 0.5, 0.75, 0.9),
});

function same(actual: unknown, expected: unknown): void {
  if (!Object.is(actual, expected)) expect(actual).toBe(expected);
}

const byKey = (a: [number, unknown], b: [number, unknown]) => a[0] - b[0];

describe('IntHashMap against Map', () => {
  it('agrees on random set/get/delete/clear sequences, through growth and backward shifts', () => {
    let operations = 0;
    fc.assert(
      fc.property(shapeArbitrary, fc.array(opArbitrary, { minLength: 150, maxLength: 400 }), (shape, ops) => {
        const map = new IntHashMap(shape);
        const model = new Map<number, number>();
        for (const step of ops) {
          operations++;
          switch (step.op) {
            case 'set':
              map.set(step.key, step.value);
              model.set(step.key, step.value);
              break;
            case 'delete':
              same(map.delete(step.key), model.delete(step.key));
              break;
            case 'get':
              same(map.get(step.key), model.get(step.key));
              same(map.has(step.key), model.has(step.key));
              break;
            case 'clear':
              map.clear();
              model.clear();
              break;
          }
          same(map.size, model.size);
        }
        expect([...map].sort(byKey)).toEqual([...model].sort(byKey));
        expect([...map.keys()].sort((a, b) => a - b)).toEqual([...model.keys()].sort((a, b) => a - b));
        const visited: [number, number][] = [];
        map.forEach((value, key) => {
          visited.push([key, value]);
        });
        expect(visited.sort(byKey)).toEqual([...model].sort(byKey));
        expect(map.capacity * map.loadFactor).toBeGreaterThanOrEqual(map.size - 1);
      }),
      { numRuns: 70 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('gives the same answers traced and untraced, and traces only its own slots', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { minLength: 50, maxLength: 200 }), (ops) => {
        const trace = new TraceBuffer();
        const base = 0x10000;
        const traced = new IntHashMap({ trace, baseAddress: base });
        const plain = new IntHashMap();
        for (const step of ops) {
          if (step.op === 'set') {
            traced.set(step.key, step.value);
            plain.set(step.key, step.value);
          } else if (step.op === 'delete') same(traced.delete(step.key), plain.delete(step.key));
          else if (step.op === 'get') same(traced.get(step.key), plain.get(step.key));
        }
        const chunk = trace.toChunk();
        const end = base + traced.capacity * 12;
        for (let i = 0; i < chunk.length; i++) {
          const address = chunk.addresses[i]!;
          const inside = address >= base && address + chunk.sizes[i]! <= end;
          if (!inside) expect(inside, `access at ${address} outside [${base}, ${end})`).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('traces a hit as key probes then one value load', () => {
    const trace = new TraceBuffer();
    const probe = new IntHashMap({ trace, baseAddress: 0 });
    probe.set(5, 1);
    trace.clear();
    probe.get(5);
    const chunk = trace.toChunk();
    expect(Array.from(chunk.sizes)).toEqual([4, 8]);
    expect(Array.from(chunk.kinds)).toEqual([AccessKind.Load, AccessKind.Load]);
    expect(chunk.addresses[1]! - probe.capacity * 4).toBe(chunk.addresses[0]! * 2);
  });

  it('names bad arguments', () => {
    expect(() => new IntHashMap({ capacity: -1 })).toThrow(
      'IntHashMap capacity must be a non-negative integer, got -1',
    );
    expect(() => new IntHashMap({ loadFactor: 0.95 })).toThrow('loadFactor must be in [0.1, 0.9], got 0.95');
    expect(() => new IntHashMap().set(1.5, 0)).toThrow('IntHashMap keys must be int32 integers, got 1.5');
    expect(() => new IntHashMap().set(2 ** 31, 0)).toThrow('got 2147483648');
    expect(new IntHashMap().get(1.5)).toBeUndefined();
  });

  it('sizes the table so that `capacity` entries fit without growing', () => {
    const map = new IntHashMap({ capacity: 1000, loadFactor: 0.5 });
    const slots = map.capacity;
    for (let k = 1; k <= 1000; k++) map.set(k, k);
    expect(map.capacity).toBe(slots);
    map.set(1001, 0);
    expect(map.capacity).toBeGreaterThanOrEqual(slots);
  });
});

describe('IntHashSet against Set', () => {
  it('agrees on random add/has/delete/clear sequences', () => {
    let operations = 0;
    fc.assert(
      fc.property(shapeArbitrary, fc.array(opArbitrary, { minLength: 150, maxLength: 400 }), (shape, ops) => {
        const set = new IntHashSet(shape);
        const model = new Set<number>();
        for (const step of ops) {
          operations++;
          switch (step.op) {
            case 'set':
              set.add(step.key);
              model.add(step.key);
              break;
            case 'delete':
              same(set.delete(step.key), model.delete(step.key));
              break;
            case 'get':
              same(set.has(step.key), model.has(step.key));
              break;
            case 'clear':
              set.clear();
              model.clear();
              break;
          }
          same(set.size, model.size);
        }
        expect([...set].sort((a, b) => a - b)).toEqual([...model].sort((a, b) => a - b));
      }),
      { numRuns: 70 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('names bad arguments', () => {
    expect(() => new IntHashSet({ capacity: -2 })).toThrow(
      'IntHashSet capacity must be a non-negative integer, got -2',
    );
    expect(() => new IntHashSet().add(Number.NaN)).toThrow('IntHashSet keys must be int32 integers, got NaN');
  });
});
