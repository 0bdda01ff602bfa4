import { describe, expect, it } from 'vitest';
import { AccessKind, TraceBuffer } from '../trace/index.js';
import { amat } from './amat.js';
import { CacheHierarchy } from './hierarchy.js';
import type { HierarchyConfig, LevelConfig } from './types.js';

const LINE = 64;
const level = (name: string, sets: number, ways: number, extra: Partial<LevelConfig> = {}): LevelConfig => ({
  name,
  sizeBytes: sets * ways * LINE,
  ways,
  lineBytes: LINE,
  ...extra,
});

describe('CacheHierarchy', () => {
  it('does what its documentation example says', () => {
    const cache = new CacheHierarchy({ levels: [{ name: 'L1d', sizeBytes: 32768, ways: 8, lineBytes: 64 }] });
    cache.access(0x1000, 8, AccessKind.Load); // miss
    cache.access(0x1008, 8, AccessKind.Load); // hit
    expect(cache.stats().levels[0]!.misses).toBe(1);
    expect(cache.stats().levels[0]!.hits).toBe(1);
  });

  it('picks its engine once: fast LRU kernel, general path or cachegrind', () => {
    expect(new CacheHierarchy({ levels: [level('L1d', 4, 2)] }).path).toBe('lru-wasm');
    expect(new CacheHierarchy({ levels: [level('L1d', 4, 2)] }, { wasm: false }).path).toBe('lru-fast');
    expect(new CacheHierarchy({ levels: [level('L1d', 4, 2, { policy: 'fifo' })] }).path).toBe('general');
    expect(new CacheHierarchy({ levels: [level('L1d', 4, 2)], classifyMisses: true }).path).toBe('general');
    expect(new CacheHierarchy({ levels: [level('L1d', 4, 2, { writePolicy: 'write-through' })] }).path).toBe(
      'general',
    );
  });

  for (const fastPath of [true, false]) {
    it(`counts write-backs of dirty lines to the next level (${fastPath ? 'fast' : 'general'} path)`, () => {
      const cache = new CacheHierarchy({ levels: [level('L1d', 1, 1), level('L2', 4, 4)] }, { fastPath });
      cache.access(0, 8, AccessKind.Store); // L1 write miss → RFO to L2 (write miss), L1 line dirty
      cache.access(LINE, 8, AccessKind.Load); // L1 read miss, evicts dirty line 0 → write-back hits L2
      const [l1, l2] = cache.stats().levels;
      expect(l1).toMatchObject({
        writeMisses: 1,
        readMisses: 1,
        evictions: 1,
        writeBacks: 1,
        bytesOut: LINE,
      });
      expect(l2).toMatchObject({
        writeAccesses: 2,
        writeMisses: 1,
        readAccesses: 1,
        readMisses: 1,
        bytesIn: 2 * LINE,
      });
      expect(cache.stats().memoryAccesses).toBe(2);
    });
  }

  it('write-through sends every store down; no-write-allocate does not install', () => {
    const cache = new CacheHierarchy({
      levels: [level('L1d', 1, 2, { writePolicy: 'write-through', writeAllocate: false }), level('L2', 4, 4)],
    });
    cache.access(0, 8, AccessKind.Store); // miss, not allocated, written to L2
    cache.access(0, 8, AccessKind.Load); // still a miss
    cache.access(0, 4, AccessKind.Store); // hit, written through
    const [l1, l2] = cache.stats().levels;
    expect(l1).toMatchObject({
      writeMisses: 1,
      readMisses: 1,
      writeAccesses: 2,
      writeBacks: 0,
      bytesOut: 12,
    });
    expect(l2).toMatchObject({ writeAccesses: 2, readAccesses: 1 });
  });

  it('an inclusive level back-invalidates the level above', () => {
    const cache = new CacheHierarchy({
      levels: [level('L1d', 1, 2), level('L2', 1, 1, { inclusion: 'inclusive' })],
    });
    cache.access(0, 8, AccessKind.Load);
    cache.access(LINE, 8, AccessKind.Load); // L2 (1 line) evicts line 0 and removes it from L1
    cache.access(0, 8, AccessKind.Load); // so this misses in L1 although L1 had room
    expect(cache.stats().levels[0]).toMatchObject({ readMisses: 3, evictions: 0 });
  });

  it('an exclusive level holds the victims of the level above', () => {
    const cache = new CacheHierarchy({
      levels: [level('L1d', 1, 1), level('L2', 1, 2, { inclusion: 'exclusive' })],
    });
    cache.access(0, 8, AccessKind.Load); // L1 miss, L2 miss (no allocation in L2)
    cache.access(LINE, 8, AccessKind.Load); // evicts line 0 from L1 into L2
    cache.access(0, 8, AccessKind.Load); // L1 miss, L2 hit: line 0 moves up, line 1 goes down
    const [l1, l2] = cache.stats().levels;
    expect(l1).toMatchObject({ readMisses: 3, evictions: 2 });
    expect(l2).toMatchObject({ readAccesses: 3, readMisses: 2, hits: 1 });
    expect(cache.stats().memoryAccesses).toBe(2);
  });

  it('sends fetches to the instruction cache, and to L1d without one', () => {
    const split = new CacheHierarchy({ instruction: level('L1i', 2, 2), levels: [level('L1d', 2, 2)] });
    split.access(0x4000, 4, AccessKind.Fetch);
    expect(split.stats().levels.map((l) => [l.name, l.fetchAccesses])).toEqual([
      ['L1i', 1],
      ['L1d', 0],
    ]);
    const unified = new CacheHierarchy({ levels: [level('L1', 2, 2)] });
    unified.access(0x4000, 4, AccessKind.Fetch);
    expect(unified.stats().levels[0]).toMatchObject({ fetchAccesses: 1, fetchMisses: 1 });
  });

  it('touches both lines of a spanning access and counts modify as a read and a write', () => {
    const cache = new CacheHierarchy({ levels: [level('L1d', 4, 2)] });
    cache.access(LINE - 4, 8, AccessKind.Modify);
    expect(cache.stats().levels[0]).toMatchObject({
      readAccesses: 2,
      readMisses: 2,
      writeAccesses: 2,
      writeMisses: 0,
    });
  });

  it('handles addresses up to 2^53 without 32-bit wrap-around', () => {
    const cache = new CacheHierarchy({ levels: [level('L1d', 4, 2)] });
    const high = 2 ** 52 + 2 ** 40;
    cache.access(high, 8, AccessKind.Load);
    // Same low 32 bits, different line: must miss.
    cache.access(high - 2 ** 40 + 2 ** 45, 8, AccessKind.Load);
    cache.access(high, 8, AccessKind.Load);
    expect(cache.stats().levels[0]).toMatchObject({ misses: 2, hits: 1 });
  });

  it('classifies misses as compulsory, conflict and capacity (3C)', () => {
    // Direct-mapped, 2 sets: lines 0 2 4 6 share set 0. Shadow: fully associative, 2 lines.
    const cache = new CacheHierarchy({ levels: [level('L1d', 2, 1)], classifyMisses: true });
    // 0 (compulsory), 2 (compulsory), 0 (shadow holds {0,2}: conflict), 4, 6 (compulsory),
    // 0 (shadow holds {4,6}: capacity).
    for (const line of [0, 2, 0, 4, 6, 0]) cache.access(line * LINE, 4, AccessKind.Load);
    expect(cache.stats().levels[0]).toMatchObject({
      misses: 6,
      compulsoryMisses: 4,
      conflictMisses: 1,
      capacityMisses: 1,
    });
  });

  it('computes AMAT from per-level latencies', () => {
    const config: HierarchyConfig = {
      levels: [level('L1d', 4, 2, { latencyNs: 1 }), level('L2', 16, 4, { latencyNs: 10 })],
      memoryLatencyNs: 100,
    };
    const cache = new CacheHierarchy(config);
    for (let i = 0; i < 4; i++) cache.access(0, 8, AccessKind.Load);
    // 4 L1 accesses (1 ns), 1 L2 access (10 ns), 1 memory access (100 ns), per 4 accesses.
    const expected = (4 * 1 + 1 * 10 + 1 * 100) / 4;
    expect(cache.stats().amatNs).toBeCloseTo(expected, 12);
    expect(amat(cache.stats(), { levelNs: [1, 10], memoryNs: 100 })).toBeCloseTo(expected, 12);
    expect(() => amat(cache.stats(), { levelNs: [1], memoryNs: 100 })).toThrow(
      'amat: 1 latencies given for 2 levels',
    );
    expect(new CacheHierarchy({ levels: [level('L1d', 4, 2)] }).stats().amatNs).toBeUndefined();
  });

  it('feeds chunks, batches and single accesses alike, and reset() forgets everything', () => {
    const trace = new TraceBuffer();
    for (let i = 0; i < 500; i++) trace.access(((i * 7919) % 257) * 8, 8, (i % 4) as AccessKind);
    const one = new CacheHierarchy({ levels: [level('L1d', 4, 2), level('L2', 8, 4)] });
    for (let i = 0; i < trace.length; i++)
      one.access(trace.addresses[i]!, trace.sizes[i]!, trace.kinds[i] as AccessKind);
    const chunked = new CacheHierarchy({ levels: [level('L1d', 4, 2), level('L2', 8, 4)] });
    chunked.consume(trace);
    expect(chunked.stats()).toEqual(one.stats());
    chunked.reset();
    expect(chunked.stats().levels[0]!.accesses).toBe(0);
    chunked.consume(trace);
    expect(chunked.stats()).toEqual(one.stats());
  });

  it('rejects bad access arguments with a precise message', () => {
    const cache = new CacheHierarchy({ levels: [level('L1d', 4, 2)] });
    expect(() => cache.access(-1, 4, AccessKind.Load)).toThrow(
      'address must be an integer in [0, 2^53), got -1',
    );
    expect(() => cache.access(2 ** 53, 4, AccessKind.Load)).toThrow(RangeError);
    expect(() => cache.access(0, 1.5, AccessKind.Load)).toThrow(
      'access size must be a non-negative integer, got 1.5',
    );
    expect(() => cache.access(0, 4, 7 as AccessKind)).toThrow(TypeError);
  });
});
