/**
 * Cachegrind compatibility on hand-written traces. Every expected count is derived by hand in
 * the comments from cg_sim.c's rules (see cachegrind.ts); the real-valgrind comparison lives
 * with the trace readers.
 *
 * Caches: I1 64 B direct-mapped, 16 B lines (4 sets); D1 128 B 2-way, 32 B lines (2 sets);
 * LL 512 B 2-way, 64 B lines (4 sets).
 */
import { describe, expect, it } from 'vitest';
import { AccessKind } from '../trace/index.js';
import { cachegrindConfig } from './config.js';
import { CacheHierarchy } from './hierarchy.js';

const config = cachegrindConfig({ I1: [64, 1, 16], D1: [128, 2, 32], LL: [512, 2, 64] });

function counts(cache: CacheHierarchy) {
  const [i1, d1, ll] = cache.stats().levels;
  return {
    Ir: i1!.fetchAccesses,
    I1mr: i1!.fetchMisses,
    ILmr: ll!.fetchMisses,
    Dr: d1!.readAccesses,
    D1mr: d1!.readMisses,
    DLmr: ll!.readMisses,
    Dw: d1!.writeAccesses,
    D1mw: d1!.writeMisses,
    DLmw: ll!.writeMisses,
    LLrefs: ll!.accesses,
  };
}

