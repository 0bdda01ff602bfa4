import type { CacheInfo, MachineInfo } from '../machine/types.js';

/** A cache for a test machine: `ways` 0 means "unknown", as getconf sometimes reports. */
export function testCache(level: number, sizeBytes: number, ways: number, lineBytes = 64): CacheInfo {
  return {
    level,
    type: level === 1 ? 'data' : 'unified',
    sizeBytes,
    lineBytes,
    ways,
    sets: ways === 0 ? 0 : sizeBytes / (ways * lineBytes),
    sharedByCpus: [0],
  };
}

/**
 * A one-CPU machine with the given caches, small enough that end-to-end experiment runs stay
 * quick. The default is the tests' usual 4 KiB 4-way L1d, 16 KiB 4-way L2, 64 KiB 16-way L3.
 */
export function testMachine(
  caches: CacheInfo[] = [testCache(1, 4096, 4), testCache(2, 16384, 4), testCache(3, 65536, 16)],
): MachineInfo {
  return {
    name: 'tiny',
    source: 'preset',
    cpuModel: 'test',
    cpus: 1,
    numaNodes: 1,
    pageBytes: 4096,
    transparentHugePages: null,
    caches,
    notes: [],
  };
}
