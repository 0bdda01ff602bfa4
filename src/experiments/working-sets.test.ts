import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { CacheInfo, MachineInfo } from '../machine/types.js';
import {
  dataCaches,
  FALLBACK_MAX_WORKING_SET_BYTES,
  lastLevelCache,
  MAX_PLAUSIBLE_LLC_BYTES,
  planSweepEnd,
  workingSetSizes,
} from './working-sets.js';

const KIB = 1024;
const MIB = 1024 * KIB;

function cache(level: number, type: CacheInfo['type'], sizeBytes: number): CacheInfo {
  return { level, type, sizeBytes, lineBytes: 64, ways: 8, sets: sizeBytes / 512, sharedByCpus: [0] };
}

function machineWith(caches: CacheInfo[]): MachineInfo {
  return {
    name: 'test',
    source: 'preset',
    cpuModel: 'test CPU',
    cpus: 2,
    numaNodes: 1,
    pageBytes: 4096,
    transparentHugePages: null,
    caches,
    notes: [],
  };
}

describe('workingSetSizes', () => {
  it('covers both ends with the asked points per octave, in whole lines, increasing', () => {
    expect(workingSetSizes(4096, 16384, 1)).toEqual([4096, 8192, 16384]);
    const sizes = workingSetSizes(4096, 64 * MIB, 4);
    expect(sizes[0]).toBe(4096);
    expect(sizes[sizes.length - 1]).toBe(64 * MIB);
    expect(sizes).toHaveLength(14 * 4 + 1);
    expect(sizes.every((size, i) => size % 64 === 0 && (i === 0 || size > sizes[i - 1]!))).toBe(true);
    expect(workingSetSizes(4096, 5000, 2)).toEqual([4096, 4992]);
  });

  it('rejects impossible ranges', () => {
    expect(() => workingSetSizes(8192, 4096, 1)).toThrow(RangeError);
    expect(() => workingSetSizes(4096, 8192, 0)).toThrow(/pointsPerOctave/);
  });
});

describe('planSweepEnd', () => {
  const l1 = cache(1, 'data', 48 * KIB);
  const l1i = cache(1, 'instruction', 32 * KIB);
  const l2 = cache(2, 'unified', MIB);

  it('ends at the multiple of a plausible last-level cache, with no note', () => {
    const machine = machineWith([l1i, l1, l2, cache(3, 'unified', 32 * MIB)]);
    expect(lastLevelCache(machine)?.level).toBe(3);
    expect(dataCaches(machine).map((c) => c.level)).toEqual([1, 2, 3]);
    expect(planSweepEnd(machine, 4, FALLBACK_MAX_WORKING_SET_BYTES.full)).toEqual({
      maxWorkingSetBytes: Math.min(128 * MIB, Math.floor(os.totalmem() / 8)),
      lastLevelCacheBytes: 32 * MIB,
      note: os.totalmem() / 8 >= 128 * MIB ? null : expect.stringMatching(/an eighth of memory/),
    });
  });

  it('falls back and says why when the LLC is implausible (a VM total) or unknown', () => {
    const bogus = planSweepEnd(machineWith([l1, l2, cache(3, 'unified', 508 * MIB)]), 4, 32 * MIB);
    expect(bogus.maxWorkingSetBytes).toBe(32 * MIB);
    expect(bogus.lastLevelCacheBytes).toBeNull();
    expect(bogus.note).toBe(
      'L3 is reported as 508 MiB, implausible for one cache (a VM total?), so working sets stop at 32 MiB',
    );
    expect(508 * MIB).toBeGreaterThan(MAX_PLAUSIBLE_LLC_BYTES);
    const unknown = planSweepEnd(machineWith([]), 4, 32 * MIB);
    expect(unknown.note).toBe('the last-level cache size is unknown, so working sets stop at 32 MiB');
    expect(lastLevelCache(machineWith([l1i]))).toBeNull();
  });
});
