/** Runs the `access-patterns` experiment: the text's kernels, then the memory-isolated sweep. */
import type { HierarchyConfig } from '../../cache/index.js';
import { collectGarbage, measureKernel } from '../../measure/index.js';
import { AccessKind } from '../../trace/index.js';
import { formatBytes } from '../../util/units.js';
import { measureLevelLatencies } from '../explain/latencies.js';
import { judge, type LevelLatencies, predictNs } from '../explain/predict.js';
import { emitIndexed, type SimulatedTraffic, simulate, simulationSetup } from '../explain/simulate.js';
import { ns } from '../format.js';
import { round } from '../ratios.js';
import { bestRound } from '../rounds.js';
import type { ExperimentContext, ExperimentPoint, ExperimentResult } from '../types.js';
import { planSweepEnd, workingSetSizes } from '../working-sets.js';
import {
  indexedTouches,
  randomCorrectedPasses,
  randomNaivePasses,
  sequentialPasses,
  stridedPasses,
  wrappingPasses,
} from './kernels.js';
import { type AccessPatternsParams, checkAccessPatternsParams } from './params.js';
import {
  ISOLATED_PATTERN_IDS,
  type IsolatedPatternId,
  isolatedIndices,
  PATTERN_IDS,
  type PatternId,
  patternIndices,
  touchesPerPass,
} from './patterns.js';
import { summarise } from './summary.js';

/** Patterns of the "as in the text" section: the eight, plus the naive port of random. */
export const TEXT_PATTERNS = [...PATTERN_IDS, 'random-naive'] as const;
export type TextPattern = (typeof TEXT_PATTERNS)[number];

/** Where the simulated data array starts (page-aligned; V8's real alignment is 8 or 16 bytes). */
const SIMULATED_BASE_ADDRESS = 0x10000;
const INT32_BYTES = 4;
/** The isolated sweep ends at this multiple of the last-level cache. */
const LLC_MULTIPLE = 4;
/** …or here when the last-level cache is unknown or implausible (quick, full). */
const FALLBACK_MAX_BYTES = { quick: 128 * 1024 ** 2, full: 128 * 1024 ** 2 };

/**
 * Isolated rounds of one point whose medians differ by more than this factor are reported: the
 * machine stalled during one of them. Quiet runs on the 2-vCPU machine stay within ~1.5×
 * (`softmem run access-patterns --quick`, 2026-11-26: 128 MiB random 11.7–15.9× sequential).
 */
const STALLED_ROUND_RATIO = 2;

/** One round's measurement of an isolated point. */
export interface IsolatedRound {
  medianNs: number;
  minNs: number;
  touches: number;
}

/**
 * The round a point keeps (the lowest median) and whether its rounds disagree by more than
 * {@link STALLED_ROUND_RATIO} (the machine stalled during one). `rounds` must not be empty.
 */
