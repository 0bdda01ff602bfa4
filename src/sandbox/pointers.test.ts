import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceBuffer } from '../trace/index.js';
import {
  type ElementType,
  f32,
  f64,
  i8,
  i16,
  i32,
  i64,
  type Pointer,
  ptr,
  Sandbox,
  type StructShape,
  struct,
  u8,
  u16,
  u32,
  u64,
} from './index.js';

const SMALL = { sizeBytes: 1 << 20, stackBytes: 64 * 1024, guardBytes: 4096, staticBytes: 4096 } as const;

/** Element types with a DataView reader that is the obviously-correct model of a little-endian load. */
const SCALARS: readonly [
  ElementType,
  (view: DataView, at: number) => number | bigint,
  (n: number) => number | bigint,
][] = [
  [i8, (v, a) => v.getInt8(a), (n) => (n << 24) >> 24],
  [u8, (v, a) => v.getUint8(a), (n) => n & 0xff],
  [i16, (v, a) => v.getInt16(a, true), (n) => (n << 16) >> 16],
  [u16, (v, a) => v.getUint16(a, true), (n) => n & 0xffff],
  [i32, (v, a) => v.getInt32(a, true), (n) => n | 0],
  [u32, (v, a) => v.getUint32(a, true), (n) => n >>> 0],
  [f32, (v, a) => v.getFloat32(a, true), (n) => Math.fround(n / 7)],
  [f64, (v, a) => v.getFloat64(a, true), (n) => n / 7],
  [i64, (v, a) => v.getBigInt64(a, true), (n) => BigInt(n) * -3n],
  [u64, (v, a) => v.getBigUint64(a, true), (n) => BigInt(n >>> 0) * 5n],
];

interface Accessible extends Pointer {
  at(index: number): number | bigint;
  setAt(index: number, value: never): void;
  deref(): number | bigint;
  set(value: never): void;
}

