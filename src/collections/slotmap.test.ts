import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind, TraceBuffer } from '../trace/index.js';
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

  it('traced: same answers as untraced, every access inside the laid-out arrays', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { minLength: 20, maxLength: 200 }), (ops) => {
        const trace = new TraceBuffer();
        const traced = new SlotMap<number>(2, { trace, baseAddress: 8 });
        const plain = new SlotMap<number>(2);
        const handles: SlotHandle[] = [];
        for (const step of ops) {
          const handle =
            handles.length === 0 ? undefined : handles['pick' in step ? step.pick % handles.length : 0]!;
          if (step.op === 'insert') {
            const h = traced.insert(step.value);
            expect(plain.insert(step.value)).toBe(h);
            handles.push(h);
          } else if (step.op === 'clear') {
            traced.clear();
            plain.clear();
          } else if (handle !== undefined) {
            expect(traced.has(handle)).toBe(plain.has(handle));
            if (!plain.has(handle)) continue;
            if (step.op === 'get') expect(traced.get(handle)).toBe(plain.get(handle));
            if (step.op === 'remove') expect(traced.remove(handle)).toBe(plain.remove(handle));
            if (step.op === 'set') {
              traced.set(handle, step.value);
              plain.set(handle, step.value);
            }
          }
        }
        expect([...traced]).toEqual([...plain]);
        // Upper bound of the layout: slot arrays (13 B per slot), then two dense arrays (≤ 16 B per position, + alignment).
        const slotCapacity = 2 ** Math.ceil(Math.log2(Math.max(2, handles.length)));
        const end = 8 + 13 * slotCapacity + 8 + 16 * slotCapacity + 8;
        for (let k = 0; k < trace.length; k++) {
          expect(trace.addresses[k]! >= 8 && trace.addresses[k]! + trace.sizes[k]! <= end).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('traced: lookups read occupied, version and dense position, then the value', () => {
    const trace = new TraceBuffer();
    // 4 slots: versions 0..31, slotToDense 32..47, occupied 48..51; denseToSlot 56..71, values 72..
    const map = new SlotMap<string>(4, { trace });
    const a = map.insert('a');
    const { Load, Store } = AccessKind;
    const recorded = () =>
      Array.from({ length: trace.length }, (_, k) => [trace.addresses[k], trace.sizes[k], trace.kinds[k]]);
    expect(recorded()).toEqual([
      [0, 8, Store], // versions[0] = 1 (a fresh slot)
      [72, 8, Store], // values[0]
      [56, 4, Store], // denseToSlot[0]
      [32, 4, Store], // slotToDense[0]
      [48, 1, Store], // occupied[0]
      [0, 8, Load], // versions[0], for the handle
    ]);
    trace.clear();
    map.get(a);
    expect(recorded()).toEqual([
      [48, 1, Load],
      [0, 8, Load],
      [32, 4, Load],
      [72, 8, Load],
    ]);
    expect(() => new SlotMap(4, { baseAddress: 0.5 })).toThrow('baseAddress must be a non-negative');
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
