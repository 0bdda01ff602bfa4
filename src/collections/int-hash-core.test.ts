import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceBuffer, type TraceChunk } from '../trace/index.js';
import { deleteKey, probeSlot, probeSlotTraced, reinsertAll, shiftFor } from './int-hash-core.js';

const SLOTS = 16; // small, so probe runs are long and wrap around the end of the table
const MAX_KEYS = 13;
const keyArbitrary = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).filter((key) => key !== 0);
// Operations draw their keys from a small pool, so that deletes mostly hit keys that are present.
const opsArbitrary = fc
  .tuple(
    fc.uniqueArray(keyArbitrary, { minLength: 20, maxLength: 20 }),
    fc.array(fc.record({ insert: fc.boolean(), pick: fc.nat(19) }), { minLength: 60, maxLength: 150 }),
  )
  .map(([pool, ops]) => ops.map(({ insert, pick }) => ({ insert, key: pool[pick]! })));

/** Inserts `key` with value `2 * key` unless present or the table is at MAX_KEYS; returns the new count. */
function insert(keys: Int32Array, values: Float64Array | null, key: number, count: number): number {
  const slot = probeSlot(keys, key, shiftFor(keys.length), keys.length - 1);
  if (keys[slot] !== 0 || count >= MAX_KEYS) return count;
  keys[slot] = key;
  if (values !== null) values[slot] = 2 * key;
  return count + 1;
}

/** Linear probing's invariant: no empty slot between any key's home slot and the slot it is in. */
function expectReachable(keys: Int32Array): void {
  const mask = keys.length - 1;
  const shift = shiftFor(keys.length);
  keys.forEach((key, slot) => {
    if (key === 0) return;
    for (let probe = Math.imul(key, 0x9e3779b1 | 0) >>> shift; probe !== slot; probe = (probe + 1) & mask) {
      if (keys[probe] === 0)
        expect.fail(`key ${key} at slot ${slot} is cut off from its home by slot ${probe}`);
    }
  });
}

function events(chunk: TraceChunk): string[] {
  return Array.from(
    { length: chunk.length },
    (_, i) => `${chunk.kinds[i]}@${chunk.addresses[i]}/${chunk.sizes[i]}`,
  );
}

describe('int-hash-core', () => {
  it('deletes by backward shift: keys stay reachable, values move with their keys, the rest agrees with a Set', () => {
    fc.assert(
      fc.property(opsArbitrary, (ops) => {
        const keys = new Int32Array(SLOTS);
        const values = new Float64Array(SLOTS);
        const model = new Set<number>();
        let count = 0;
        for (const { insert: isInsert, key } of ops) {
          if (isInsert) {
            count = insert(keys, values, key, count);
            if (model.size < MAX_KEYS) model.add(key);
          } else {
            const found = deleteKey(keys, values, key, shiftFor(SLOTS), SLOTS - 1, null, 0, 0);
            expect(found).toBe(model.delete(key));
            if (found) count--;
          }
          expectReachable(keys);
        }
        expect(count).toBe(model.size);
        for (const key of model) {
          const slot = probeSlot(keys, key, shiftFor(SLOTS), SLOTS - 1);
          expect(keys[slot]).toBe(key);
          expect(values[slot]).toBe(2 * key);
        }
      }),
    );
  });

  it('traces the same key accesses with and without values; with values, each move adds its value load and store', () => {
    fc.assert(
      fc.property(opsArbitrary, (ops) => {
        const mapKeys = new Int32Array(SLOTS);
        const values = new Float64Array(SLOTS);
        const setKeys = new Int32Array(SLOTS);
        const mapTrace = new TraceBuffer();
        const setTrace = new TraceBuffer();
        const valuesAddress = 0x1000;
        let mapCount = 0;
        let setCount = 0;
        for (const { insert: isInsert, key } of ops) {
          if (isInsert) {
            mapCount = insert(mapKeys, values, key, mapCount);
            setCount = insert(setKeys, null, key, setCount);
            continue;
          }
          const shift = shiftFor(SLOTS);
          deleteKey(mapKeys, values, key, shift, SLOTS - 1, mapTrace, 0, valuesAddress);
          deleteKey(setKeys, null, key, shift, SLOTS - 1, setTrace, 0, valuesAddress);
        }
        expect(mapKeys).toEqual(setKeys);
        const mapEvents = events(mapTrace.toChunk());
        const valueEvents = mapEvents.filter((event) => event.endsWith('/8'));
        expect(mapEvents.filter((event) => event.endsWith('/4'))).toEqual(events(setTrace.toChunk()));
        // Every value access is inside the values array, and loads and stores come in pairs.
        for (const event of valueEvents) {
          const address = Number(event.split('@')[1]!.split('/')[0]);
          expect(address >= valuesAddress && address < valuesAddress + SLOTS * 8).toBe(true);
        }
        expect(valueEvents.length % 2).toBe(0);
      }),
    );
  });

  it('probes traced exactly as untraced, one key load per probed slot, stopping at the key or an empty slot', () => {
    fc.assert(
      fc.property(fc.array(keyArbitrary, { maxLength: MAX_KEYS }), keyArbitrary, (present, probe) => {
        const keys = new Int32Array(SLOTS);
        let count = 0;
        for (const key of present) count = insert(keys, null, key, count);
        const trace = new TraceBuffer();
        const slot = probeSlot(keys, probe, shiftFor(SLOTS), SLOTS - 1);
        expect(probeSlotTraced(keys, probe, shiftFor(SLOTS), SLOTS - 1, trace, 64)).toBe(slot);
        expect(keys[slot] === probe || keys[slot] === 0).toBe(true);
        expect(keys[slot] === probe).toBe(keys.includes(probe));
        const chunk = trace.toChunk();
        const home = Math.imul(probe, 0x9e3779b1 | 0) >>> shiftFor(SLOTS);
        expect(chunk.length).toBe(((slot - home) & (SLOTS - 1)) + 1);
        expect(chunk.addresses[chunk.length - 1]).toBe(64 + slot * 4);
      }),
    );
  });

  it('reinserts every entry into a larger table, values with their keys', () => {
    fc.assert(
      fc.property(fc.array(keyArbitrary, { maxLength: MAX_KEYS }), (present) => {
        const keys = new Int32Array(SLOTS);
        const values = new Float64Array(SLOTS);
        let count = 0;
        for (const key of present) count = insert(keys, values, key, count);
        const bigKeys = new Int32Array(4 * SLOTS);
        const bigValues = new Float64Array(4 * SLOTS);
        const shift = shiftFor(4 * SLOTS);
        reinsertAll(keys, values, bigKeys, bigValues, shift, 4 * SLOTS - 1);
        expectReachable(bigKeys);
        expect(bigKeys.filter((key) => key !== 0).sort()).toEqual(keys.filter((key) => key !== 0).sort());
        for (const key of keys) {
          if (key === 0) continue;
          expect(bigValues[probeSlot(bigKeys, key, shift, 4 * SLOTS - 1)]).toBe(2 * key);
        }
      }),
    );
  });
});