describe.each(SCALARS)('%o pointers', (type, read, value) => {
  it.each([
    ['sanitizer on (checked path)', true],
    ['sanitizer off (view fast path)', false],
  ])(
    'at/setAt agree with DataView little-endian access for aligned and unaligned addresses, %s',
    (_what, sanitize) => {
      const sb = new Sandbox({ ...SMALL, sanitize });
      const block = sb.malloc(64 * 8 + 8);
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 63 }),
          fc.integer({ min: 0, max: 7 }),
          fc.integer(),
          (index, skew, n) => {
            const p = block.add(skew).cast(type) as unknown as Accessible;
            const v = value(n);
            p.setAt(index, v as never);
            const at = p.address + index * type.sizeBytes;
            expect(read(sb.memory.view, at)).toEqual(v);
            expect(p.at(index)).toEqual(v);
            expect((p.add(index) as Accessible).deref()).toEqual(v);
            expect((p.add(index) as Accessible).at(-index)).toEqual(read(sb.memory.view, p.address));
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});

describe('pointer arithmetic', () => {
  it('add scales by element size; diff, compare, equals, cast, isNull and hex toString', () => {
    const sb = new Sandbox(SMALL);
    const base = sb.malloc(168).cast(i32);
    const third = base.add(3);
    expect(third.address - base.address).toBe(12);
    expect(third.diff(base)).toBe(3);
    expect(base.diff(third)).toBe(-3);
    expect(base.compare(third)).toBeLessThan(0);
    expect(third.equals(base.add(3))).toBe(true);
    expect(third.cast(u8).add(1).address).toBe(third.address + 1);
    expect(() => third.cast(u8).add(1).cast(i32).diff(base)).toThrow(/not a multiple of 4/);
    expect(() => third.diff(third.cast(u8))).toThrow(/cannot subtract/);
    expect(sb.nullPointer(f64).isNull()).toBe(true);
    expect(base.toString()).toBe(`0x${base.address.toString(16).padStart(8, '0')}`);
  });

  it('pointers stored in memory (void**) round-trip and follow', () => {
    const sb = new Sandbox(SMALL);
    const slot = sb.malloc(8).cast(ptr);
    const target = sb.malloc(4).cast(i32);
    target.set(99);
    slot.set(target.address);
    expect(sb.pointer(i32, slot.deref()).deref()).toBe(99);
  });
});

describe('struct pointers', () => {
  /** A tiny stand-in for collections' StructLayout: struct { i32 id; f64 score; } (16 bytes). */
  const layout: StructShape = {
    name: 'Entry',
    sizeOf: 16,
    alignOf: 8,
    offsetOf: (name) => {
      const offsets: Record<string, number> = { id: 0, score: 8 };
      const offset = offsets[name];
      if (offset === undefined) throw new RangeError(`no field ${name}`);
      return offset;
    },
  };
  const entry = struct(layout);

  it('stride by sizeOf and address fields by offsetOf', () => {
    const sb = new Sandbox(SMALL);
    const entries = sb.mallocArray(entry, 3);
    for (let i = 0; i < 3; i++) {
      entries
        .at(i)
        .field('id', i32)
        .set(i + 1);
      entries
        .at(i)
        .field('score', f64)
        .set(i * 1.5);
    }
    expect(entries.add(2).address - entries.address).toBe(32);
    expect(sb.memory.view.getInt32(entries.address + 16, true)).toBe(2);
    expect(entries.at(2).field('score', f64).deref()).toBe(3);
    expect(() => entries.at(3).field('id', i32).deref()).toThrow(/heap-buffer-overflow/);
    expect(() => entries.field('nope', i32)).toThrow(/no field nope/);
  });

  it('rejects impossible layouts', () => {
    expect(() => struct({ ...layout, sizeOf: 0 })).toThrow(/sizeOf/);
    expect(() => struct({ ...layout, alignOf: 3 })).toThrow(/alignOf/);
  });
});

describe('stack frames', () => {
  it('locals live in their frame, are aligned, and leave() pops LIFO', () => {
    const sb = new Sandbox(SMALL);
    const outer = sb.enter('outer');
    const x = outer.local(f64, 1, 'x');
    expect(x.address % 8).toBe(0);
    expect(x.address).toBeGreaterThanOrEqual(sb.layout.stackLimit);
    {
      using inner = sb.enter('inner');
      inner.alloca(100).cast(u8).setAt(99, 1);
      expect(() => outer.local(i32)).toThrow(/not the innermost frame/);
      expect(() => outer.leave()).toThrow(/not the innermost frame/);
    }
    x.set(2.5);
    expect(x.deref()).toBe(2.5);
    outer.leave();
    expect(sb.stack.sp).toBe(sb.stack.top);
    expect(() => outer.leave()).toThrow(/already returned/);
  });

  it('the default stack is 1 MiB and configurable', () => {
    const sb = new Sandbox();
    expect(sb.layout.sizeBytes - sb.layout.stackLimit).toBe(1024 * 1024);
    const small = new Sandbox({ ...SMALL, stackBytes: 4096 });
    expect(small.layout.sizeBytes - small.layout.stackLimit).toBe(4096);
  });
});

describe('unwatched pointers (sanitizer off) and tracing', () => {
  it('a sink attached after a pointer was made still sees its accesses, of every width', () => {
    const sb = new Sandbox({ ...SMALL, sanitize: false });
    const block = sb.malloc(64);
    const pointers = [block.cast(u8), block.cast(i16).add(1), block.cast(f32).add(2), block.cast(f64).add(2)];
    const trace = new TraceBuffer();
    sb.trace(trace);
    for (const p of pointers as Accessible[]) {
      p.set(3 as never);
      expect(p.at(0)).toBe(3);
    }
    sb.trace(null);
    for (const p of pointers as Accessible[]) p.deref();
    const chunk = trace.toChunk();
    expect([...chunk.addresses]).toEqual(pointers.flatMap((p) => [p.address, p.address]));
    expect([...chunk.sizes]).toEqual(pointers.flatMap((p) => [p.elementBytes, p.elementBytes]));
    expect([...chunk.kinds]).toEqual(pointers.flatMap(() => [1, 0]));
  });

  it('a pointer made while traced keeps working, untraced, once the sink is detached', () => {
    const sb = new Sandbox({ ...SMALL, sanitize: false });
    const trace = new TraceBuffer();
    sb.trace(trace);
    const p = sb.mallocArray(i32, 4);
    p.setAt(3, -7);
    sb.trace(null);
    expect(p.at(3)).toBe(-7);
    expect(p.add(3).deref()).toBe(-7);
    expect(trace.length).toBe(1);
  });

  it('non-integer indexes throw; the last word of the space is reachable', () => {
    const sb = new Sandbox({ ...SMALL, sanitize: false });
    const p = sb.mallocArray(i32, 4);
    expect(() => p.at(1.5)).toThrow(/index must be an integer/);
    expect(() => p.setAt(Number.NaN, 1)).toThrow(/index must be an integer/);
    const last = sb.pointer(i32, SMALL.sizeBytes - 4);
    last.set(11);
    expect(last.at(0)).toBe(11);
    expect(sb.memory.view.getInt32(SMALL.sizeBytes - 4, true)).toBe(11);
  });
});
