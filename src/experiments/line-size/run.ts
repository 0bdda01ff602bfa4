/** Runs the `line-size` experiment: repeated sweeps of the prefetch-proof chase, then the simulator. */

import { machineForSimulation } from '../../machine/index.js';
import type { MachineInfo } from '../../machine/types.js';
import { DEFAULT_MIN_WARMUP_MS, measureKernel } from '../../measure/index.js';
import { formatBytes } from '../../util/units.js';
import { measureLevelLatencies } from '../explain/latencies.js';
import { type LevelLatencies, predictNs } from '../explain/predict.js';
import type { SimulatedTraffic } from '../explain/simulate.js';
import { medianOf, round } from '../ratios.js';
import type { ExperimentContext, ExperimentPoint, ExperimentResult } from '../types.js';
import { dataCaches } from '../working-sets.js';
import { detectLineSize } from './knee.js';
import { naiveBuffer, naiveKernel } from './naive.js';
import { checkLineSizeParams, type LineSizeParams, strideSweep } from './params.js';
import {
  dataHierarchy,
  l1MissesPerAccess,
  simulatedKnee,
  simulateStream,
  withLineBytes,
} from './simulated.js';
import { buildLineSizeStream, chaseWords, chunkCount, type LineSizeStream } from './stream.js';
import { type LineSizeSummary, summarise } from './summary.js';

/** L1d size assumed when the machine reports none (a common size; the report says so). */
export const FALLBACK_L1_BYTES = 48 * 1024;

/**
 * Warm-up per stride and round, ms: the chase function is compiled once in the first round;
 * after that the warm-up only has to refill the caches with the stride's footprint (a few
 * hundred KiB, well under a millisecond).
 */
const WARMUP_MS = { min: 10, max: 100 } as const;
/**
 * Warm-up of the first measurement of each kernel, ms: the harness's default, long enough for
 * V8 to optimise the loop (without it the first naive stride measured 15 ns instead of ~1.3).
 */
const FIRST_WARMUP_MS = DEFAULT_MIN_WARMUP_MS;
/** The naive sweep's buffer, as a multiple of L2 (1 MiB assumed when unknown). */
const NAIVE_L2_MULTIPLE = 4;
const FALLBACK_L2_BYTES = 1024 ** 2;

/** Budget per stride and round, ms (quick mode: 8 strides × 3 rounds stay within ~2 s). */
const MAX_TIME_MS = 250;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A harness kernel following `stream`'s chase; one iteration is one dependent load. */
function chaseKernel(stream: LineSizeStream): (steps: number) => number {
  const words = stream.words;
  let position = stream.order[0]!;
  return (steps) => {
    position = chaseWords(words, position, steps);
    return position;
  };
}

/**
 * Memory-bound when the simulated L1d misses, each paid at the measured L2 latency (the loads
 * are dependent, so nothing overlaps them), explain at least half of the measured time.
 */
function judgeChase(
  traffic: SimulatedTraffic,
  latencies: LevelLatencies,
  measuredNs: number,
): { verdict: 'memory-bound' | 'compute-bound'; reason: string } {
  const missesPerAccess = l1MissesPerAccess(traffic);
  const l2Ns = latencies.levelNs[1] ?? latencies.memoryNs;
  const stallNs = missesPerAccess * l2Ns;
  const where = `${(missesPerAccess * 100).toFixed(0)}% of the dependent loads miss L1d in the simulation`;
  if (measuredNs > 0 && stallNs >= 0.5 * measuredNs) {
    return {
      verdict: 'memory-bound',
      reason: `${where}; at ${l2Ns.toFixed(2)} ns each that is ${stallNs.toFixed(2)} of the ${measuredNs.toFixed(2)} ns measured per access`,
    };
  }
  return {
    verdict: 'compute-bound',
    reason: `${where}, ${stallNs.toFixed(2)} ns of waiting per access; the rest of the ${measuredNs.toFixed(2)} ns is L1d hits and the loop`,
  };
}

/** The L1d size and line the sweep is planned from, with a note when they were guessed. */
function planL1(machine: MachineInfo): {
  l1Bytes: number;
  reportedLineBytes: number | null;
  note: string | null;
} {
  const l1 = dataCaches(machine)[0];
  if (l1 === undefined || !(l1.sizeBytes > 0)) {
    return {
      l1Bytes: FALLBACK_L1_BYTES,
      reportedLineBytes: null,
      note: `the machine reports no L1d; the footprint is planned for ${formatBytes(FALLBACK_L1_BYTES)}`,
    };
  }
  return { l1Bytes: l1.sizeBytes, reportedLineBytes: l1.lineBytes, note: null };
}

