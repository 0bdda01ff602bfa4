import { describe, expect, it } from 'vitest';
import { TraceBuffer } from '../trace/index.js';
import {
  BadFreeError,
  DoubleFreeError,
  HeapBufferOverflowError,
  HeapUseAfterFreeError,
  hex,
  i32,
  NullDereferenceError,
  OutOfMemoryError,
  Sandbox,
  type SandboxError,
  StackBufferOverflowError,
  StackOverflowError,
  StackUseAfterReturnError,
  UninitializedReadError,
  UnmappedAccessError,
  u8,
} from './index.js';

const SMALL = { sizeBytes: 1 << 20, stackBytes: 64 * 1024, guardBytes: 4096, staticBytes: 4096 } as const;

function caught(action: () => unknown): SandboxError {
  try {
    action();
  } catch (error) {
    return error as SandboxError;
  }
  throw new Error('expected an error');
}

describe("the seed's pointer snippets", () => {
  it('integer_array[42] of 42 ints is a heap-buffer-overflow 0 bytes after the 168-byte region', () => {
    const sb = new Sandbox(SMALL);
    const integerArray = sb.malloc(42 * i32.sizeBytes).cast(i32);
    integerArray.setAt(41, 41);
    const error = caught(() => integerArray.setAt(42, 42));
    expect(error).toBeInstanceOf(HeapBufferOverflowError);
    expect(error.kind).toBe('heap-buffer-overflow');
    expect(error.address).toBe(integerArray.address + 168);
    expect(error.access).toBe('write');
    expect(error.accessBytes).toBe(4);
    expect(error.region).toMatchObject({ start: integerArray.address, sizeBytes: 168 });
    const start = hex(integerArray.address);
    const end = hex(integerArray.address + 168);
    expect(error.message).toContain(`heap-buffer-overflow on address ${end}`);
    expect(error.message).toContain(`WRITE of size 4 at ${end}`);
    expect(error.message).toContain(`${end} is located 0 bytes after 168-byte region [${start},${end})`);
    expect(error.message).toMatch(/allocated by thread T0 here:\n {4}at .*sandbox\.test\.ts/);
  });

  it('reading 4 bytes further is "4 bytes after"; one int before the start is "to the left of"', () => {
    const sb = new Sandbox(SMALL);
    const a = sb.malloc(168).cast(i32);
    expect(caught(() => a.at(43)).message).toContain('is located 4 bytes after 168-byte region');
    expect(caught(() => a.at(43)).message).toContain('READ of size 4');
    const before = caught(() => a.at(-1));
    expect(before).toBeInstanceOf(HeapBufferOverflowError);
    expect(before.message).toContain('is located 4 bytes to the left of 168-byte region');
  });

  it('free(integer_array) after integer_array = base + 3 is a bad-free 12 bytes inside the block', () => {
    const sb = new Sandbox(SMALL);
    const base = sb.malloc(42 * 4).cast(i32);
    const integerArray = base.add(3);
    expect(integerArray.address - base.address).toBe(12);
    const error = caught(() => sb.free(integerArray));
    expect(error).toBeInstanceOf(BadFreeError);
    expect(error.message).toContain(
      `attempting free on address which was not malloc()-ed: ${hex(base.address + 12)}`,
    );
    expect(error.message).toContain('12 bytes inside of 168-byte region');
    sb.free(base); // the block is still intact and freeable
    expect(sb.stats().liveBlocks).toBe(0);
  });

  it('use after free names both the free site and the allocation site', () => {
    const sb = new Sandbox(SMALL);
    const p = sb.malloc(168).cast(i32);
    sb.free(p);
    const error = caught(() => p.deref());
    expect(error).toBeInstanceOf(HeapUseAfterFreeError);
    expect(error.message).toMatch(/freed by thread T0 here:\n {4}at /);
    expect(error.message).toContain('previously allocated by thread T0 here:');
    expect(error.freeSite).not.toBeNull();
    expect(error.allocationSite).not.toBeNull();
  });

  it('double free is caught', () => {
    const sb = new Sandbox(SMALL);
    const p = sb.malloc(16);
    sb.free(p);
    expect(caught(() => sb.free(p))).toBeInstanceOf(DoubleFreeError);
  });

  it('a recursive frame loop overflows the stack at its guard', () => {
    const sb = new Sandbox(SMALL);
    let depth = 0;
    const recurse = (): void =>
      sb.call('recurse', (frame) => {
        depth++;
        frame.local(i32, 256, 'buffer').set(depth);
        recurse();
      });
    const error = caught(recurse);
    expect(error).toBeInstanceOf(StackOverflowError);
    expect(error.address).toBeLessThan(sb.layout.stackLimit);
    expect(depth).toBeGreaterThan(10);
    expect(depth).toBeLessThan((64 * 1024) / 1024 + 1);
    expect(sb.stack.frames).toHaveLength(0); // every frame popped while unwinding
    expect(sb.stack.sp).toBe(sb.stack.top);
  });

  it('returning a pointer to a local is a stack-use-after-return', () => {
    const sb = new Sandbox(SMALL);
    const escaped = sb.call('make_counter', (frame) => {
      const counter = frame.local(i32, 1, 'counter');
      counter.set(42);
      return counter;
    });
    const error = caught(() => escaped.deref());
    expect(error).toBeInstanceOf(StackUseAfterReturnError);
    expect(error.message).toContain("frame 'make_counter' (returned)");
    expect(error.message).toContain("'counter'");
  });

  it('an int local[4] written at [4] is a stack-buffer-overflow', () => {
    const sb = new Sandbox(SMALL);
    const error = caught(() =>
      sb.call('main', (frame) => {
        const local = frame.local(i32, 4, 'local');
        local.setAt(3, 1);
        local.setAt(4, 1);
      }),
    );
    expect(error).toBeInstanceOf(StackBufferOverflowError);
    expect(error.message).toContain('0 bytes after 16-byte region');
  });
});

