/** Runs the `latency` experiment: JS and native pointer chases, working set by working set. */

import { measureKernel } from '../../measure/index.js';
import { formatBytes } from '../../util/units.js';
import { type NativeProgram, nativeLatency, prepareNativeProgram } from '../native/index.js';
import { geometricMean, ratio } from '../ratios.js';
import { alternateRounds, fastestRound, type RoundTiming } from '../rounds.js';
import type { ExperimentContext, ExperimentResult } from '../types.js';
import {
  dataCaches,
  FALLBACK_MAX_WORKING_SET_BYTES,
  MAX_PLAUSIBLE_LLC_BYTES,
  planSweepEnd,
  warmUpOptions,
  workingSetSizes,
} from '../working-sets.js';
import { chaseKernel, warmUpChase } from './chase.js';
import { type CurvePoint, detectKnees } from './knees.js';
import { cacheName, levelsFromCurves, windowLatency } from './levels.js';
import { checkLatencyParams, type LatencyParams } from './params.js';
import { buildChase, type ChaseVariant, LINE_BYTES, WORDS_PER_LINE } from './permutation.js';
import type { LatencyLevel, LatencyPoint, LatencyReference, LatencySummary } from './summary.js';

/** Lets the event loop run (progress rendering, signals) between working sets. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Working sets from this size up are built in one reused arena (page faults cost ~0.7 s per
 * 64 MiB on the 2-vCPU VM); smaller ones get a fresh array: chasing a 6–46 KiB prefix of a
 * reused 64 MiB arena ran up to 2.6× slower than a fresh array there (L1-sized, unexplained,
 * not seen in C; standalone scripts during development), while from 64 KiB up both agree.
 */
const ARENA_MIN_BYTES = 1024 * 1024;

/**
 * Least warm-up of a chase, per MiB of working set (capped by the harness's longest warm-up),
 * on both sides. Building a chase leaves the last-level cache full of dirty lines, and the
 * first misses pay their write-backs: back to back at 128 MiB, the native chase measured right
 * after its calibration read 218–304 ns (minimum of 15 samples) against 169–249 after 100 ms of
 * chasing (standalone runs, 2026-11-26), while the JS harness had always warmed up for 10–200 ms.
 */
const CHASE_WARMUP_MS_PER_MIB = 1;

