import { formatBytes } from '../../util/units.js';
import { ns, times } from '../format.js';
import type { ExperimentResult } from '../types.js';
import type { VectorGrowthParams } from './params.js';
import type { VectorGrowthSummary } from './summary.js';

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** `10⁷` for powers of ten, else `12 345`. */
export function formatCount(count: number): string {
  const exponent = Math.round(Math.log10(count));
  if (exponent >= 3 && 10 ** exponent === count) {
    return `10${[...String(exponent)].map((d) => SUPERSCRIPTS[Number(d)]).join('')}`;
  }
  return count.toLocaleString('en-US');
}

/** `1.40× faster` or `1.10× slower` (ratio > 1 means faster). */
function faster(speedup: number): string {
  return speedup >= 1 ? `${times(speedup)}× faster` : `${times(1 / speedup)}× slower`;
}

/** Plain sentences built from the numbers of a vector-growth result. */
export function explainVectorGrowth(result: ExperimentResult<VectorGrowthParams>): string[] {
  const summary = result.summary as unknown as VectorGrowthSummary;
  const lines: string[] = [`Elements are ${summary.elementType}.`];
  const largest = summary.largest;
  const top = summary.comparisons[summary.comparisons.length - 1];
  if (largest !== null && top !== undefined) {
    lines.push(
      `${formatCount(largest.pushes)} pushes without reserve: ${largest.reallocations} reallocations copied ${formatBytes(largest.bytesCopied)} (${times(largest.copiedPerPushedByte)}× the ${formatBytes(largest.bytesPushed)} pushed) and left capacity ${largest.finalCapacity.toLocaleString('en-US')}; reserve(n) made pushes ${faster(top.reserveSpeedup)} (${ns(top.vecPushNsPerPush)} ns/push without), withCapacity(n) ${faster(top.withCapacitySpeedup)}.`,
    );
    lines.push(
      `JS Array push costs ${times(top.arrayPushVsVecPush)}× Vec push per element at ${formatCount(top.pushes)} (how often V8 reallocated and copied is not observable), and the preallocated holey array costs ${times(top.preallocatedVsArrayPush)}× JS Array push.`,
    );
  }
  const speedups = summary.comparisons.map((c) => c.reserveSpeedup).filter(Number.isFinite);
  if (speedups.length > 1) {
    lines.push(
      `Across ${formatCount(summary.comparisons[0]!.pushes)} … ${formatCount(top!.pushes)} pushes, reserve's speed-up over plain push ranges from ${times(Math.min(...speedups))}× to ${times(Math.max(...speedups))}×: without it every doubling allocates a new buffer and copies the old one, about n elements copied in total for n pushes.`,
    );
  }
  const copy = summary.simulatedCopyTraffic;
  if (copy !== null) {
    lines.push(
      `Simulated, ${formatCount(copy.pushes)} pushes without reserve make ${times(copy.pushAccessesPerPush)} memory accesses per push (each copy is a load and a store) and ${times(copy.pushL1dMissesPerPush / copy.withCapacityL1dMissesPerPush)}× the L1d misses of withCapacity (${copy.pushL1dMissesPerPush.toFixed(3)} vs ${copy.withCapacityL1dMissesPerPush.toFixed(3)} per push; withCapacity misses once every ${Math.round(1 / copy.withCapacityL1dMissesPerPush)} pushes, once per cache line).`,
    );
  }
  const exercise = summary.exercise;
  const growths = exercise.reallocations
    .map(
      (g) =>
        `step ${g.step} (push ${g.value}) found length ${g.capacityBefore} = capacity and moved ${g.elementsCopied} elements from capacity ${g.capacityBefore} to ${g.capacityAfter}`,
    )
    .join('; ');
  lines.push(
    `The text's exercise on a real Vec with capacity 4: ${growths === '' ? 'no step reallocated' : growths}. After the 8 pops the length is ${exercise.finalLength} (${exercise.finalContents}) and the capacity stays ${exercise.finalCapacity}: like Rust, Vec never shrinks unless asked (shrinkToFit).`,
  );
  for (const note of summary.notes) lines.push(`Note: ${note}.`);
  return lines;
}
