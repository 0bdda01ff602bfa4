import { describe, expect, it } from 'vitest';
import type { HierarchyStats, LevelStats } from '../cache/index.js';
import { cachegrindTotals, formatCachegrindSummary, parseCachegrindOut } from './cachegrind-summary.js';

// Captured from valgrind-3.19.0 on this project's test program test/cachegrind/random.c:
// `valgrind --tool=cachegrind --cache-sim=yes --I1=8192,4,64 --D1=4096,2,64 --LL=65536,8,64`.
const REAL_OUT_FILE = `desc: I1 cache:         8192 B, 64 B, 4-way associative
desc: D1 cache:         4096 B, 64 B, 2-way associative
desc: LL cache:         65536 B, 64 B, 8-way associative
cmd: /tmp/ct/random
events: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw
fl=???
fn=main
0 768170 451 424 62805 59319 45264 1452 151 130
summary: 768170 451 424 62805 59319 45264 1452 151 130
`;
const REAL_SUMMARY = `==25140== I   refs:      768,170
==25140== I1  misses:        451
==25140== LLi misses:        424
==25140== I1  miss rate:    0.06%
==25140== LLi miss rate:    0.06%
==25140== 
==25140== D   refs:       64,257  (62,805 rd   + 1,452 wr)
==25140== D1  misses:     59,470  (59,319 rd   +   151 wr)
==25140== LLd misses:     45,394  (45,264 rd   +   130 wr)
==25140== D1  miss rate:    92.6% (  94.4%     +  10.4%  )
==25140== LLd miss rate:    70.6% (  72.1%     +   9.0%  )
==25140== 
==25140== LL refs:        59,921  (59,770 rd   +   151 wr)
==25140== LL misses:      45,818  (45,688 rd   +   130 wr)
==25140== LL miss rate:      5.5% (   5.5%     +   9.0%  )
`;

function level(name: string, counts: Partial<LevelStats>): LevelStats {
  return {
    name,
    accesses: 0,
    hits: 0,
    misses: 0,
    readAccesses: 0,
    readMisses: 0,
    writeAccesses: 0,
    writeMisses: 0,
    fetchAccesses: 0,
    fetchMisses: 0,
    evictions: 0,
    writeBacks: 0,
    bytesIn: 0,
    bytesOut: 0,
    ...counts,
  };
}

describe('cachegrind summary', () => {
  it('reproduces real cachegrind output from its own totals', () => {
    const totals = parseCachegrindOut(REAL_OUT_FILE);
    expect(formatCachegrindSummary(totals, '==25140== ')).toBe(REAL_SUMMARY);
  });

  it('uses valgrind rounding (a half rounds down) and survives zero counts', () => {
    const text = formatCachegrindSummary(
      { Ir: 0, I1mr: 0, ILmr: 0, Dr: 400, D1mr: 3, DLmr: 1, Dw: 0, D1mw: 0, DLmw: 0 },
      '',
    );
    // 3/400 = 0.75 % and 1/400 = 0.25 %: valgrind's %f prints 0.7 and 0.2 (C's printf: 0.8, 0.2).
    expect(text).toContain('D1  miss rate: 0.7% (0.7%     + 0.0%  )');
    expect(text).toContain('LLd miss rate: 0.2% (0.2%     + 0.0%  )');
    expect(text).toContain('I1  miss rate: 0.00%');
    expect(text.split('\n')[0]).toBe('I   refs:      0');
  });

  it('maps a split-L1 three-level hierarchy onto I1, D1 and LL', () => {
    const stats: HierarchyStats = {
      levels: [
        level('I1', { fetchAccesses: 100, fetchMisses: 10 }),
        level('D1', { readAccesses: 50, readMisses: 5, writeAccesses: 20, writeMisses: 2 }),
        level('L2', { fetchMisses: 9, readMisses: 4, writeMisses: 2 }),
        level('LL', { fetchMisses: 3, readMisses: 2, writeMisses: 1 }),
      ],
      topLevels: 2,
      memoryAccesses: 6,
    };
    expect(cachegrindTotals(stats)).toEqual({
      Ir: 100,
      I1mr: 10,
      ILmr: 3,
      Dr: 50,
      D1mr: 5,
      DLmr: 2,
      Dw: 20,
      D1mw: 2,
      DLmw: 1,
    });
  });

  it('with a single unified level, every L1 miss is an LL miss', () => {
    const stats: HierarchyStats = {
      levels: [
        level('L1', { fetchAccesses: 7, fetchMisses: 1, readAccesses: 5, readMisses: 2, writeMisses: 1 }),
      ],
      topLevels: 1,
      memoryAccesses: 4,
    };
    const totals = cachegrindTotals(stats);
    expect([totals.I1mr, totals.ILmr, totals.D1mr, totals.DLmr, totals.D1mw, totals.DLmw]).toEqual([
      1, 1, 2, 2, 1, 1,
    ]);
  });

  it('refuses an out file without cache simulation', () => {
    expect(() => parseCachegrindOut('events: Ir\nsummary: 5\n')).toThrow('no I1mr total');
    expect(() => parseCachegrindOut('hello')).toThrow('not a cachegrind out file');
  });
});