/** The least warm-up (ms) of a chase over `workingSetBytes`, JS and native alike. */
export function chaseWarmupMs(workingSetBytes: number, quick: boolean): number {
  const { minWarmupMs, maxWarmupMs } = warmUpOptions(quick);
  return Math.min(maxWarmupMs, Math.max(minWarmupMs, (workingSetBytes / 2 ** 20) * CHASE_WARMUP_MS_PER_MIB));
}

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
    requested.maxWorkingSetBytes === 0 ? end.maxWorkingSetBytes : requested.maxWorkingSetBytes,
  );
  const params: LatencyParams = { ...requested, maxWorkingSetBytes };
  const sweepNote = requested.maxWorkingSetBytes === 0 ? end.note : null;
  if (sweepNote !== null) context.log(sweepNote);
  const pageBytes =
    machine.pageBytes >= LINE_BYTES && machine.pageBytes % LINE_BYTES === 0
      ? machine.pageBytes
      : DEFAULT_PAGE_BYTES;
  const sizes = workingSetSizes(params.minWorkingSetBytes, maxWorkingSetBytes, params.pointsPerOctave);

  const program = params.native ? prepareNativeProgram() : null;
  const nativeProgram = program?.available ? program : null;
  const nativeUnavailable = program !== null && !program.available ? program.reason : null;
  if (nativeUnavailable !== null) context.log(nativeUnavailable);

  // Rounds of the JS sweeps and the native sweeps (one child process per round), in ABBA
  // order; each side keeps, per point, its round with the lowest minimum (src/experiments/rounds.ts).
  // Pairing JS and native sample by sample instead (a native chase server taking turns with the
  // JS chase) was built and measured on 2026-11-26, and dropped: between samples each side
  // evicted the other's working set from the shared caches, so page-local chases of 53 KiB–
  // 1.4 MiB read JS 1.2–1.56× native and random chases of 2–11 MiB 0.2–5.9× in three runs out
  // of three, with or without both processes pinned to one CPU.
  warmUpChase();
  const arena = new Uint32Array((sizes[sizes.length - 1]! / LINE_BYTES) * WORDS_PER_LINE);
  // The extra rounds of the largest working set (main memory) of the main variant.
  const mainVariant: ChaseVariant = params.variants.includes('random') ? 'random' : params.variants[0]!;
  const largestBytes = sizes[sizes.length - 1]!;
  const memoryRounds = nativeProgram ? params.memoryRounds : 0;
  const sides = nativeProgram ? 2 : 1;
  const steps = (params.variants.length * sizes.length * params.rounds + memoryRounds) * sides;
  let done = 0;
  const jsSweep = async (
    variants: readonly ChaseVariant[],
    sweep: readonly number[],
  ): Promise<RoundTiming[]> => {
    const timings: RoundTiming[] = [];
    for (const variant of variants) {
      for (const workingSetBytes of sweep) {
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
          ...warmUpOptions(context.quick),
          minWarmupMs: chaseWarmupMs(workingSetBytes, context.quick),
          seed: context.seed,
        });
        timings.push({ min: measurement.nsPerOp.min, median: measurement.nsPerOp.median });
        await yieldToEventLoop();
      }
    }
    return timings;
  };
  const nativeSweep = (
    program: NativeProgram,
    variants: readonly ChaseVariant[],
    sweep: readonly number[],
  ): RoundTiming[] => {
    context.progress(done / steps, 'latency: native reference');
    done += variants.length * sweep.length;
    const native = nativeLatency(
      program,
      variants,
      context.seed,
      pageBytes,
      {
        minSampleNs: params.minSampleNs,
        samples: params.runs,
        warmupMs: (bytes) => chaseWarmupMs(bytes, context.quick),
      },
      sweep,
    );
    const expected = variants.flatMap((variant) => sweep.map((bytes) => ({ variant, bytes })));
    if (native.length !== expected.length)
      throw new Error('native reference returned a different number of points');
    return native.map((row, k) => {
      const { variant, bytes } = expected[k]!;
      if (row.workingSetBytes !== bytes || row.variant !== variant) {
        throw new Error(`native reference point ${k} is not ${variant} ${bytes} B`);
      }
      return { min: row.nsPerAccessMin, median: row.nsPerAccessMedian };
    });
  };
  const { js: jsRounds, native: nativeRounds } = await alternateRounds(
    params.rounds,
    () => jsSweep(params.variants, sizes),
    nativeProgram === null ? null : () => nativeSweep(nativeProgram, params.variants, sizes),
  );
  const memory = await alternateRounds(
    memoryRounds,
    () => jsSweep([mainVariant], [largestBytes]),
    nativeProgram === null ? null : () => nativeSweep(nativeProgram, [mainVariant], [largestBytes]),
  );
  const points: LatencyPoint[] = [];
  let k = 0;
  for (const variant of params.variants) {
    for (const workingSetBytes of sizes) {
      const extra = variant === mainVariant && workingSetBytes === largestBytes;
      const jsTimings = jsRounds.map((timings) => timings[k]!);
      const nativeTimings = nativeRounds.map((timings) => timings[k]!);
      if (extra) {
        jsTimings.push(...memory.js.map((timings) => timings[0]!));
        nativeTimings.push(...memory.native.map((timings) => timings[0]!));
      }
      const js = fastestRound(jsTimings);
      const native = nativeTimings.length > 0 ? fastestRound(nativeTimings) : null;
      points.push({
        variant,
        workingSetBytes,
        nsPerAccessMin: js.min,
        nsPerAccessMedian: js.median,
        nativeNsPerAccessMin: native?.min ?? null,
        nativeNsPerAccessMedian: native?.median ?? null,
        jsToNativeRatio: native === null ? null : ratio(js.min, native.min),
      });
      k++;
    }
  }
  context.progress(1, 'latency done');

  const caches = dataCaches(machine);
  const jsCurve = curveOf(points, mainVariant, false);
  const nativeCurve = curveOf(points, mainVariant, true);
  const knees = detectKnees(jsCurve);
  const pageLocalCurve =
    mainVariant === 'random' && params.variants.includes('page-local')
      ? curveOf(points, 'page-local', false)
      : null;
  const pageLocalLevels = pageLocalCurve === null ? null : detectKnees(pageLocalCurve).levels;
  const detectedLevels: LatencyLevel[] = levelsFromCurves(jsCurve, pageLocalCurve, caches).map((level) => {
    const nativeLatencyNs = nativeProgram ? windowLatency(nativeCurve, level.sizeBytes) : null;
    return { ...level, nativeLatencyNs, jsToNativeRatio: ratio(level.latencyNs, nativeLatencyNs) };
  });
  const nativeKnees = nativeProgram ? detectKnees(nativeCurve) : null;

  const mainPoints = points.filter((p) => p.variant === mainVariant);
  const references: LatencyReference[] = [];
  let below = 0;
  for (const cache of caches) {
    if (cache.sizeBytes > MAX_PLAUSIBLE_LLC_BYTES) continue; // a VM's bogus total, not a cache
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
    detectedLevels,
    memoryLatencyNs: knees.beyondLatencyNs,
    jsToNativeRatio: geometricMean(points.map((p) => p.jsToNativeRatio)),
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
    sweepNote,
    statistic: 'min',
    cacheSource: machine.source,
    pageBytes,
    knownCaches: caches.map((cache) => ({ name: cacheName(cache), sizeBytes: cache.sizeBytes })),
    lastLevelCacheBytes: end.lastLevelCacheBytes,
    pageLocalLevels,
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
