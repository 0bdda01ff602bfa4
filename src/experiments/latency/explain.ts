/** Plain sentences about a `latency` result, built from its numbers. */
import { formatBytes } from '../../util/units.js';
import { ns, times } from '../format.js';
import type { ExperimentResult } from '../types.js';
import type { LatencyParams } from './params.js';
import { latencySummaryOf } from './summary.js';

const nativeClause = (nativeNs: number | null, ratio: number | null): string =>
  nativeNs === null || ratio === null ? '' : `; native ${ns(nativeNs)} ns → JS/native ${times(ratio)}`;

/** Explains a latency result: one sentence per level, then memory, references and caveats. */
export function explainLatency(result: ExperimentResult<LatencyParams>): string[] {
  const summary = latencySummaryOf(result);
  const lines: string[] = [];
  const matched = new Set<string>();
  for (const level of summary.detectedLevels) {
    const where = `knee detected at ${formatBytes(Math.round(level.sizeBytes))}`;
    if (level.kind === 'cache' && level.name !== null && level.knownSizeBytes !== null) {
      matched.add(level.name);
      lines.push(
        `${level.name}: ${formatBytes(level.knownSizeBytes)} by ${summary.cacheSource}, ${where} (${times(level.sizeRatio ?? 0)}×), ${ns(level.latencyNs)} ns/access${nativeClause(level.nativeLatencyNs, level.jsToNativeRatio)}.`,
      );
    } else if (level.kind === 'tlb') {
      lines.push(
        `A step at ${formatBytes(Math.round(level.sizeBytes))} (${ns(level.latencyNs)} ns/access below it) that the page-local curve lacks: the reach of a TLB, not a cache.`,
      );
    } else {
      lines.push(`A level no known cache explains: ${where}, ${ns(level.latencyNs)} ns/access.`);
    }
  }
  for (const cache of summary.knownCaches) {
    if (!matched.has(cache.name)) {
      lines.push(
        `${cache.name}: ${formatBytes(cache.sizeBytes)} by ${summary.cacheSource}, but no knee near it.`,
      );
    }
  }
  if (summary.detectedLevels.length === 0) lines.push('No knee found: the curve is flat or too noisy.');
  const memory = summary.references.find((r) => r.label === 'memory');
  if (summary.memoryLatencyNs !== null && memory !== undefined) {
    lines.push(
      `Beyond the last level (up to ${formatBytes(memory.workingSetBytes)}): ${ns(summary.memoryLatencyNs)} ns/access${summary.native?.memoryLatencyNs ? `; native ${ns(summary.native.memoryLatencyNs)} ns` : ''}.`,
    );
  }
  for (const reference of summary.references) {
    if (reference.jsToNativeRatio === null || reference.nativeNsPerAccess === null) continue;
    const what =
      reference.label === 'memory' ? 'the largest working set' : `an ${reference.label}-sized working set`;
    lines.push(
      `At ${what} (${formatBytes(reference.workingSetBytes)}): JS ${ns(reference.jsNsPerAccess)} ns, native ${ns(reference.nativeNsPerAccess)} ns, JS/native ${times(reference.jsToNativeRatio)}.`,
    );
  }
  if (summary.native !== null && summary.jsToNativeRatio !== null) {
    lines.push(
      `Over all working sets JS/native is ${times(summary.jsToNativeRatio)} (geometric mean of minima; native built with ${summary.native.flags.join(' ')}).`,
    );
  }
  if (summary.nativeUnavailable !== null) lines.push(summary.nativeUnavailable);
  if (summary.sweepNote !== null) lines.push(`Note: ${summary.sweepNote}.`);
  return lines;
}
