import { formatBytes } from '../../util/units.js';
import { ns, times } from '../format.js';
import type { ExperimentPoint, ExperimentResult } from '../types.js';
import type { LineSizeParams } from './params.js';
import type { LineSizeSummary } from './summary.js';

const num = (value: ExperimentPoint[string] | undefined): number =>
  typeof value === 'number' ? value : Number.NaN;

/** Plain sentences built from the numbers of a line-size result. */
export function explainLineSize(result: ExperimentResult<LineSizeParams>): string[] {
  const s = result.summary as unknown as LineSizeSummary;
  const lines: string[] = [];
  lines.push(
    `Method: ${s.chunks} chunks of ${s.chunkBytes} B (${formatBytes(s.footprintBytes)}, ${times(s.footprintBytes / s.l1Bytes)}× the ${formatBytes(s.l1Bytes)} L1d, inside L2), visited as one random cycle of dependent loads at offsets 0, s, 2s, … of every chunk. Up to the line every line is touched, and the fewer loads share a line the more of them miss L1d, so the cost rises; at the line every load is a new line of a loop larger than L1d, which (nearly) always misses; past the line only one line in s/L is touched, the loop fits L1d and the cost falls. Prefetchers find no stream to follow, and prefetches into L2 change nothing because the whole footprint is in L2.`,
  );
  for (const note of s.notes) lines.push(`Note: ${note}.`);
  const curve = result.points.map((p) => `${num(p.strideBytes)} B ${ns(num(p.measuredNsMin))}`).join(', ');
  lines.push(
    `Measured ns per access by stride (fastest sample, median of ${s.roundLineBytes.length} rounds): ${curve}.`,
  );
  const agreement = `detected in ${s.roundsAgreeing} of ${s.roundLineBytes.length} rounds`;
  if (s.detectedLineBytes === null) {
    lines.push(
      `No line size detected: the cost never fell by the required margin after its peak (rounds found ${s.roundLineBytes.map((k) => (k === null ? 'none' : `${k} B`)).join(', ')}). The machine may be too busy; run again, or with more rounds.`,
    );
  } else {
    const knee = result.points.find((p) => p.strideBytes === s.detectedLineBytes);
    const misses = knee === undefined ? Number.NaN : num(knee.simulatedL1dMissesPerAccess);
    lines.push(
      `Cost per access rises to ${ns(s.peakNs ?? Number.NaN)} ns at ${s.detectedLineBytes} B and falls to ${times(s.dropRatio ?? Number.NaN)}× of that at the next stride: strides up to ${s.detectedLineBytes} B touch every line, larger ones skip lines, so the line is ${s.detectedLineBytes} B (${agreement}).`,
    );
    if (s.reportedLineBytes !== null) {
      lines.push(
        s.matchesReported
          ? `That matches the ${s.reportedLineBytes} B the OS reports for L1d.`
          : `The OS reports ${s.reportedLineBytes} B for L1d: the measurement disagrees; on a busy machine run again with more rounds.`,
      );
    }
    if (Number.isFinite(misses)) {
      lines.push(
        `The simulator with ${s.simulatedLineBytes}-B lines, fed the same chain, misses L1d on ${(misses * 100).toFixed(0)}% of loads at ${s.detectedLineBytes} B and puts its knee at ${s.simulatedKneeBytes === null ? 'no stride' : `${s.simulatedKneeBytes} B`}${s.simulatedKneeBytes === s.detectedLineBytes ? ': it agrees' : ''}.`,
      );
    }
  }
  lines.push(
    `With ${s.doubledLineBytes}-B lines (as on Apple M1) the simulated knee moves to ${s.doubledKneeBytes === null ? 'no stride' : `${s.doubledKneeBytes} B`}: the method follows the line, not this machine.`,
  );
  const worst = s.worstPrediction;
  if (worst !== null) {
    lines.push(
      `Prediction (simulated misses × measured level latencies) and measurement disagree most at ${worst.strideBytes} B: predicted ${ns(worst.predictedNs)} ns, measured ${ns(worst.measuredNs)} ns per access (${times(worst.ratio)}×).`,
    );
  }
  if (s.naiveStepFromBytes !== null) {
    const naiveValues = result.points.map((p) => num(p.naiveNs));
    const naive = result.points.map((p) => `${num(p.strideBytes)} B ${ns(num(p.naiveNs))}`).join(', ');
    lines.push(
      `For comparison, the naive sweep (one load per stride in address order through ${formatBytes(s.naiveBufferBytes)}, more than L2): ${naive} ns per load. Its largest step is after ${s.naiveStepFromBytes} B (${times(s.naiveStepRatio ?? Number.NaN)}×) and its costs span ${ns(Math.min(...naiveValues))}–${ns(Math.max(...naiveValues))} ns: prefetchers follow an address-ordered stream and hide most of its misses, so its shape tells how well prefetching keeps up, not where the line is.`,
    );
  }
  return lines;
}
