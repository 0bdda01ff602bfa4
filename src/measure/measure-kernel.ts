/**
 * `measureKernel`: times a {@link Kernel} so that what is measured is the hardware, not the
 * JIT or the clock.
 *
 * How, and why this way:
 * - The kernel owns its loop: the harness calls `kernel(iterations)` once per sample, so the
 *   call (and the megamorphic call site in this file, shared by every kernel) costs a few ns
 *   per sample, amortised over `iterations` operations. The kernel's own loop is optimised as
 *   that kernel's code, monomorphic in whatever it touches. No code is generated per kernel.
 * - Calibration doubles `iterations` until one sample lasts ≥ `minSampleNs`, far above the
 *   clock's resolution and per-read overhead (see {@link timer}).
 * - Warm-up runs samples for at least `minWarmupMs` and until the medians of two consecutive
 *   windows of {@link WARMUP_WINDOW} samples agree within {@link WARMUP_TOLERANCE} (the JIT
 *   has settled), or the warm-up budget runs out; calibration restarts if the JIT makes
 *   samples too short.
 * - A batch of samples whose median is over {@link STALLED_MEDIAN_TO_MIN} × its minimum was
 *   taken while the machine stalled (host page faults, GC marking steps): it is set aside
 *   (kept in `stalledBatches`) and the batch is taken again, at most {@link MAX_RESAMPLES} times.
 * - Every return value is sunk. The empty kernel is measured the same way (cached per
 *   settings) and reported next to the kernel's figures; nothing is subtracted.
 */

import {
  DEFAULT_MAX_TIME_MS,
  DEFAULT_MAX_WARMUP_MS,
  DEFAULT_MIN_WARMUP_MS,
  MAX_ITERATIONS,
  type MeasureOptions,
  OPTIMISED_AWAY_RATIO,
  resolveSettings,
  type Settings,
  WARMUP_TOLERANCE,
  WARMUP_WINDOW,
} from './options.js';
import { blackhole } from './sink.js';
import { computeStats, median } from './stats.js';
import { nowNs } from './timer.js';
import type { Kernel, Stats } from './types.js';

/** The result of {@link measureKernel}. All times are ns per operation (one kernel iteration). */
export interface Measurement {
  name: string;
  /** Iterations per sample chosen by calibration (or given). */
  iterationsPerSample: number;
  /** Statistics of the samples' ns per operation. */
  nsPerOp: Stats;
  /** Every sample's ns per operation of the reported batch, in the order taken; nothing dropped. */
  samplesNsPerOp: number[];
  /**
   * Batches set aside because their median was over {@link STALLED_MEDIAN_TO_MIN} × their
   * minimum (the machine stalled), oldest first, at most {@link MAX_RESAMPLES}; kept for the
   * record. Empty for a measurement taken in one go.
   */
  stalledBatches: number[][];
  /** Median ns per operation of the empty kernel, measured the same way; not subtracted. */
  baselineNsPerOp: number;
  /**
   * True when the kernel's median is within {@link OPTIMISED_AWAY_RATIO} × the baseline, or when
   * even {@link MAX_ITERATIONS} iterations did not fill one sample: its work probably vanished.
   * The comparison is per iteration, against one empty-loop iteration: a kernel whose iteration
   * is less than one loop trip (an unrolled loop counting elements) should count iterations in
   * loop trips, or read this flag with that in mind.
   */
  probablyOptimisedAway: boolean;
  /** Sum of every value the kernel returned (defeats dead-code elimination; meaningless otherwise). */
  sink: number;
  /** Samples run during calibration and warm-up (not part of `samplesNsPerOp`). */
  warmupSamples: number;
  /** Whether warm-up reached stability before its budget ran out. */
  warmupStable: boolean;
  /** Whether the overall budget cut the measured samples short. */
  budgetExhausted: boolean;
  /** Whether garbage was collected before each sample. */
  gcBetweenSamples: boolean;
}

/**
 * The empty kernel: a loop that does nothing per iteration. Its ns/op is the harness floor
 * every measurement reports as `baselineNsPerOp`.
 */
export function emptyKernel(iterations: number): number {
  let i = 0;
  for (; i < iterations; i++) {
    // Nothing: this loop is the cost of the loop itself.
  }
  return i;
}

