/** Runs the `vector-growth` experiment: timed vector builds per variant and count, then the text's exercise. */
import type { HierarchyConfig } from '../../cache/index.js';
import { measureKernel } from '../../measure/index.js';
import { simulate, simulationSetup } from '../explain/simulate.js';
import { round } from '../ratios.js';
import type { ExperimentContext, ExperimentPoint, ExperimentResult } from '../types.js';
import { traceExercise } from './exercise.js';
import { emitVecGrowth } from './growth-trace.js';
import { checkVectorGrowthParams, type VectorGrowthParams } from './params.js';
import { summarise } from './summary.js';
import { growthCounters, VARIANT_IDS, type VariantId, variantKernel } from './variants.js';

/** Bytes per element: the text's `Vec<i32>`. */
export const ELEMENT_BYTES = Int32Array.BYTES_PER_ELEMENT;
/**
 * From this many pushes on, one vector build lasts ≥ 0.1 ms here, well above the harness's
 * 10 µs minimum sample: each sample builds exactly one vector (no calibration rounds).
 */
const ONE_BUILD_PER_SAMPLE_FROM = 100_000;
/** Warm-up budget per point as a share of the point's budget. */
const WARMUP_SHARE = 0.4;

/**
 * Before any point is timed, every kernel builds this many vectors of {@link PRE_WARM_PUSHES}
 * values, so the first points measure optimised code: the harness's per-point warm-up is short
 * in quick mode, and on a loaded 2-vCPU machine the JIT's background compile lags behind it
 * (the first quick point read 85 ns/push cold, 20× its warm speed).
 */
const PRE_WARM_ROUNDS = 200;
const PRE_WARM_PUSHES = 1024;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Simulated cache traffic of one cold build (pushes and reallocation copies), per push; null
 * columns for JS Arrays (their growth is V8's, not observable) and for builds above the cap.
 */
function trafficColumns(
  config: HierarchyConfig,
  variant: VariantId,
  pushes: number,
  simulatedPushesMax: number,
): ExperimentPoint {
  const columns: ExperimentPoint = { simulatedAccessesPerPush: null };
  for (const level of config.levels) columns[`${level.name}MissesPerPush`] = null;
  columns.memoryAccessesPerPush = null;
  if (variant === 'array-push' || variant === 'array-preallocated' || pushes > simulatedPushesMax)
    return columns;
  const traffic = simulate(
    config,
    null,
    (sink) => void emitVecGrowth(sink, variant, pushes, ELEMENT_BYTES),
    0,
  );
  columns.simulatedAccessesPerPush = round(traffic.simulatedAccesses / pushes);
  for (const level of traffic.levels) columns[`${level.name}MissesPerPush`] = round(level.misses / pushes);
  columns.memoryAccessesPerPush = round(traffic.memoryAccesses / pushes);
  return columns;
}

/** Runs the experiment (see `vectorGrowthExperiment`). */
export async function runVectorGrowth(
  context: ExperimentContext,
  params: VectorGrowthParams,
): Promise<ExperimentResult<VectorGrowthParams>> {
  checkVectorGrowthParams(params);
  const { config } = simulationSetup(context);
  const points: ExperimentPoint[] = [];
  const total = params.pushCounts.length * VARIANT_IDS.length;
  let step = 0;
  context.progress(0, 'vector-growth: warming up the kernels');
  for (const variant of VARIANT_IDS) variantKernel(variant, PRE_WARM_PUSHES)(PRE_WARM_ROUNDS);
  for (const pushes of params.pushCounts) {
    for (const variant of VARIANT_IDS) {
      context.progress(step++ / total, `vector-growth: ${variant}, ${pushes} pushes`);
      await yieldToEventLoop();
      const counters = growthCounters(variant, pushes);
      const measurement = measureKernel(variantKernel(variant, pushes), {
        name: `${variant} ${pushes}`,
        samples: params.samples,
        maxTimeMs: params.maxTimeMsPerPoint,
        maxWarmupMs: params.maxTimeMsPerPoint * WARMUP_SHARE,
        minWarmupMs: Math.min(50, params.maxTimeMsPerPoint * WARMUP_SHARE),
        ...(pushes >= ONE_BUILD_PER_SAMPLE_FROM ? { iterationsPerSample: 1 } : {}),
      });
      points.push({
        section: 'growth',
        variant,
        pushes,
        nsPerPush: round(measurement.nsPerOp.median / pushes),
        nsPerPushMin: round(measurement.nsPerOp.min / pushes),
        samples: measurement.samplesNsPerOp.length,
        buildsPerSample: measurement.iterationsPerSample,
        reallocations: counters.reallocations,
        bytesCopied: counters.bytesCopied,
        finalCapacity: counters.finalCapacity,
        bytesPushed: pushes * ELEMENT_BYTES,
        ...trafficColumns(config, variant, pushes, params.simulatedPushesMax),
      });
    }
  }
  for (const exerciseStep of traceExercise()) points.push({ section: 'exercise', ...exerciseStep });
  context.progress(1, 'vector-growth: done');
  return {
    id: 'vector-growth',
    title: 'Vector growth',
    params,
    points,
    summary: summarise(points) as unknown as Record<string, unknown>,
  };
}
