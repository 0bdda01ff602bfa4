import { formatBytes } from '../../util/units.js';
import { ns, times } from '../format.js';
import type { ExperimentResult } from '../types.js';
import type { AccessPatternsParams } from './params.js';
import type { AccessPatternsSummary } from './summary.js';

/** Plain sentences built from the numbers of an access-patterns result. */
export function explainAccessPatterns(result: ExperimentResult<AccessPatternsParams>): string[] {
  const summary = result.summary as unknown as AccessPatternsSummary;
  const lines: string[] = [];
  const caches = summary.simulatedCaches
    .map((c) => `${c.name} ${formatBytes(c.sizeBytes)} ${c.ways}-way`)
    .join(', ');
  const latencies = Object.entries(summary.levelLatencyNs)
    .map(([name, value]) => `${name} ${ns(value)} ns`)
    .join(', ');
  lines.push(`Simulated hierarchy: ${caches}; measured latencies: ${latencies}.`);
  for (const note of summary.notes) lines.push(`Note: ${note}.`);

  for (const { elements, ratio } of summary.textRandomVsSequential) {
    const random = result.points.find(
      (p) => p.section === 'text' && p.pattern === 'random' && p.elements === elements,
    );
    if (random === undefined) continue;
    lines.push(
      `As in the text, ${elements.toLocaleString('en-US')} elements: random costs ${times(ratio)}× sequential per touch; ${random.verdict}: ${random.reason}.`,
    );
  }
  const naive = summary.textNaiveVsCorrected[summary.textNaiveVsCorrected.length - 1];
  if (naive !== undefined) {
    lines.push(
      `The naive JS port of random, where i * 37199 leaves the int32 range past i = 57 729, costs ${times(naive.ratio)}× the corrected kernel at ${naive.elements.toLocaleString('en-US')} elements: the same indices, computed in floating point.`,
    );
  }
  const isolated = summary.isolatedRandomVsSequential;
  if (isolated !== null) {
    lines.push(
      `Memory-isolated (every pattern pays the same index cost), ${formatBytes(isolated.workingSetBytes)}: random costs ${times(isolated.ratio)}× sequential per element, ${isolated.verdict}.`,
    );
  }
  const formula = summary.isolatedFormulaVsSequential;
  if (formula !== null) {
    lines.push(
      `The text code's random formula (i * 37199 + 999331) % n costs ${times(formula.ratio)}× sequential there: past 37 199 elements it is one constant stride of 145 KiB (mod n), not a random choice.`,
    );
  }
  const worst = summary.disagreements[0];
  if (worst !== undefined) {
    lines.push(
      `Prediction and measurement disagree most for ${worst.section} ${worst.pattern} at ${formatBytes(worst.workingSetBytes)}: predicted ${ns(worst.predictedNs)} ns, measured ${ns(worst.measuredNs)} ns per access (${times(worst.ratio)}×). The model prices every access at its level's latency; hardware overlaps independent misses and prefetches sequential ones.`,
    );
  }
  return lines;
}