/**
 * Measures `kernel`: calibrates iterations per sample, warms up until the JIT is stable,
 * takes `samples` samples (each ≥ `minSampleNs`), and reports ns per operation with
 * statistics, next to the empty-kernel baseline. Synchronous: nothing awaits while timing.
 * Build the kernel's inputs before calling; the kernel should return a value derived from its
 * work.
 *
 * @example
 * ```ts
 * const data = new Float64Array(1024).fill(1);
 * const m = measureKernel((iterations) => {
 *   let sum = 0;
 *   for (let r = 0; r < iterations; r++) for (let i = 0; i < data.length; i++) sum += data[i]!;
 *   return sum;
 * }, { name: 'sum 1024' });
 * m.nsPerOp.median / 1024; // ns per element
 * ```
 */
export function measureKernel(kernel: Kernel, options: MeasureOptions = {}): Measurement {
  if (typeof kernel !== 'function') throw new TypeError('measureKernel: kernel must be a function');
  const settings = resolveSettings(options);
  const run = runSamples(kernel, settings, true);
  const baseline = baselineFor(settings);
  const nsPerOp = computeStats(run.samplesNsPerOp, settings.seed);
  return {
    name: options.name ?? (kernel.name !== '' ? kernel.name : 'kernel'),
    iterationsPerSample: run.iterations,
    nsPerOp,
    samplesNsPerOp: run.samplesNsPerOp,
    stalledBatches: run.stalledBatches,
    baselineNsPerOp: baseline,
    probablyOptimisedAway: run.calibrationCapped || nsPerOp.median <= OPTIMISED_AWAY_RATIO * baseline,
    sink: run.sink,
    warmupSamples: run.warmupSamples,
    warmupStable: run.warmupStable,
    budgetExhausted: run.budgetExhausted,
    gcBetweenSamples: run.gcBetweenSamples,
  };
}

interface SampleRun {
  iterations: number;
  samplesNsPerOp: number[];
  stalledBatches: number[][];
  sink: number;
  warmupSamples: number;
  warmupStable: boolean;
  budgetExhausted: boolean;
  calibrationCapped: boolean;
  gcBetweenSamples: boolean;
}

/**
 * Samples taken even when the budget has run out (or all of them, if fewer were asked for):
 * a median of three survives one sample hit by a descheduling or a page-fault storm, where a
 * single sample would be reported as the kernel's cost (a 128 MiB random-touch point once
 * read 5 µs per access instead of ~12 ns that way).
 */
export const MIN_SAMPLES = 3;

/**
 * A batch whose median is this many times its minimum was taken while the machine stalled
 * (the same work per sample cannot legitimately vary that much): it is set aside and the
 * samples are taken again. Seen on this VM: a 256 MiB random-touch batch at a median of
 * 7.8 µs per touch against ~9 ns (host page faults), and 8 of 15 samples of a 128 MiB
 * sequential batch at ~21 ns against 0.8 (incremental GC marking).
 */
export const STALLED_MEDIAN_TO_MIN = 4;

/** Batches taken again at most this many times before the last one is reported anyway. */
export const MAX_RESAMPLES = 2;

/** Batches set aside as stalled in this process so far (see {@link stalledBatchCount}). */
let stalledBatchesTotal = 0;

/**
 * How many sample batches every {@link measureKernel} call of this process has set aside as
 * stalled so far: a runner reads it before and after an experiment to tell the user that the
 * machine stalled while it was measured.
 */
export function stalledBatchCount(): number {
  return stalledBatchesTotal;
}

/** Whether a batch looks like it was taken during a stall (see {@link STALLED_MEDIAN_TO_MIN}). */
function looksStalled(samplesNsPerOp: readonly number[]): boolean {
  if (samplesNsPerOp.length < MIN_SAMPLES) return false;
  return median(samplesNsPerOp) > STALLED_MEDIAN_TO_MIN * Math.min(...samplesNsPerOp);
}

/** The last value a kernel returned, parked outside the timed region. */
let lastResult = 0;

/** One sample: ns for `kernel(iterations)`. The only code between the two clock reads is the call. */
function timeOnce(kernel: Kernel, iterations: number): number {
  const start = nowNs();
  const result = kernel(iterations);
  const elapsedNs = nowNs() - start;
  lastResult = result;
  blackhole(result);
  return elapsedNs;
}

