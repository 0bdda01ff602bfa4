import { formatBytes } from '../../util/units.js';
import { ns, times } from '../format.js';
import type { ExperimentResult } from '../types.js';
import type { TransposeParams } from './params.js';

interface Speedup {
  edge: number;
  blockedSpeedup: number;
  cacheObliviousSpeedup: number;
}

/** Plain sentences built from the numbers of a transpose result. */
export function explainTranspose(result: ExperimentResult<TransposeParams>): string[] {
  const speedups = (result.summary.speedups ?? []) as Speedup[];
  const lines: string[] = [];
  for (const { edge, blockedSpeedup, cacheObliviousSpeedup } of speedups) {
    const naive = result.points.find((p) => p.edge === edge && p.variant === 'naive');
    const blocked = result.points.find((p) => p.edge === edge && p.variant === 'blocked');
    if (naive === undefined || blocked === undefined) continue;
    let sentence = `${edge}² f64 (${formatBytes(Number(naive.matrixBytes))} per matrix): blocked is ${times(blockedSpeedup)}× and cache-oblivious ${times(cacheObliviousSpeedup)}× as fast as naive (${ns(Number(naive.nsPerElement))} ns per element naive)`;
    const naiveMisses = naive.L1dMissesPerAccess;
    const blockedMisses = blocked.L1dMissesPerAccess;
    if (typeof naiveMisses === 'number' && typeof blockedMisses === 'number') {
      sentence += `; simulated L1d misses per access ${naiveMisses.toFixed(3)} naive vs ${blockedMisses.toFixed(3)} blocked: the naive loop writes one element per destination line before moving on, the tiles reuse each line`;
    }
    lines.push(`${sentence}.`);
  }
  return lines;
}
