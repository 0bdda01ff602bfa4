import { formatBytes } from '../../util/units.js';
import type { SimulatedTraffic } from './simulate.js';

/** Measured load-to-use latency of each data level (top first) and of memory, in ns. */
export interface LevelLatencies {
  levelNs: readonly number[];
  memoryNs: number;
}

/** Memory-bound or compute-bound, with the sentence that says why. */
export interface Verdict {
  verdict: 'memory-bound' | 'compute-bound';
  /** Estimated ns per access spent waiting on accesses served below L2, from the simulation. */
  stallNsPerAccess: number;
  reason: string;
}

/**
 * If the stall estimate is at least this share of the measured time, the point is memory-bound.
 * Half: the larger of the two costs decides.
 */
export const MEMORY_BOUND_SHARE = 0.5;

/**
 * Predicted time of the real run, in ns: every access priced at the latency of the level that
 * served it in the simulation (hits of level k × latency k, misses of every level × memory
 * latency), scaled up when the simulation replayed a sample. A pure latency model: it ignores
 * overlap between independent accesses and prefetching, which is exactly what comparing it
 * with the measured time shows.
 */
export function predictNs(traffic: SimulatedTraffic, latencies: LevelLatencies): number {
  let ns = traffic.memoryAccesses * latencies.memoryNs;
  traffic.levels.forEach((level, k) => {
    ns += level.hits * (latencies.levelNs[k] ?? latencies.memoryNs);
  });
  const scale = traffic.simulatedAccesses === 0 ? 0 : traffic.realAccesses / traffic.simulatedAccesses;
  return ns * scale;
}

/**
 * Judges one point. Accesses served by L1 and L2 are cheap and overlap with independent work
 * (out-of-order cores keep many L1 misses in flight), so the stall counted is the traffic
 * served below L2 (L3 and memory) at its latency. Memory-bound when that stall is at least
 * {@link MEMORY_BOUND_SHARE} of the measured time.
 */
export function judge(
  traffic: SimulatedTraffic,
  latencies: LevelLatencies,
  measuredNsPerAccess: number,
  workingSetBytes: number,
): Verdict {
  const accesses = Math.max(1, traffic.simulatedAccesses);
  let stallNs = traffic.memoryAccesses * latencies.memoryNs;
  traffic.levels.forEach((level, k) => {
    if (k >= 2) stallNs += level.hits * (latencies.levelNs[k] ?? latencies.memoryNs);
  });
  const stallNsPerAccess = stallNs / accesses;
  const l2 = traffic.levels[1];
  const beyondL2 = l2 === undefined ? traffic.memoryAccesses : l2.misses;
  const where =
    beyondL2 === 0
      ? `${formatBytes(workingSetBytes)} fits: 0 simulated ${l2?.name ?? 'L2'} misses`
      : `${formatBytes(workingSetBytes)}: ${percent(beyondL2 / accesses)} of accesses miss ${l2?.name ?? 'L2'} in the simulation`;
  const share = measuredNsPerAccess > 0 ? stallNsPerAccess / measuredNsPerAccess : 0;
  if (share >= MEMORY_BOUND_SHARE) {
    return {
      verdict: 'memory-bound',
      stallNsPerAccess,
      reason: `${where}; waiting on them costs about ${stallNsPerAccess.toFixed(2)} ns per access, ${percent(Math.min(share, 9.99))} of the ${measuredNsPerAccess.toFixed(2)} ns measured`,
    };
  }
  return {
    verdict: 'compute-bound',
    stallNsPerAccess,
    reason: `${where}, so the ${measuredNsPerAccess.toFixed(2)} ns per access go to instructions (index arithmetic, loop), not to waiting on memory (${stallNsPerAccess.toFixed(2)} ns estimated)`,
  };
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction < 0.1 ? 1 : 0)}%`;
}