describe('faults outside the heap', () => {
  it('NULL and the null page are null dereferences; guards and the heap reserve are unmapped', () => {
    const sb = new Sandbox(SMALL);
    expect(caught(() => sb.nullPointer(i32).deref())).toBeInstanceOf(NullDereferenceError);
    expect(caught(() => sb.pointer(u8, 4095).deref()).kind).toBe('null-dereference');
    expect(caught(() => sb.pointer(u8, sb.layout.heapStart - 1).deref())).toBeInstanceOf(UnmappedAccessError);
    expect(caught(() => sb.pointer(u8, sb.layout.heapLimit + 10).deref()).kind).toBe('unmapped-access');
    expect(caught(() => sb.pointer(u8, sb.layout.sizeBytes + 100).deref()).message).toContain('outside');
  });

  it('uninitialised reads are reported only when asked for', () => {
    const strict = new Sandbox({ ...SMALL, detectUninitialized: true });
    const p = strict.malloc(8).cast(i32);
    expect(caught(() => p.deref())).toBeInstanceOf(UninitializedReadError);
    p.set(1);
    expect(p.deref()).toBe(1);
    expect(strict.calloc(2, 4).cast(i32).at(1)).toBe(0);
    const lax = new Sandbox(SMALL);
    expect(lax.malloc(8).cast(i32).deref()).toBe(0);
  });
});

describe('log mode', () => {
  it('records each error, calls onError and goes on', () => {
    const seen: string[] = [];
    const sb = new Sandbox({ ...SMALL, errorMode: 'log', onError: (error) => seen.push(error.kind) });
    const p = sb.malloc(168).cast(i32);
    p.setAt(42, 7);
    sb.free(p.add(3));
    sb.free(p);
    sb.free(p);
    expect(seen).toEqual(['heap-buffer-overflow', 'bad-free', 'double-free']);
    expect(sb.errors.map((error) => error.kind)).toEqual(seen);
  });
});

