import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccessKind, TraceBuffer } from '../../trace/index.js';
import { defineStruct, formatStructLayout, StructArray, StructOfArrays } from '../index.js';

const myStructFields = [
  { name: 'first', type: 'i16' },
  { name: 'second', type: 'i32' },
] as const;

describe('defineStruct', () => {
  it("lays out the text's { short first; int second; } as 8 B padded and 6 B packed", () => {
    const padded = defineStruct('my_struct', myStructFields);
    const packed = defineStruct('my_struct', myStructFields, { packed: true });
    expect([padded.sizeOf, padded.alignOf, padded.offsetOf('second')]).toEqual([8, 4, 4]);
    expect(padded.holes).toEqual([{ offset: 2, sizeBytes: 2, afterField: 'first' }]);
    expect([packed.sizeOf, packed.alignOf, packed.offsetOf('second')]).toEqual([6, 1, 2]);
    expect(packed.holes).toEqual([]);
  });

  it('rounds the size up to the alignment (tail padding) and nests structs', () => {
    const inner = defineStruct('inner', [
      { name: 'd', type: 'f64' },
      { name: 'c', type: 'u8' },
    ]);
    expect([inner.sizeOf, inner.alignOf, inner.tailPaddingBytes, inner.paddingBytes]).toEqual([16, 8, 7, 7]);
    const outer = defineStruct('outer', [
      { name: 'tag', type: 'u8' },
      { name: 'items', type: inner, count: 3 },
      { name: 'n', type: 'u16', count: 3 },
    ]);
    expect(outer.offsetOf('items')).toBe(8);
    expect(outer.offsetOf('items[2].c')).toBe(8 + 32 + 8);
    expect(outer.offsetOf('n')).toBe(56);
    expect(outer.resolve('n')).toEqual({ offset: 56, type: 'u16', count: 3 });
    expect(outer.resolve('n[1]')).toEqual({ offset: 58, type: 'u16', count: 1 });
    expect(outer.sizeOf).toBe(64);
  });

  it('names the problem in bad declarations', () => {
    expect(() => defineStruct('s', [])).toThrow('struct s needs at least one field');
    expect(() =>
      defineStruct('s', [
        { name: 'a', type: 'i8' },
        { name: 'a', type: 'i8' },
      ]),
    ).toThrow("duplicate field name 'a'");
    expect(() => defineStruct('s', [{ name: 'a', type: 'i128' as 'i8' }])).toThrow('unknown type "i128"');
    expect(() => defineStruct('s', [{ name: 'a', type: 'i8', count: 0 }])).toThrow(
      'count must be an integer >= 1',
    );
    expect(() => defineStruct('2s', [{ name: 'a', type: 'i8' }])).toThrow('C identifier');
    const s = defineStruct('s', [{ name: 'a', type: 'i8', count: 2 }]);
    expect(() => s.offsetOf('b')).toThrow("struct s has no field 'b' (fields: a)");
    expect(() => s.offsetOf('a[2]')).toThrow("index 2 out of range for 'a[2]'");
    expect(() => s.offsetOf('a.x')).toThrow("'a' is not a struct");
  });
});

