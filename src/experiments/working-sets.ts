/**
 * Working-set sweeps shared by the experiments: from a small size to a few times the
 * last-level cache, several points per octave.
 */
import os from 'node:os';
import { MAX_PLAUSIBLE_CACHE_BYTES } from '../machine/index.js';
import type { CacheInfo, MachineInfo } from '../machine/types.js';
import { formatBytes } from '../util/units.js';

/** A last-level cache larger than this is not believed (see `MAX_PLAUSIBLE_CACHE_BYTES`). */
export const MAX_PLAUSIBLE_LLC_BYTES: number = MAX_PLAUSIBLE_CACHE_BYTES;

/**
 * The sweep end used when the last-level cache is unknown or implausible. Page faults,
 * not the kernels, dominate a quick run on the 2-vCPU VM (0.7–2.5 s per 64 MiB touched
 * under load), hence the small quick figure.
 */
export const FALLBACK_MAX_WORKING_SET_BYTES = { full: 128 * 1024 ** 2, quick: 32 * 1024 ** 2 } as const;

/** Sizes are whole 64-byte lines. */
const ALIGN_BYTES = 64;

/** The data or unified cache of the highest level, or null when the machine lists none. */
export function lastLevelCache(machine: MachineInfo): CacheInfo | null {
  let last: CacheInfo | null = null;
  for (const cache of machine.caches) {
    if (cache.type === 'instruction') continue;
    if (last === null || cache.level > last.level) last = cache;
  }
  return last;
}

/** The data or unified caches, smallest level first (one per level). */
export function dataCaches(machine: MachineInfo): CacheInfo[] {
  const byLevel = new Map<number, CacheInfo>();
  for (const cache of machine.caches) {
    if (cache.type === 'instruction' || byLevel.has(cache.level)) continue;
    byLevel.set(cache.level, cache);
  }
  return [...byLevel.values()].sort((a, b) => a.level - b.level);
}

/** Where a sweep ends and why. */
export interface SweepEnd {
  maxWorkingSetBytes: number;
  /** The last-level cache size used, or null when unknown/implausible. */
  lastLevelCacheBytes: number | null;
  /** A sentence for the summary when the end was capped or guessed, else null. */
  note: string | null;
}

/**
 * Ends the sweep at `multiple` × the last-level cache. When the LLC is unknown or larger
 * than {@link MAX_PLAUSIBLE_LLC_BYTES}, ends at `fallbackBytes` and says so; never beyond an
 * eighth of physical memory.
 */
export function planSweepEnd(machine: MachineInfo, multiple: number, fallbackBytes: number): SweepEnd {
  const llc = lastLevelCache(machine);
  const memoryCap = Math.floor(os.totalmem() / 8);
  let maxWorkingSetBytes: number;
  let lastLevelCacheBytes: number | null = null;
  let note: string | null = null;
  if (llc === null) {
    maxWorkingSetBytes = fallbackBytes;
    note = `the last-level cache size is unknown, so working sets stop at ${formatBytes(fallbackBytes)}`;
  } else if (llc.sizeBytes > MAX_PLAUSIBLE_LLC_BYTES) {
    maxWorkingSetBytes = fallbackBytes;
    note = `L${llc.level} is reported as ${formatBytes(llc.sizeBytes)}, implausible for one cache (a VM total?), so working sets stop at ${formatBytes(fallbackBytes)}`;
  } else {
    lastLevelCacheBytes = llc.sizeBytes;
    maxWorkingSetBytes = multiple * llc.sizeBytes;
  }
  if (maxWorkingSetBytes > memoryCap) {
    maxWorkingSetBytes = memoryCap;
    note = `${note === null ? '' : `${note}; `}working sets capped at ${formatBytes(memoryCap)} (an eighth of memory)`;
  }
  return { maxWorkingSetBytes, lastLevelCacheBytes, note };
}

/**
 * Geometric sizes from `minBytes` to `maxBytes` (both included), `pointsPerOctave` per
 * doubling, each rounded to whole 64-byte lines, strictly increasing.
 *
 * @example
 * ```ts
 * workingSetSizes(4096, 16384, 1); // [4096, 8192, 16384]
 * ```
 */
export function workingSetSizes(minBytes: number, maxBytes: number, pointsPerOctave: number): number[] {
  if (!(minBytes >= ALIGN_BYTES) || !(maxBytes >= minBytes)) {
    throw new RangeError(`need ${ALIGN_BYTES} <= minBytes <= maxBytes, got ${minBytes} and ${maxBytes}`);
  }
  if (!Number.isInteger(pointsPerOctave) || pointsPerOctave < 1) {
    throw new RangeError(`pointsPerOctave must be a positive integer, got ${pointsPerOctave}`);
  }
  const octaves = Math.log2(maxBytes / minBytes);
  const steps = Math.ceil(octaves * pointsPerOctave - 1e-9);
  const sizes: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const raw = k === steps ? maxBytes : minBytes * 2 ** (k / pointsPerOctave);
    const bytes = Math.max(ALIGN_BYTES, Math.round(raw / ALIGN_BYTES) * ALIGN_BYTES);
    if (sizes.length === 0 || bytes > sizes[sizes.length - 1]!) sizes.push(bytes);
  }
  return sizes;
}

/**
 * Warm-up budget per measurement. The experiments warm their kernels up once before a
 * sweep (warmUpChase, warmUpBandwidthKernels), so each point needs only enough warm-up for
 * its caches and TLBs (the harness default, 50–500 ms, would cost 7+ s over a quick sweep);
 * `maxTimeMs` is generous so every point gets all its samples.
 */
export function warmUpOptions(quick: boolean): {
  minWarmupMs: number;
  maxWarmupMs: number;
  maxTimeMs: number;
} {
  return quick
    ? { minWarmupMs: 3, maxWarmupMs: 30, maxTimeMs: 10_000 }
    : { minWarmupMs: 10, maxWarmupMs: 200, maxTimeMs: 30_000 };
}
