import { formatBytes } from '../util/units.js';
import type { CacheInfo, MachineInfo } from './types.js';

/**
 * A cache larger than this is not believed: virtual machines report totals such as 508 MiB
 * (getconf on the 2-vCPU EPYC VM), and no single cache domain is that large.
 */
export const MAX_PLAUSIBLE_CACHE_BYTES = 256 * 1024 ** 2;

/**
 * What the simulator assumes for an implausible or unknown last level: one Zen CCD's L3
 * (32 MiB, 16-way), the common server part of this decade.
 */
export const ASSUMED_LAST_LEVEL: Readonly<Omit<CacheInfo, 'level'>> = {
  type: 'unified',
  sizeBytes: 32 * 1024 ** 2,
  lineBytes: 64,
  ways: 16,
  sets: 32768,
  sharedByCpus: [],
  instances: 1,
};

/** A machine the simulator can take, and every assumption made to get it, in plain words. */
export interface SimulationMachine {
  machine: MachineInfo;
  assumptions: string[];
}

/** The largest power of two ≤ `wanted` such that `ways × lineBytes` divides `sizeBytes`. */
function divisibleWays(cache: CacheInfo, wanted: number): number {
  let ways = wanted;
  while (ways > 1 && cache.sizeBytes % (ways * cache.lineBytes) !== 0) ways /= 2;
  return ways;
}

/**
 * Makes a machine description simulable: unknown associativity (`ways: 0`) becomes 8-way for
 * L1 and 16-way below, and an implausible last-level cache is replaced by
 * {@link ASSUMED_LAST_LEVEL}. Each change is reported in `assumptions`, for the report to say.
 */
export function machineForSimulation(machine: MachineInfo): SimulationMachine {
  const assumptions: string[] = [];
  const caches = machine.caches.map((cache): CacheInfo => {
    const name = `L${cache.level} ${cache.type}`;
    if (cache.type !== 'instruction' && cache.sizeBytes > MAX_PLAUSIBLE_CACHE_BYTES) {
      assumptions.push(
        `${name} is reported as ${formatBytes(cache.sizeBytes)}, which no single cache is; simulated as ${formatBytes(ASSUMED_LAST_LEVEL.sizeBytes)} ${ASSUMED_LAST_LEVEL.ways}-way`,
      );
      return { ...ASSUMED_LAST_LEVEL, level: cache.level, sharedByCpus: cache.sharedByCpus };
    }
    if (cache.ways > 0) return cache;
    const ways = divisibleWays(cache, cache.level === 1 ? 8 : 16);
    assumptions.push(`the associativity of ${name} is unknown; simulated as ${ways}-way`);
    return { ...cache, ways, sets: cache.sizeBytes / (ways * cache.lineBytes) };
  });
  return { machine: { ...machine, caches }, assumptions };
}