describe('cachegrind compatibility', () => {
  it('counts a line-spanning access once, modify as a read, and LL only on L1 misses', () => {
    const cache = new CacheHierarchy(config);
    // 1. load 0x1000/4: D1 line 128 (set 0) miss; LL line 64 (set 0) miss.
    cache.access(0x1000, 4, AccessKind.Load);
    // 2. load 0x101e/4 spans D1 lines 128 (hit) and 129 (miss): ONE access, ONE miss.
    //    LL sees (0x101e, 4): both bytes ranges in LL line 64 → hit.
    cache.access(0x101e, 4, AccessKind.Load);
    // 3. the same again: both D1 lines hit → one hit.
    cache.access(0x101e, 4, AccessKind.Load);
    // 4. modify 0x1040/8: one D1 *read*; line 130 (set 0, now {128, 130}) miss; LL line 65 miss.
    cache.access(0x1040, 8, AccessKind.Modify);
    // 5. store 0x1080/4: line 132 (set 0) miss, evicts 128 (LRU); LL line 66 miss (a write miss).
    cache.access(0x1080, 4, AccessKind.Store);
    // 6. load 0x1000/4: line 128 was evicted → miss; LL line 64 hit.
    cache.access(0x1000, 4, AccessKind.Load);
    // 7. fetch 0x2000/4: I1 line 512 (set 0) miss; LL line 128 (set 0, holds 64) miss.
    cache.access(0x2000, 4, AccessKind.Fetch);
    // 8. fetch 0x200e/4 spans I1 lines 512 (hit) and 513 (miss): one miss; LL line 128 hit.
    cache.access(0x200e, 4, AccessKind.Fetch);
    expect(counts(cache)).toEqual({
      Ir: 2,
      I1mr: 2,
      ILmr: 1,
      Dr: 5,
      D1mr: 4,
      DLmr: 2,
      Dw: 1,
      D1mw: 1,
      DLmw: 1,
      // LL refs = I1 misses + D1 misses.
      LLrefs: 7,
    });
    // Cachegrind counts no write-backs and the accesses path ignores write policies.
    expect(cache.stats().levels.every((level) => level.writeBacks === 0)).toBe(true);
  });

  it('counts a spanning access as a miss when either line misses, and updates both lines', () => {
    const cache = new CacheHierarchy(config);
    // Line 129 first (miss), then a span over 128 (miss) + 129 (hit): one more miss.
    cache.access(0x1020, 4, AccessKind.Load);
    cache.access(0x101e, 4, AccessKind.Load);
    // Both lines are now cached: 128 and 129 hit.
    cache.access(0x1000, 4, AccessKind.Load);
    cache.access(0x1020, 4, AccessKind.Load);
    expect(counts(cache)).toMatchObject({ Dr: 4, D1mr: 2 });
  });

  it('starts with all-zero tags like cachegrind: line 0 hits in a cold cache', () => {
    const cache = new CacheHierarchy(config);
    cache.access(0, 4, AccessKind.Load);
    cache.access(0x1000, 4, AccessKind.Load);
    expect(counts(cache)).toMatchObject({ Dr: 2, D1mr: 1 });
  });

  it('keeps LRU order by moving hits to the front', () => {
    const cache = new CacheHierarchy(config);
    // D1 set 0 lines 128, 130, then 128 again (hit, now MRU), then 132 evicts 130, not 128.
    for (const address of [0x1000, 0x1040, 0x1000, 0x1080, 0x1000]) cache.access(address, 4, AccessKind.Load);
    expect(counts(cache)).toMatchObject({ Dr: 5, D1mr: 3 });
    cache.access(0x1040, 4, AccessKind.Load);
    expect(counts(cache)).toMatchObject({ Dr: 6, D1mr: 4 });
  });

  it('the batch API gives the same counts as per-access calls', () => {
    const addresses = [0x1000, 0x101e, 0x1040, 0x1080, 0x2000, 0x200e, 0x3000, 0x1000];
    const kinds = [0, 0, 2, 1, 3, 3, 1, 0];
    const one = new CacheHierarchy(config);
    addresses.forEach((address, i) => {
      one.access(address, 4, kinds[i] as AccessKind);
    });
    const batch = new CacheHierarchy(config);
    batch.consume({
      addresses: Float64Array.from(addresses),
      sizes: new Uint32Array(addresses.length).fill(4),
      kinds: Uint8Array.from(kinds),
      length: addresses.length,
    });
    expect(batch.stats()).toEqual(one.stats());
  });

  it('rejects what cachegrind cannot simulate', () => {
    const cache = new CacheHierarchy(config);
    expect(() => cache.access(0x1000, 80, AccessKind.Load)).toThrow(
      'cachegrind: an access of 80 bytes at 0x1000 spans more than two 32-byte D1 lines',
    );
    expect(() => cache.access(0x1000, 0, AccessKind.Load)).toThrow(RangeError);
    // A fetch over three 16-byte I1 lines.
    expect(() => cache.access(0x2008, 30, AccessKind.Fetch)).toThrow(
      'cachegrind: an access of 30 bytes at 0x2008 spans more than two 16-byte I1 lines',
    );
    // Nothing was counted or cached by the rejected accesses.
    expect(cache.stats()).toEqual(new CacheHierarchy(config).stats());
  });

  it('rejects an access that fits two L1 lines but not two LL lines before touching L1', () => {
    const smallLl = cachegrindConfig({ I1: [64, 1, 16], D1: [128, 1, 64], LL: [512, 2, 16] });
    const cache = new CacheHierarchy(smallLl);
    // 0x100e … 0x1031: one 64-byte D1 line, four 16-byte LL lines.
    expect(() => cache.access(0x100e, 36, AccessKind.Load)).toThrow(
      'cachegrind: an access of 36 bytes at 0x100e spans more than two 16-byte LL lines',
    );
    expect(cache.stats()).toEqual(new CacheHierarchy(smallLl).stats());
  });

  it('checks a whole batch before simulating any of it: a bad access leaves nothing applied', () => {
    const addresses = Float64Array.from([0x1000, 0x101e, 0x1040, 0x1000, 0x2000]);
    const sizes = Uint32Array.from([4, 4, 80, 4, 4]);
    const kinds = Uint8Array.from([0, 0, 1, 0, 3]);
    const cache = new CacheHierarchy(config);
    cache.access(0x3000, 4, AccessKind.Load);
    const before = cache.stats();
    expect(() => cache.accessBatch(addresses, sizes, kinds, 0, addresses.length)).toThrow(
      'cachegrind: access 2 of the batch: an access of 80 bytes at 0x1040 spans more than two 32-byte D1 lines; nothing of the batch was simulated',
    );
    expect(cache.stats()).toEqual(before);
    // The good prefix still runs on its own, with the counts of per-access calls.
    cache.accessBatch(addresses, sizes, kinds, 0, 2);
    const one = new CacheHierarchy(config);
    for (const [address, size, kind] of [
      [0x3000, 4, AccessKind.Load],
      [0x1000, 4, AccessKind.Load],
      [0x101e, 4, AccessKind.Load],
    ] as const) {
      one.access(address, size, kind);
    }
    expect(cache.stats()).toEqual(one.stats());
  });
});