/** Runs the experiment (see `lineSizeExperiment`). */
export async function runLineSize(
  context: ExperimentContext,
  params: LineSizeParams,
): Promise<ExperimentResult<LineSizeParams>> {
  checkLineSizeParams(params);
  const { machine, assumptions } = machineForSimulation(context.machine);
  for (const assumption of assumptions) context.log(assumption);
  const { l1Bytes, reportedLineBytes, note } = planL1(machine);
  const notes = [...assumptions, ...(note === null ? [] : [note])];
  const chunkBytes = params.maxStrideBytes;
  const chunks = chunkCount(l1Bytes, params.footprintL1Multiple, chunkBytes);
  const strides = strideSweep(params);
  const streams = strides.map((stride) => buildLineSizeStream(stride, chunkBytes, chunks, context.seed));

  context.progress(0, 'line-size: level latencies');
  const latencies = measureLevelLatencies(machine, context.seed);

  // Rounds interleave the strides (rotated each round) so that load from other processes
  // spreads over all of them instead of bending one stretch of the curve.
  // Detection uses each measurement's fastest sample: other processes only ever add time, and
  // on the loaded 2-vCPU machine a stride's median was sometimes 4× its minimum in one round.
  const nsByRound: number[][] = [];
  const minNsByRound: number[][] = [];
  const totalSteps = params.rounds * strides.length;
  for (let round = 0; round < params.rounds; round++) {
    const ns = strides.map(() => Number.NaN);
    const minNs = strides.map(() => Number.NaN);
    for (let j = 0; j < strides.length; j++) {
      const k = (j + round) % strides.length;
      const stream = streams[k]!;
      context.progress(
        (0.85 * (round * strides.length + j)) / totalSteps,
        `line-size: round ${round + 1}, stride ${stream.strideBytes} B`,
      );
      await yieldToEventLoop();
      const measurement = measureKernel(chaseKernel(stream), {
        name: `line-size stride ${stream.strideBytes}`,
        samples: params.samples,
        minWarmupMs: round === 0 && j === 0 ? FIRST_WARMUP_MS : WARMUP_MS.min,
        maxWarmupMs: WARMUP_MS.max,
        maxTimeMs: MAX_TIME_MS,
      });
      ns[k] = measurement.nsPerOp.median;
      minNs[k] = measurement.nsPerOp.min;
    }
    nsByRound.push(ns);
    minNsByRound.push(minNs);
  }
  // The naive sweep, for comparison: one load per stride in address order over 4 × L2.
  const l2Bytes = dataCaches(machine)[1]?.sizeBytes ?? FALLBACK_L2_BYTES;
  const naiveData = naiveBuffer(l2Bytes, NAIVE_L2_MULTIPLE);
  const naiveNs = strides.map((strideBytes, k) => {
    context.progress(0.85 + (0.1 * k) / strides.length, `line-size: naive sweep, stride ${strideBytes} B`);
    return measureKernel(naiveKernel(naiveData, strideBytes), {
      name: `line-size naive stride ${strideBytes}`,
      samples: params.samples,
      minWarmupMs: k === 0 ? FIRST_WARMUP_MS : WARMUP_MS.min,
      maxWarmupMs: WARMUP_MS.max,
      maxTimeMs: MAX_TIME_MS,
    }).nsPerOp.min;
  });

  const curveOf = (ns: readonly number[]) => strides.map((strideBytes, k) => ({ strideBytes, cost: ns[k]! }));
  const roundKnees = minNsByRound.map((ns) => detectLineSize(curveOf(ns)).lineBytes);
  const medianNs = strides.map((_, k) => medianOf(nsByRound.map((ns) => ns[k]!))!);
  const medianMinNs = strides.map((_, k) => medianOf(minNsByRound.map((ns) => ns[k]!))!);
  const measuredKnee = detectLineSize(curveOf(medianMinNs));

  context.progress(0.97, 'line-size: simulating');
  const config = dataHierarchy(machine);
  const traffic = streams.map((stream) => simulateStream(config, stream, params.simulatedAccessesMax));
  const simulatedMisses = traffic.map(l1MissesPerAccess);
  const simulatedLineBytes = reportedLineBytes ?? 64;
  const simulated = detectLineSize(
    strides.map((strideBytes, k) => ({ strideBytes, cost: simulatedMisses[k]! })),
  );
  const doubled = simulatedKnee(
    withLineBytes(machine, simulatedLineBytes * 2),
    streams,
    params.simulatedAccessesMax,
  );

  const points: ExperimentPoint[] = strides.map((strideBytes, k) => {
    const stream = streams[k]!;
    const t = traffic[k]!;
    const measuredNs = medianNs[k]!;
    const verdict = judgeChase(t, latencies, measuredNs);
    const roundNs = minNsByRound.map((ns) => ns[k]!);
    return {
      strideBytes,
      accessesPerChunk: chunkBytes / strideBytes,
      accesses: stream.order.length,
      bufferBytes: stream.bufferBytes,
      measuredNs: round(measuredNs),
      measuredNsMin: round(medianMinNs[k]!),
      measuredNsRoundMin: round(Math.min(...roundNs)),
      measuredNsRoundMax: round(Math.max(...roundNs)),
      naiveNs: round(naiveNs[k]!),
      predictedNs: round(predictNs(t, latencies) / Math.max(1, t.realAccesses)),
      simulatedL1dMissesPerAccess: round(simulatedMisses[k]!, 4),
      [`simulatedL1dMissesPerAccessAt${simulatedLineBytes * 2}B`]: round(doubled.missesPerAccess[k]!, 4),
      simulatedAccesses: t.simulatedAccesses,
      verdict: verdict.verdict,
      reason: verdict.reason,
    };
  });
  context.progress(1, 'line-size: done');
  const summary: LineSizeSummary = summarise({
    measuredKnee,
    roundKnees,
    reportedLineBytes,
    simulatedLineBytes,
    simulatedKneeBytes: simulated.lineBytes,
    doubledLineBytes: simulatedLineBytes * 2,
    doubledKneeBytes: doubled.knee.lineBytes,
    l1Bytes,
    footprintBytes: chunks * chunkBytes,
    chunks,
    chunkBytes,
    latencies,
    notes,
    naiveBufferBytes: naiveData.length * 4,
    naiveNs,
    strides,
    predictedNs: points.map((p) => Number(p.predictedNs)),
    measuredNs: medianNs,
  });
  return {
    id: 'line-size',
    title: 'Cache line size',
    params,
    points,
    summary: summary as unknown as Record<string, unknown>,
  };
}