export function bestIsolatedRound(rounds: readonly IsolatedRound[]): {
  best: IsolatedRound;
  stalled: boolean;
} {
  const best = bestRound(rounds, (round) => round.medianNs);
  const worst = bestRound(rounds, (round) => -round.medianNs);
  return { best, stalled: worst.medianNs > STALLED_ROUND_RATIO * best.medianNs };
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The text's kernel for `pattern` over `data`, as a harness kernel: `passes` passes per call. */
function textKernel(pattern: TextPattern, data: Int32Array): (passes: number) => number {
  switch (pattern) {
    case 'sequential':
      return (passes) => sequentialPasses(data, passes);
    case 'stride-2':
    case 'stride-3':
    case 'stride-4': {
      const stride = Number(pattern.slice(-1));
      return (passes) => stridedPasses(data, passes, stride);
    }
    case 'wrap-1':
    case 'wrap-5':
    case 'wrap-17': {
      const stride = Number(pattern.slice(5));
      return (passes) => wrappingPasses(data, passes, stride);
    }
    case 'random':
      return (passes) => randomCorrectedPasses(data, passes);
    case 'random-naive':
      return (passes) => randomNaivePasses(data, passes);
  }
}

/** The simulated-traffic columns of a point: misses per access of each level, memory accesses. */
function trafficColumns(traffic: SimulatedTraffic): ExperimentPoint {
  const columns: ExperimentPoint = {};
  const accesses = Math.max(1, traffic.simulatedAccesses);
  for (const level of traffic.levels)
    columns[`${level.name}MissesPerAccess`] = round(level.misses / accesses, 5);
  columns.simulatedAccesses = traffic.simulatedAccesses;
  columns.sampled = traffic.simulatedAccesses < traffic.realAccesses;
  return columns;
}

/** Runs the experiment (see `accessPatternsExperiment`). */
export async function runAccessPatterns(
  context: ExperimentContext,
  requested: AccessPatternsParams,
): Promise<ExperimentResult<AccessPatternsParams>> {
  checkAccessPatternsParams(requested);
  const { machine, assumptions, config } = simulationSetup(context);

  const end = planSweepEnd(
    machine,
    LLC_MULTIPLE,
    context.quick ? FALLBACK_MAX_BYTES.quick : FALLBACK_MAX_BYTES.full,
  );
  const isolatedMaxBytes = Math.max(
    requested.isolatedMinBytes,
    requested.isolatedMaxBytes ?? end.maxWorkingSetBytes,
  );
  const params: AccessPatternsParams = { ...requested, isolatedMaxBytes };
  const allSizes = workingSetSizes(params.isolatedMinBytes, isolatedMaxBytes, 1);
  const isolatedSizes = allSizes.filter(
    (_, k) => k % params.isolatedOctavesPerPoint === 0 || k === allSizes.length - 1,
  );

  context.progress(0, 'access-patterns: level latencies');
  const latencies: LevelLatencies = measureLevelLatencies(machine, context.seed);
  const totalSteps =
    params.textElementCounts.length * TEXT_PATTERNS.length +
    isolatedSizes.length * ISOLATED_PATTERN_IDS.length * params.isolatedRounds;
  let step = 0;
  const points: ExperimentPoint[] = [];

  const point = (
    section: 'text' | 'isolated',
    pattern: string,
    elements: number,
    touches: number,
    nsPerAccess: number,
    nsPerAccessMin: number,
    traffic: SimulatedTraffic,
  ): ExperimentPoint => {
    const workingSetBytes = elements * INT32_BYTES;
    const verdict = judge(traffic, latencies, nsPerAccess, workingSetBytes);
    const predicted = predictNs(traffic, latencies) / Math.max(1, traffic.realAccesses);
    return {
      section,
      pattern,
      elements,
      workingSetBytes,
      touchesPerPass: touches,
      measuredNs: round(nsPerAccess),
      measuredNsMin: round(nsPerAccessMin),
      predictedNs: round(predicted),
      ...trafficColumns(traffic),
      verdict: verdict.verdict,
      reason: verdict.reason,
    };
  };

  // As in the text: the loops with their own index arithmetic.
  for (const elements of params.textElementCounts) {
    const simulated = new Map<PatternId, SimulatedTraffic>();
    for (const pattern of TEXT_PATTERNS) {
      context.progress(step++ / totalSteps, `access-patterns: ${pattern}, ${elements} elements`);
      await yieldToEventLoop();
      const data = new Int32Array(elements).fill(1);
      const patternId: PatternId = pattern === 'random-naive' ? 'random' : pattern;
      const touches = touchesPerPass(patternId, elements);
      const measurement = measureKernel(textKernel(pattern, data), {
        name: `${pattern} ${elements}`,
        samples: params.samples,
      });
      let traffic = simulated.get(patternId);
      if (traffic === undefined) {
        const indices = patternIndices(patternId, elements);
        traffic = steadyStateTraffic(config, indices, params, params.textIterations * touches);
        simulated.set(patternId, traffic);
      }
      points.push(
        point(
          'text',
          pattern,
          elements,
          touches,
          measurement.nsPerOp.median / touches,
          measurement.nsPerOp.min / touches,
          traffic,
        ),
      );
    }
  }

  // Memory-isolated: precomputed indices, so every pattern pays the same index cost. Rounds
  // over all patterns of a size; each point keeps its best round (see `isolatedRounds`).
  const stallNotes: string[] = [];
  // One index buffer for every pattern, round and size: no fresh pages, no garbage.
  const indexStore = new Int32Array(Math.floor(Math.max(...isolatedSizes) / INT32_BYTES));
  for (const sizeBytes of isolatedSizes) {
    const elements = Math.floor(sizeBytes / INT32_BYTES);
    const data = new Int32Array(elements).fill(1);
    // The previous size's data (and the text section's arrays) are garbage now: collect them
    // before timing, or V8's incremental marking runs inside the timed loops (src/measure/gc.ts).
    // Index lists reuse one buffer, so the points of a size leave no large garbage.
    collectGarbage();
    const rounds = new Map<IsolatedPatternId, IsolatedRound[]>();
    const traffics = new Map<IsolatedPatternId, SimulatedTraffic>();
    for (let round = 0; round < params.isolatedRounds; round++) {
      for (const pattern of ISOLATED_PATTERN_IDS) {
        context.progress(step++ / totalSteps, `access-patterns: isolated ${pattern}, ${sizeBytes} B`);
        await yieldToEventLoop();
        const indices = isolatedIndices(pattern, elements, context.seed, indexStore);
        let position = 0;
        const touches = indices.length;
        // One kernel iteration is one touch; the cursor carries on across samples.
        const kernel = (count: number): number => {
          const sum = indexedTouches(data, indices, position, count);
          position = (position + count) % touches;
          return sum;
        };
        const measurement = measureKernel(kernel, {
          name: `isolated ${pattern} ${sizeBytes}`,
          samples: params.samples,
          // After the first round `indexedTouches` is compiled: warm up only until stable.
          ...(round > 0 ? { minWarmupMs: 0 } : {}),
        });
        const taken = rounds.get(pattern) ?? [];
        taken.push({ medianNs: measurement.nsPerOp.median, minNs: measurement.nsPerOp.min, touches });
        rounds.set(pattern, taken);
        if (round === 0) {
          traffics.set(pattern, steadyStateTraffic(config, indices, params, params.simulatedAccessesMax));
        }
      }
    }
    for (const pattern of ISOLATED_PATTERN_IDS) {
      const taken = rounds.get(pattern)!;
      const { best, stalled } = bestIsolatedRound(taken);
      if (stalled) {
        stallNotes.push(
          `isolated ${pattern} at ${formatBytes(sizeBytes)}: rounds measured ${taken.map((r) => ns(r.medianNs)).join(', ')} ns per element; the best is kept (the machine stalled during the others)`,
        );
      }
      points.push(
        point('isolated', pattern, elements, best.touches, best.medianNs, best.minNs, traffics.get(pattern)!),
      );
    }
  }
  context.progress(1, 'access-patterns: done');
  return {
    id: 'access-patterns',
    title: 'Access patterns',
    params,
    points,
    summary: summarise(points, machine, latencies, [
      ...assumptions,
      ...(end.note === null ? [] : [end.note]),
      ...stallNotes,
    ]) as unknown as Record<string, unknown>,
  };
}

/**
 * The steady-state traffic of repeated passes over `indices`: one pass (at most
 * `simulatedAccessesMax` accesses) warms the simulated caches uncounted, as the kernel's
 * earlier passes and the harness's warm-up do, then up to `simulatedAccessesMax` accesses are
 * counted. The real run's cold misses are one pass in `textIterations`: negligible.
 */
function steadyStateTraffic(
  config: HierarchyConfig,
  indices: Int32Array,
  params: AccessPatternsParams,
  realAccesses: number,
): SimulatedTraffic {
  const warm = Math.min(indices.length, params.simulatedAccessesMax);
  const count = Math.min(realAccesses, params.simulatedAccessesMax);
  return simulate(
    config,
    (sink) => emitIndexed(sink, AccessKind.Modify, SIMULATED_BASE_ADDRESS, INT32_BYTES, indices, 0, warm),
    (sink) => emitIndexed(sink, AccessKind.Modify, SIMULATED_BASE_ADDRESS, INT32_BYTES, indices, warm, count),
    realAccesses,
  );
}
