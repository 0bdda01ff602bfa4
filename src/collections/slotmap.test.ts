import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handleIndex, handleVersion, MAX_SLOT_VERSION, type SlotHandle, SlotMap } from './index.js';

const opArbitrary = fc.oneof(
  { weight: 40, arbitrary: fc.record({ op: fc.constant('insert' as const), value: fc.integer() }) },
  { weight: 30, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 30, arbitrary: fc.record({ op: fc.constant('get' as const), pick: fc.nat() }) },
  {
    weight: 10,
    arbitrary: fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: fc.integer() }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clear' as const) }) },
);

function same(actual: unknown, expected: unknown): void {
  if (!Object.is(actual, expected)) expect(actual).toBe(expected);
}

describe('SlotMap against Map, with stale handles', () => {
  it('agrees on random insert/remove/get/set/clear, rejecting every stale handle', () => {
    let operations = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(1, 4, 64),
        fc.array(opArbitrary, { minLength: 150, maxLength: 400 }),
        (slots, ops) => {
          const map = new SlotMap<number>(slots);
          const model = new Map<SlotHandle, number>();
          const issued: SlotHandle[] = [];
          for (const step of ops) {
            operations++;
            const handle =
              issued.length === 0 || step.op === 'insert' || step.op === 'clear'
                ? undefined
                : issued[step.pick % issued.length]!;
            switch (step.op) {
              case 'insert': {
                const fresh = map.insert(step.value);
                // A handle is never issued twice: versions only grow.
                if (issued.includes(fresh)) expect(issued).not.toContain(fresh);
                issued.push(fresh);
                model.set(fresh, step.value);
                break;
              }
              case 'remove':
                if (handle === undefined) break;
                if (model.has(handle)) {
                  same(map.remove(handle), model.get(handle));
                  model.delete(handle);
                } else {
                  expect(() => map.remove(handle)).toThrow('stale handle: slot');
                }
                break;
              case 'get':
                if (handle === undefined) break;
                same(map.has(handle), model.has(handle));
                same(map.tryGet(handle), model.get(handle));
                if (model.has(handle)) same(map.get(handle), model.get(handle));
                else
                  expect(() => map.get(handle)).toThrow(
                    /^stale handle: slot \d+ is at version \d+, handle has version \d+$/,
                  );
                break;
              case 'set':
                if (handle === undefined) break;
                if (model.has(handle)) {
                  map.set(handle, step.value);
                  model.set(handle, step.value);
                } else {
                  expect(() => map.set(handle, step.value)).toThrow(RangeError);
                }
                break;
              case 'clear':
                map.clear();
                model.clear();
                break;
            }
            same(map.size, model.size);
          }
          expect([...map].sort((a, b) => a[0] - b[0])).toEqual([...model].sort((a, b) => a[0] - b[0]));
          expect([...map.values].sort((a, b) => a - b)).toEqual([...model.values()].sort((a, b) => a - b));
        },
      ),
      { numRuns: 70 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('packs slot index in the low 24 bits and the version above, and words the stale error', () => {
    const map = new SlotMap<string>();
    const a = map.insert('a');
    expect([handleIndex(a), handleVersion(a)]).toEqual([0, 1]);
    map.remove(a);
    const b = map.insert('b'); // reuses slot 0 at version 2
    expect([handleIndex(b), handleVersion(b)]).toEqual([0, 2]);
    expect(b).toBe(2 * 2 ** 24);
    expect(() => map.get(a)).toThrow('stale handle: slot 0 is at version 2, handle has version 1');
    expect(() => map.get(5 as SlotHandle)).toThrow('invalid handle 5: not a SlotMap handle');
    expect(() => map.get((2 ** 24 + 9) as SlotHandle)).toThrow('invalid handle: slot 9 was never allocated');
    expect(() => new SlotMap(0)).toThrow('SlotMap initialSlots must be an integer');
    expect(Number.isSafeInteger(MAX_SLOT_VERSION * 2 ** 24 + 2 ** 24 - 1)).toBe(true);
  });
});