describe('formatStructLayout', () => {
  it('shows holes, padding and cache-line boundaries like pahole', () => {
    const text = formatStructLayout(defineStruct('my_struct', myStructFields));
    expect(text).toContain('/* XXX 2 bytes hole */');
    expect(text).toContain('/* size: 8, cachelines: 1, members: 2 */');
    expect(text).toMatch(/int32_t\s+second;\s+\/\*\s+4\s+4 \*\//);

    const big = defineStruct('big', [
      { name: 'head', type: 'u8' },
      { name: 'body', type: 'f64', count: 7 },
      { name: 'tail', type: 'u32' },
    ]);
    const lines = formatStructLayout(big).split('\n');
    const boundary = lines.indexOf('\t/* --- cacheline 1 boundary (64 bytes) --- */');
    expect(boundary).toBeGreaterThan(0);
    expect(lines[boundary + 1]).toMatch(/uint32_t\s+tail;\s+\/\*\s+64\s+4 \*\//);
    expect(lines).toContain('\t/* XXX 7 bytes hole */');
    expect(lines).toContain('\t/* padding: 4 */');
    expect(lines).toContain('\t/* last cacheline: 8 bytes */');

    const straddle = formatStructLayout(
      defineStruct(
        's',
        [
          { name: 'a', type: 'u8', count: 60 },
          { name: 'b', type: 'u8', count: 8 },
        ],
        {
          packed: true,
        },
      ),
    );
    expect(straddle).toContain('/* --- cacheline 1 boundary (64 bytes) was 4 bytes ago --- */');
    expect(straddle).toContain('} __attribute__((__packed__));');
  });
});

const record = defineStruct('record', [
  { name: 'flag', type: 'u8' },
  { name: 'id', type: 'i64' },
  {
    name: 'pos',
    type: defineStruct('vec2', [
      { name: 'x', type: 'f32' },
      { name: 'y', type: 'f32' },
    ]),
  },
  { name: 'hist', type: 'i16', count: 3 },
  { name: 'mass', type: 'f64' },
]);

const writeArbitrary = fc.record({
  index: fc.nat({ max: 19 }),
  field: fc.constantFrom('flag', 'id', 'pos.x', 'pos.y', 'hist[0]', 'hist[2]', 'mass'),
  raw: fc.integer({ min: -200, max: 200 }),
});

function valueFor(field: string, raw: number): number | bigint {
  if (field === 'flag') return raw & 0xff;
  if (field === 'id') return BigInt(raw) * 1_000_000_007n;
  if (field.startsWith('pos')) return Math.fround(raw / 8);
  return field === 'mass' ? raw / 3 : raw;
}

describe('StructArray and StructOfArrays', () => {
  it('agree with a Map model over random writes, and with each other', () => {
    let operations = 0;
    fc.assert(
      fc.property(fc.array(writeArbitrary, { minLength: 170, maxLength: 250 }), (writes) => {
        operations += writes.length;
        const aos = new StructArray(record, 20);
        const soa = new StructOfArrays(record, 20);
        const model = new Map<string, number | bigint>();
        for (const { index, field, raw } of writes) {
          const value = valueFor(field, raw);
          aos.set(index, field, value);
          soa.set(index, field.replace(/\[(\d)\]$/, ''), value, Number(/\[(\d)\]$/.exec(field)?.[1] ?? 0));
          model.set(`${index}/${field}`, value);
        }
        for (const [key, value] of model) {
          const [index, field] = key.split('/') as [string, string];
          expect(aos.get(Number(index), field)).toEqual(value);
        }
        const copy = StructOfArrays.fromStructArray(aos);
        for (const column of copy.columns) expect(column.values).toEqual(soa.column(column.path).values);
      }),
      { numRuns: 60 },
    );
    expect(operations).toBeGreaterThanOrEqual(10_000);
  });

  it('stores fields little endian at i * sizeOf + offsetOf', () => {
    const array = new StructArray(record, 4, {
      buffer: new ArrayBuffer(16 + 4 * record.sizeOf),
      byteOffset: 16,
    });
    array.set(2, 'hist[1]', 0x1234);
    const bytes = new Uint8Array(array.buffer);
    const at = 16 + 2 * record.sizeOf + record.offsetOf('hist[1]');
    expect([bytes[at], bytes[at + 1]]).toEqual([0x34, 0x12]);
    expect(array.numberField('hist').get(2, 1)).toBe(0x1234);
    expect(array.bigintField('id').get(2)).toBe(0n);
  });

  it('emits one trace access per field access at baseAddress + byte offset', () => {
    const trace = new TraceBuffer();
    const array = new StructArray(record, 4, { trace, baseAddress: 0x1000 });
    const mass = array.numberField('mass');
    mass.set(3, 1.5);
    mass.get(3);
    const address = 0x1000 + 3 * record.sizeOf + record.offsetOf('mass');
    expect(Array.from(trace.toChunk().addresses)).toEqual([address, address]);
    expect(Array.from(trace.toChunk().sizes)).toEqual([8, 8]);
    expect(Array.from(trace.toChunk().kinds)).toEqual([AccessKind.Store, AccessKind.Load]);
  });

  it('names out-of-range indices and wrong value types', () => {
    const array = new StructArray(record, 4);
    expect(() => array.get(4, 'mass')).toThrow('struct record index 4 out of range [0, 4)');
    expect(() => array.numberField('hist').get(0, 3)).toThrow("element 3 out of range for 'hist[3]'");
    expect(() => array.set(0, 'id', 1)).toThrow("'id' takes a bigint, got number");
    expect(() => array.numberField('id')).toThrow('use bigintField');
    expect(() => new StructArray(record, -1)).toThrow('length must be a non-negative integer, got -1');
    expect(() => new StructArray(record, 4, { buffer: new ArrayBuffer(8) })).toThrow('buffer has 8');
    const soa = new StructOfArrays(record, 2);
    expect(() => soa.get(2, 'mass')).toThrow('index 2 out of range [0, 2)');
    expect(() => soa.column('pos')).toThrow("no scalar leaf 'pos'");
  });
});
