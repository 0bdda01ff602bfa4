import type { MachineInfo } from '../../machine/types.js';
import { measureKernel } from '../../measure/index.js';
import { chaseKernel } from '../latency/chase.js';
import { buildChase, LINE_BYTES } from '../latency/permutation.js';
import { dataCaches } from '../working-sets.js';
import type { LevelLatencies } from './predict.js';

/** The probe measures memory latency at this multiple of the last-level cache. */
const MEMORY_PROBE_LLC_MULTIPLE = 4;
/** …but never beyond this (building and faulting in the chase costs ~1 s per 64 MiB here). */
const MEMORY_PROBE_MAX_BYTES = 128 * 1024 ** 2;

/** The working sets the probe chases: half of each data level, then memory. */
export function probeSizes(machine: MachineInfo): { levelBytes: number[]; memoryBytes: number } {
  const levels = dataCaches(machine);
  const levelBytes = levels.map((cache, k) => {
    const above = k === 0 ? 0 : levels[k - 1]!.sizeBytes;
    // Between the level above and this one: mostly served here (geometric middle, ≥ 4 KiB).
    const size = above === 0 ? cache.sizeBytes / 2 : Math.sqrt(above * cache.sizeBytes);
    return Math.max(4096, Math.floor(size / LINE_BYTES) * LINE_BYTES);
  });
  const last = levels[levels.length - 1]?.sizeBytes ?? 32 * 1024 ** 2;
  const memoryBytes = Math.min(MEMORY_PROBE_MAX_BYTES, MEMORY_PROBE_LLC_MULTIPLE * last);
  return { levelBytes, memoryBytes };
}

/**
 * Measures the load-to-use latency of each data level and of memory with a short random
 * pointer chase per level (the `latency` experiment's kernel), for pricing simulated misses.
 * About a second on the 2-vCPU machine; the result is reused for the rest of the process.
 */
export function measureLevelLatencies(machine: MachineInfo, seed: number): LevelLatencies {
  const { levelBytes, memoryBytes } = probeSizes(machine);
  // Measured once per process and hierarchy: every experiment of a run prices misses alike.
  const key = `${seed}:${levelBytes.join(',')}:${memoryBytes}`;
  const known = measured.get(key);
  if (known !== undefined) return known;
  const chaseNs = (bytes: number): number => {
    const next = buildChase('random', bytes, machine.pageBytes > 0 ? machine.pageBytes : 4096, seed);
    return measureKernel(chaseKernel(next), { name: `chase ${bytes}`, samples: 7, minSampleNs: 200_000 })
      .nsPerOp.median;
  };
  const latencies = { levelNs: levelBytes.map(chaseNs), memoryNs: chaseNs(memoryBytes) };
  measured.set(key, latencies);
  return latencies;
}

const measured = new Map<string, LevelLatencies>();
