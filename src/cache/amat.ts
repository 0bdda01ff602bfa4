import type { HierarchyStats, Latencies } from './types.js';

/**
 * Average memory access time in ns per top-level access: every access to a level costs that
 * level's latency, every request that reaches memory costs `memoryNs`. (For one level this is
 * the textbook `hit time + miss rate × miss penalty`.) Returns 0 when nothing was accessed.
 *
 * @example
 * ```ts
 * amat(cache.stats(), { levelNs: [1, 4, 12], memoryNs: 80 });
 * ```
 */
export function amat(stats: HierarchyStats, latencies: Latencies): number {
  if (latencies.levelNs.length !== stats.levels.length) {
    throw new RangeError(
      `amat: ${latencies.levelNs.length} latencies given for ${stats.levels.length} levels`,
    );
  }
  let topAccesses = 0;
  let totalNs = stats.memoryAccesses * latencies.memoryNs;
  stats.levels.forEach((level, k) => {
    totalNs += level.accesses * latencies.levelNs[k]!;
    if (k < stats.topLevels) topAccesses += level.accesses;
  });
  return topAccesses === 0 ? 0 : totalNs / topAccesses;
}