describe('allocator', () => {
  it('returns 16-byte aligned blocks; alignedAlloc honours larger alignments', () => {
    const sb = new Sandbox(SMALL);
    for (const bytes of [0, 1, 15, 16, 17, 168, 1000, 5000]) expect(sb.malloc(bytes).address % 16).toBe(0);
    for (const align of [32, 64, 4096]) expect(sb.alignedAlloc(align, 100).address % align).toBe(0);
  });

  it('reuses freed space and coalesces neighbours (sanitizer off: immediately)', () => {
    const sb = new Sandbox({ ...SMALL, sanitize: false });
    const a = sb.malloc(100);
    const b = sb.malloc(100);
    const c = sb.malloc(100);
    sb.free(a);
    sb.free(b);
    const big = sb.malloc(200); // fits only in a + b merged
    expect(big.address).toBe(a.address);
    sb.free(big);
    sb.free(c);
    expect(sb.stats().heapBytes).toBe(0);
  });

  it('keeps freed blocks in quarantine until it exceeds its byte budget (FIFO)', () => {
    const sb = new Sandbox({ ...SMALL, quarantineBytes: 1024 });
    const first = sb.malloc(400);
    sb.free(first);
    expect(sb.stats().quarantinedBlocks).toBe(1);
    const second = sb.malloc(400);
    expect(second.address).not.toBe(first.address);
    sb.free(second);
    sb.free(sb.malloc(400)); // now over 1024 bytes: the oldest leaves quarantine
    expect(sb.stats().quarantinedBlocks).toBe(2);
    expect(caught(() => first.cast(u8).deref()).kind).toBe('heap-use-after-free'); // recycled, not reused: still freed
  });

  it('realloc keeps contents; with the sanitizer on it moves so the old pointer faults', () => {
    const sb = new Sandbox(SMALL);
    const p = sb.malloc(16).cast(i32);
    for (let i = 0; i < 4; i++) p.setAt(i, i * 10);
    const q = sb.realloc(p, 64).cast(i32);
    expect([0, 1, 2, 3].map((i) => q.at(i))).toEqual([0, 10, 20, 30]);
    expect(q.address).not.toBe(p.address);
    expect(caught(() => p.deref())).toBeInstanceOf(HeapUseAfterFreeError);
    expect(sb.realloc(q, 0).isNull()).toBe(true);
    expect(sb.realloc(null, 8).isNull()).toBe(false);
  });

  it('exhaustion returns NULL, or throws OutOfMemoryError when asked', () => {
    const sb = new Sandbox(SMALL);
    const capacity = sb.layout.heapLimit - sb.layout.heapStart;
    expect(sb.malloc(capacity).isNull()).toBe(true);
    const strict = new Sandbox({ ...SMALL, onExhaustion: 'throw' });
    expect(caught(() => strict.malloc(capacity))).toBeInstanceOf(OutOfMemoryError);
    expect(sb.calloc(capacity, capacity).isNull()).toBe(true);
  });

  it('statistics track live bytes, peak, free blocks and fragmentation', () => {
    const sb = new Sandbox({ ...SMALL, sanitize: false });
    const blocks = [100, 200, 300, 400].map((bytes) => sb.malloc(bytes));
    expect(sb.stats()).toMatchObject({ liveBytes: 1000, liveBlocks: 4, peakLiveBytes: 1000 });
    sb.free(blocks[0]!);
    sb.free(blocks[2]!);
    const stats = sb.stats();
    expect(stats).toMatchObject({ liveBytes: 600, peakLiveBytes: 1000, freeBlocks: 2 });
    expect(stats.fragmentation).toBeCloseTo(1 - stats.largestFreeBytes / stats.freeBytes);
    expect(stats.fragmentation).toBeGreaterThan(0);
  });
});

describe('invalid arguments give clear errors', () => {
  const sb = new Sandbox(SMALL);
  it.each([
    ['negative', -1],
    ['NaN', Number.NaN],
    ['non-integer', 1.5],
    ['larger than the space', 2 ** 40],
  ])('malloc(%s)', (_what, bytes) => {
    expect(() => sb.malloc(bytes)).toThrow(/malloc size must be an integer in \[0, \d+\], got/);
  });

  it('calloc, realloc, alignedAlloc, sizes and indexes', () => {
    expect(() => sb.calloc(-1, 4)).toThrow(/calloc count/);
    expect(() => sb.calloc(4, Number.NaN)).toThrow(/calloc size/);
    expect(() => sb.realloc(null, 0.5)).toThrow(/realloc size/);
    expect(() => sb.alignedAlloc(24, 8)).toThrow(/power of two, got 24/);
    expect(() => sb.malloc(8).cast(i32).at(Number.NaN)).toThrow(/index must be an integer/);
    expect(() => sb.malloc(8).cast(i32).add(0.5)).toThrow(/pointer offset must be an integer/);
    expect(() => sb.pointer(i32, -4)).toThrow(/address must be an integer/);
    expect(() => new Sandbox({ sizeBytes: 1000 })).toThrow(/sizeBytes must be an integer in/);
    expect(() => new Sandbox({ sizeBytes: 2 ** 33 })).toThrow(/sizeBytes/);
    expect(() => new Sandbox({ sizeBytes: 1 << 20, stackBytes: 1 << 20 })).toThrow(/leaves .* bytes of heap/);
    expect(() => sb.enter('f').local(i32, 0)).toThrow(/positive integer element count/);
  });
});

describe('tracing', () => {
  it('streams every load and store as (address, size, kind), and nothing once detached', () => {
    const sb = new Sandbox(SMALL);
    const trace = new TraceBuffer();
    const p = sb.malloc(16).cast(i32);
    sb.trace(trace);
    p.set(1);
    p.at(1);
    sb.trace(null);
    p.at(2);
    expect(trace.length).toBe(2);
    expect([...trace.toChunk().addresses]).toEqual([p.address, p.address + 4]);
    expect([...trace.toChunk().sizes]).toEqual([4, 4]);
    expect([...trace.toChunk().kinds]).toEqual([1, 0]);
  });
});

describe('sanitizer off', () => {
  it('runs the same program without checks (errors are undefined behaviour)', () => {
    const sb = new Sandbox({ ...SMALL, sanitize: false });
    const p = sb.malloc(168).cast(i32);
    p.setAt(42, 5); // silently writes the next chunk's header area: C without ASan
    expect(p.at(42)).toBe(5);
    expect(sb.memory.shadow.length).toBe(0);
    expect(() => sb.free(p.add(3))).toThrow(BadFreeError); // boundary tags still catch misaligned frees
  });
});
