import type { LevelLatencies } from '../explain/predict.js';
import { round } from '../ratios.js';
import type { LineSizeKnee } from './knee.js';

/** The `summary` of a line-size result. */
export interface LineSizeSummary {
  /** Line size found on the median curve over all rounds, or null. */
  detectedLineBytes: number | null;
  /** ns per access at the peak (the detected line). */
  peakNs: number | null;
  /** ns per access just past the knee / plateau. */
  dropRatio: number | null;
  /** Line size found in each round (null where a round found none). */
  roundLineBytes: (number | null)[];
  /** Rounds whose own detection equals `detectedLineBytes`. */
  roundsAgreeing: number;
  /** The L1d line size the OS reports, or null when unknown. */
  reportedLineBytes: number | null;
  /** Whether the measured line equals the reported one (null when either is unknown). */
  matchesReported: boolean | null;
  /** Line size of the simulated hierarchy, and the knee of its simulated L1d misses. */
  simulatedLineBytes: number;
  simulatedKneeBytes: number | null;
  /** The same streams through the same hierarchy with doubled lines: where the knee moves. */
  doubledLineBytes: number;
  doubledKneeBytes: number | null;
  /** L1d size the footprint was planned from, the footprint, chunks and chunk span. */
  l1Bytes: number;
  footprintBytes: number;
  chunks: number;
  chunkBytes: number;
  /** Measured latency of L1d and L2, ns (the two levels the chase moves between). */
  l1Ns: number | null;
  l2Ns: number | null;
  /** Every assumption, in words. */
  notes: string[];
  /** The naive sweep (address order, buffer larger than L2): its buffer and its largest step. */
  naiveBufferBytes: number;
  /** The stride after which the naive cost per load jumps most, and the jump (ratio). */
  naiveStepFromBytes: number | null;
  naiveStepRatio: number | null;
  /** The stride where predicted (simulated misses × measured latencies) and measured ns disagree most. */
  worstPrediction: { strideBytes: number; predictedNs: number; measuredNs: number; ratio: number } | null;
}

/** What `summarise` needs. */
export interface LineSizeFacts {
  measuredKnee: LineSizeKnee;
  roundKnees: (number | null)[];
  reportedLineBytes: number | null;
  simulatedLineBytes: number;
  simulatedKneeBytes: number | null;
  doubledLineBytes: number;
  doubledKneeBytes: number | null;
  l1Bytes: number;
  footprintBytes: number;
  chunks: number;
  chunkBytes: number;
  latencies: LevelLatencies;
  notes: string[];
  naiveBufferBytes: number;
  /** Fastest-sample ns per load of the naive sweep, one per stride. */
  naiveNs: number[];
  strides: number[];
  /** Predicted and measured (median) ns per access, one per stride. */
  predictedNs: number[];
  measuredNs: number[];
}

/** Builds the summary from the facts of a run. */
export function summarise(facts: LineSizeFacts): LineSizeSummary {
  const detected = facts.measuredKnee.lineBytes;
  const l1 = facts.latencies.levelNs[0];
  const l2 = facts.latencies.levelNs[1];
  return {
    detectedLineBytes: detected,
    peakNs: facts.measuredKnee.peakCost === null ? null : round(facts.measuredKnee.peakCost),
    dropRatio: facts.measuredKnee.dropRatio === null ? null : round(facts.measuredKnee.dropRatio, 3),
    roundLineBytes: facts.roundKnees,
    roundsAgreeing: detected === null ? 0 : facts.roundKnees.filter((k) => k === detected).length,
    reportedLineBytes: facts.reportedLineBytes,
    matchesReported:
      detected === null || facts.reportedLineBytes === null ? null : detected === facts.reportedLineBytes,
    simulatedLineBytes: facts.simulatedLineBytes,
    simulatedKneeBytes: facts.simulatedKneeBytes,
    doubledLineBytes: facts.doubledLineBytes,
    doubledKneeBytes: facts.doubledKneeBytes,
    l1Bytes: facts.l1Bytes,
    footprintBytes: facts.footprintBytes,
    chunks: facts.chunks,
    chunkBytes: facts.chunkBytes,
    l1Ns: l1 === undefined ? null : round(l1),
    l2Ns: l2 === undefined ? null : round(l2),
    notes: facts.notes,
    naiveBufferBytes: facts.naiveBufferBytes,
    ...largestStep(facts.strides, facts.naiveNs),
    worstPrediction: worstPrediction(facts.strides, facts.predictedNs, facts.measuredNs),
  };
}

/** The stride after which the cost jumps most (cost ratio to the next stride), or nulls. */
function largestStep(
  strides: readonly number[],
  ns: readonly number[],
): { naiveStepFromBytes: number | null; naiveStepRatio: number | null } {
  let best: number | null = null;
  let bestRatio = 0;
  for (let k = 0; k + 1 < ns.length; k++) {
    const ratio = ns[k + 1]! / ns[k]!;
    if (Number.isFinite(ratio) && ratio > bestRatio) {
      bestRatio = ratio;
      best = k;
    }
  }
  return best === null
    ? { naiveStepFromBytes: null, naiveStepRatio: null }
    : { naiveStepFromBytes: strides[best]!, naiveStepRatio: round(bestRatio, 3) };
}

/** The stride whose predicted / measured ratio is farthest from 1 (in log terms), or null. */
function worstPrediction(
  strides: readonly number[],
  predicted: readonly number[],
  measured: readonly number[],
): LineSizeSummary['worstPrediction'] {
  let worst: LineSizeSummary['worstPrediction'] = null;
  strides.forEach((strideBytes, k) => {
    const ratio = predicted[k]! / measured[k]!;
    if (!(ratio > 0) || !Number.isFinite(ratio)) return;
    if (worst === null || Math.abs(Math.log(ratio)) > Math.abs(Math.log(worst.ratio))) {
      worst = {
        strideBytes,
        predictedNs: round(predicted[k]!),
        measuredNs: round(measured[k]!),
        ratio: round(ratio, 3),
      };
    }
  });
  return worst;
}