/** Samples `kernel`; `resample`: set stalled batches aside and sample again (not for the baseline). */
function runSamples(kernel: Kernel, settings: Settings, resample: boolean): SampleRun {
  const startNs = nowNs();
  const deadlineNs = startNs + settings.maxTimeMs * 1e6;
  const warmupDeadlineNs = Math.min(deadlineNs, startNs + settings.maxWarmupMs * 1e6);
  const warmupFloorNs = startNs + settings.minWarmupMs * 1e6;
  const fixedIterations = settings.iterationsPerSample > 0;
  let iterations = fixedIterations ? settings.iterationsPerSample : 1;
  let sink = 0;
  let warmupSamples = 0;
  let warmupStable = false;
  let calibrationCapped = false;
  const window = new Float64Array(WARMUP_WINDOW);
  let filled = 0;
  let previousMedian = Number.NaN;
  let calibrated = fixedIterations;
  // Calibration may use the whole budget (a sample must be long enough); warm-up only its own.
  while (nowNs() < (calibrated ? warmupDeadlineNs : deadlineNs)) {
    const elapsedNs = timeOnce(kernel, iterations);
    sink += lastResult;
    warmupSamples++;
    if (!fixedIterations && elapsedNs < settings.minSampleNs) {
      if (iterations < MAX_ITERATIONS) {
        // Too short for the clock: double and start the stability check over.
        iterations *= 2;
        calibrated = false;
        filled = 0;
        previousMedian = Number.NaN;
        continue;
      }
      calibrationCapped = true;
    }
    calibrated = true;
    window[filled++] = elapsedNs / iterations;
    if (filled === WARMUP_WINDOW) {
      const windowMedian = median(window);
      if (
        Math.abs(windowMedian - previousMedian) <= WARMUP_TOLERANCE * previousMedian &&
        nowNs() >= warmupFloorNs
      ) {
        warmupStable = true;
        break;
      }
      previousMedian = windowMedian;
      filled = 0;
    }
  }
  const collect = settings.gc && typeof globalThis.gc === 'function' ? globalThis.gc : undefined;
  let samplesNsPerOp: number[] = [];
  const stalledBatches: number[][] = [];
  let budgetExhausted = false;
  const floor = Math.min(settings.samples, MIN_SAMPLES);
  for (;;) {
    samplesNsPerOp = [];
    for (let s = 0; s < settings.samples; s++) {
      if (s >= floor && nowNs() >= deadlineNs) {
        budgetExhausted = true;
        break;
      }
      if (collect !== undefined) collect();
      const elapsedNs = timeOnce(kernel, iterations);
      sink += lastResult;
      samplesNsPerOp.push(elapsedNs / iterations);
    }
    if (!resample || stalledBatches.length >= MAX_RESAMPLES || !looksStalled(samplesNsPerOp)) break;
    stalledBatches.push(samplesNsPerOp);
    stalledBatchesTotal++;
  }
  return {
    iterations,
    samplesNsPerOp,
    stalledBatches,
    sink,
    warmupSamples,
    warmupStable,
    budgetExhausted,
    calibrationCapped,
    gcBetweenSamples: collect !== undefined,
  };
}

/** Baseline medians per sampling settings (sample length, count, gc, fixed iterations), measured once per process. */
const baselineCache = new Map<string, number>();

function baselineFor(settings: Settings): number {
  const key = `${settings.minSampleNs}/${settings.samples}/${settings.gc}/${settings.iterationsPerSample}`;
  const cached = baselineCache.get(key);
  if (cached !== undefined) return cached;
  // Cached for the whole process, so it always gets at least the default warm-up: a baseline
  // caught before tier-up would make every later kernel look "optimised away".
  const run = runSamples(
    emptyKernel,
    {
      ...settings,
      minWarmupMs: Math.max(settings.minWarmupMs, DEFAULT_MIN_WARMUP_MS),
      maxWarmupMs: Math.max(settings.maxWarmupMs, DEFAULT_MAX_WARMUP_MS),
      maxTimeMs: Math.max(settings.maxTimeMs, DEFAULT_MAX_TIME_MS),
    },
    false,
  );
  const baselineNsPerOp = median(run.samplesNsPerOp);
  baselineCache.set(key, baselineNsPerOp);
  return baselineNsPerOp;
}
