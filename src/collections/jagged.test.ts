import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Jagged } from './jagged.js';

type Op =
  | { kind: 'pushRow'; values: number[] }
  | { kind: 'get'; row: number; column: number }
  | { kind: 'set'; row: number; column: number; value: number }
  | { kind: 'row'; row: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc
    .array(fc.integer({ min: -999, max: 999 }), { maxLength: 9 })
    .map((values) => ({ kind: 'pushRow' as const, values })),
  fc.record({ kind: fc.constant('get' as const), row: fc.nat(12), column: fc.nat(6) }),
  fc.record({ kind: fc.constant('set' as const), row: fc.nat(12), column: fc.nat(6), value: fc.integer() }),
  fc.record({ kind: fc.constant('row' as const), row: fc.nat(12) }),
);

describe('Jagged against nested arrays', () => {
  it('random pushRow/get/set/row sequences (≥ 10^4 operations)', () => {
    let operations = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer(), { maxLength: 6 }), { maxLength: 6 }),
        fc.array(opArbitrary, { minLength: 50, maxLength: 150 }),
        (initial, ops) => {
          const jagged = Jagged.from(Int32Array, initial);
          const model = initial.map((row) => row.slice());
          for (const op of ops) {
            operations++;
            const row = model[op.kind === 'pushRow' ? 0 : op.row];
            if (op.kind === 'pushRow') {
              jagged.pushRow(op.values);
              model.push(op.values.slice());
            } else if (op.kind === 'row') {
              if (row === undefined) expect(() => jagged.row(op.row)).toThrow(RangeError);
              else expect(Array.from(jagged.row(op.row))).toEqual(row);
            } else if (row === undefined || op.column >= row.length) {
              const length = row === undefined ? model.length : row.length;
              const bad = row === undefined ? op.row : op.column;
              expect(() => jagged.get(op.row, op.column)).toThrow(
                `index ${bad} out of range for length ${length}`,
              );
            } else if (op.kind === 'get') {
              expect(jagged.get(op.row, op.column)).toBe(row[op.column]);
            } else {
              jagged.set(op.row, op.column, op.value);
              row[op.column] = new Int32Array([op.value])[0]!;
            }
            expect(jagged.rowCount).toBe(model.length);
          }
          expect(Array.from({ length: jagged.rowCount }, (_, r) => Array.from(jagged.row(r)))).toEqual(model);
          const columns = Math.max(0, ...model.map((row) => row.length));
          const padded = jagged.toPadded(-1);
          expect(padded.columns).toBe(columns);
          expect(Array.from(padded.data)).toEqual(
            model.flatMap((row) => [...row, ...new Array<number>(columns - row.length).fill(-1)]),
          );
          expect(padded.bytes).toBe(model.length * columns * 4);
          const elements = model.reduce((sum, row) => sum + row.length, 0);
          expect(jagged.bytesUsed()).toBe(elements * 4 + (model.length + 1) * 4);
          const offsets = [0];
          for (const row of model) offsets.push(offsets.at(-1)! + row.length);
          expect(Array.from(jagged.offsets())).toEqual(offsets);
        },
      ),
      { numRuns: 140 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('a failed pushRow leaves the array unchanged', () => {
    const jagged = Jagged.from(Float64Array, [[1, 2]]);
    expect(() => jagged.pushRow([3, 'x' as unknown as number])).toThrow(
      'Float64Array stores number values, got string',
    );
    expect(jagged.rowCount).toBe(1);
    expect(jagged.elementCount).toBe(2);
  });
});
