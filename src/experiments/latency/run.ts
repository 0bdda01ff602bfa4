/** Runs the `latency` experiment: JS and native pointer chases, working set by working set. */
import { formatBytes } from '../../util/units.js';
import { measureKernel } from '../measure-stand-in.js';
import { nativeLatency, prepareNativeProgram } from '../native/index.js';
import { geometricMean, medianOf, ratio } from '../ratios.js';
import type { ExperimentContext, ExperimentResult } from '../types.js';
import {
  dataCaches,
  FALLBACK_MAX_WORKING_SET_BYTES,
  planSweepEnd,
  workingSetSizes,
} from '../working-sets.js';
import { chaseKernel, warmUpChase } from './chase.js';
import { type CurvePoint, detectKnees } from './knees.js';
import { cacheName, nameLevels } from './levels.js';
import { checkLatencyParams, type LatencyParams } from './params.js';
import { buildChase, type ChaseVariant, LINE_BYTES, WORDS_PER_LINE } from './permutation.js';
import type { LatencyLevel, LatencyPoint, LatencyReference, LatencySummary } from './summary.js';

/** Lets the event loop run (progress rendering, signals) between working sets. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Working sets from this size up are built in one reused arena (page faults cost ~0.7 s per
 * 64 MiB on the 2-vCPU VM); smaller ones get a fresh array: chasing a 6–46 KiB prefix of a
 * reused 64 MiB arena ran up to 2.6× slower than a fresh array there (L1-sized, unexplained,
 * not seen in C; .tmp diagnostics during development), while from 64 KiB up both agree.
 */
const ARENA_MIN_BYTES = 1024 * 1024;

/** The sweep ends at this multiple of the last-level cache. */
const LLC_MULTIPLE = 4;
const DEFAULT_PAGE_BYTES = 4096;

function curveOf(points: readonly LatencyPoint[], variant: ChaseVariant, native: boolean): CurvePoint[] {
  const curve: CurvePoint[] = [];
  for (const point of points) {
    if (point.variant !== variant) continue;
    const latencyNs = native ? point.nativeNsPerAccessMin : point.nsPerAccessMin;
    if (latencyNs !== null && latencyNs > 0) curve.push({ sizeBytes: point.workingSetBytes, latencyNs });
  }
  return curve;
}

/** Median of the curve over (sizeBytes / 2, sizeBytes]: the window the detector uses. */
function windowLatency(curve: readonly CurvePoint[], sizeBytes: number): number | null {
  return medianOf(
    curve.filter((p) => p.sizeBytes <= sizeBytes && p.sizeBytes >= sizeBytes / 2).map((p) => p.latencyNs),
  );
}

/** Runs the experiment (see `latencyExperiment`). */
export async function runLatency(
  context: ExperimentContext,
  requested: LatencyParams,
): Promise<ExperimentResult<LatencyParams>> {
  checkLatencyParams(requested);
  const machine = context.machine;
  const fallback = context.quick ? FALLBACK_MAX_WORKING_SET_BYTES.quick : FALLBACK_MAX_WORKING_SET_BYTES.full;
  const end = planSweepEnd(machine, LLC_MULTIPLE, fallback);
  const maxWorkingSetBytes = Math.max(
    requested.minWorkingSetBytes,
    requested.maxWorkingSetBytes ?? end.maxWorkingSetBytes,
  );
  const params: LatencyParams = { ...requested, maxWorkingSetBytes };
  const sweepNote = requested.maxWorkingSetBytes === null ? end.note : null;
  if (sweepNote !== null) context.log(`latency: ${sweepNote}`);
  const pageBytes =
    machine.pageBytes >= LINE_BYTES && machine.pageBytes % LINE_BYTES === 0
      ? machine.pageBytes
      : DEFAULT_PAGE_BYTES;
  const sizes = workingSetSizes(params.minWorkingSetBytes, maxWorkingSetBytes, params.pointsPerOctave);

  const program = params.native ? prepareNativeProgram() : null;
  const nativeProgram = program?.available ? program : null;
  const nativeUnavailable = program !== null && !program.available ? program.reason : null;
  if (nativeUnavailable !== null) context.log(nativeUnavailable);

  // Per variant: the JS sweep, then the native sweep in one child process (each side reuses
  // one arena, so pages are faulted in once per side).
  const points: LatencyPoint[] = [];
  warmUpChase();
  const arena = new Uint32Array((sizes[sizes.length - 1]! / LINE_BYTES) * WORDS_PER_LINE);
  const steps = params.variants.length * (sizes.length + (nativeProgram ? sizes.length : 0));
  let done = 0;
  for (const variant of params.variants) {
    const first = points.length;
    for (const workingSetBytes of sizes) {
      context.progress(done++ / steps, `latency ${variant} ${formatBytes(workingSetBytes)}`);
      // Built outside the timed region; the chase itself allocates nothing.
      const next = buildChase(
        variant,
        workingSetBytes,
        pageBytes,
        context.seed,
        workingSetBytes >= ARENA_MIN_BYTES ? arena : null,
      );
      const measurement = measureKernel(chaseKernel(next), {
        name: `chase ${variant} ${workingSetBytes}`,
        minSampleNs: params.minSampleNs,
        samples: params.runs,
        maxWarmupMs: context.quick ? 5 : 20,
        seed: context.seed,
      });
      points.push({
        variant,
        workingSetBytes,
        nsPerAccessMin: measurement.nsPerOp.min,
        nsPerAccessMedian: measurement.nsPerOp.median,
        nativeNsPerAccessMin: null,
        nativeNsPerAccessMedian: null,
        jsToNativeRatio: null,
      });
      await yieldToEventLoop();
    }
    if (nativeProgram) {
      context.progress(done / steps, `latency ${variant}: native reference`);
      const native = nativeLatency(
        nativeProgram,
        variant,
        context.seed,
        pageBytes,
        { minSampleNs: params.minSampleNs, samples: params.runs },
        sizes,
      );
      done += sizes.length;
      for (let k = 0; k < sizes.length; k++) {
        const point = points[first + k]!;
        const row = native[k];
        if (row === undefined || row.workingSetBytes !== point.workingSetBytes) {
          throw new Error(`native reference returned no point for ${point.workingSetBytes} B`);
        }
        point.nativeNsPerAccessMin = row.nsPerAccessMin;
        point.nativeNsPerAccessMedian = row.nsPerAccessMedian;
        point.jsToNativeRatio = ratio(point.nsPerAccessMin, row.nsPerAccessMin);
      }
    }
  }
  context.progress(1, 'latency done');

  const caches = dataCaches(machine);
  const mainVariant: ChaseVariant = params.variants.includes('random') ? 'random' : params.variants[0]!;
  const jsCurve = curveOf(points, mainVariant, false);
  const nativeCurve = curveOf(points, mainVariant, true);
  const knees = detectKnees(jsCurve);
  const pageLocalLevels =
    mainVariant === 'random' && params.variants.includes('page-local')
      ? detectKnees(curveOf(points, 'page-local', false)).levels
      : null;
  const detectedLevels: LatencyLevel[] = nameLevels(knees.levels, caches, pageLocalLevels).map((level) => {
    const nativeLatencyNs = nativeProgram ? windowLatency(nativeCurve, level.sizeBytes) : null;
    return { ...level, nativeLatencyNs, jsToNativeRatio: ratio(level.latencyNs, nativeLatencyNs) };
  });
  const nativeKnees = nativeProgram ? detectKnees(nativeCurve) : null;

  const mainPoints = points.filter((p) => p.variant === mainVariant);
  const references: LatencyReference[] = [];
  let below = 0;
  for (const cache of caches) {
    const fits = mainPoints.filter(
      (p) => p.workingSetBytes <= cache.sizeBytes / 2 && p.workingSetBytes > below,
    );
    const point = fits[fits.length - 1];
    below = cache.sizeBytes;
    if (point === undefined) continue;
    references.push(referenceOf(cacheName(cache), point));
  }
  const largest = mainPoints[mainPoints.length - 1];
  if (largest !== undefined) references.push(referenceOf('memory', largest));

  const summary: LatencySummary = {
    statistic: 'min',
    cacheSource: machine.source,
    pageBytes,
    knownCaches: caches.map((cache) => ({ name: cacheName(cache), sizeBytes: cache.sizeBytes })),
    sweepNote,
    lastLevelCacheBytes: end.lastLevelCacheBytes,
    detectedLevels,
    memoryLatencyNs: knees.beyondLatencyNs,
    pageLocalLevels,
    references,
    native: nativeProgram
      ? {
          compiler: nativeProgram.compiler,
          flags: nativeProgram.flags,
          detectedLevels: nativeKnees?.levels ?? [],
          memoryLatencyNs: nativeKnees?.beyondLatencyNs ?? null,
        }
      : null,
    nativeUnavailable,
    jsToNativeRatio: geometricMean(points.map((p) => p.jsToNativeRatio)),
  };
  return {
    id: 'latency',
    title: 'Memory latency by working-set size',
    params,
    points,
    summary: summary as unknown as Record<string, unknown>,
  };
}

function referenceOf(label: string, point: LatencyPoint): LatencyReference {
  return {
    label,
    workingSetBytes: point.workingSetBytes,
    jsNsPerAccess: point.nsPerAccessMin,
    nativeNsPerAccess: point.nativeNsPerAccessMin,
    jsToNativeRatio: point.jsToNativeRatio,
  };
}
