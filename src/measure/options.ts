/**
 * Options of `measureKernel`, their defaults (each performance constant cites the bench that
 * chose it) and their validation.
 */
import { DEFAULT_STATS_SEED } from './stats.js';

/**
 * Default shortest sample, ns. bench/harness.bench.ts, section "Sample length", measures the
 * empty, integer-add and Float64Array-sum kernels with 1, 10 and 100 µs samples: 1 µs reads
 * ~5% high (the closing clock read, ~40–50 ns, section "Timer"), 100 µs samples are cut by other
 * processes' time slices on a shared machine (p10–p90 spread 15–40%), 10 µs had the lowest
 * spread and medians equal to mitata's one-call-per-sample p50 (section "vs mitata").
 */
export const DEFAULT_MIN_SAMPLE_NS = 10_000;
/** Default number of measured samples. */
export const DEFAULT_SAMPLES = 15;
/**
 * Default shortest warm-up, ms. V8 compiles optimised code concurrently and keeps running the
 * slower tier meanwhile, so a kernel can look "stable" for a while before it tiers up.
 * bench/harness.bench.ts, section "Warm-up", times the trivial kernels from cold in fresh
 * processes: they reached their final speed after 0–41 ms on this loaded 2-core machine.
 */
export const DEFAULT_MIN_WARMUP_MS = 50;
/** Default warm-up budget, ms. */
export const DEFAULT_MAX_WARMUP_MS = 500;
/** Default overall budget per kernel (warm-up and samples, not the cached baseline), ms. */
export const DEFAULT_MAX_TIME_MS = 2000;
/** Samples per warm-up window; two consecutive window medians are compared. */
export const WARMUP_WINDOW = 5;
/** Relative difference of consecutive warm-up window medians that counts as stable. */
export const WARMUP_TOLERANCE = 0.05;
/** Calibration never asks for more iterations than this (stays in int31 for the kernel's loop). */
export const MAX_ITERATIONS = 2 ** 30;
/**
 * A kernel whose median ns/op is at most this multiple of the empty kernel's is flagged
 * "probably optimised away" (the same factor mitata applies against its no-op,
 * mitata `src/main.mjs`, `optimized_out`).
 */
export const OPTIMISED_AWAY_RATIO = 1.42;

/** How to measure a kernel. Every field is optional. */
export interface MeasureOptions {
  /** Label of the measurement (default: the kernel function's name, or `"kernel"`). */
  name?: string;
  /** Each sample lasts at least this long, ns (default {@link DEFAULT_MIN_SAMPLE_NS}). */
  minSampleNs?: number;
  /** Measured samples (default {@link DEFAULT_SAMPLES}). */
  samples?: number;
  /** Warm up at least this long, ms (default {@link DEFAULT_MIN_WARMUP_MS}, capped at `maxWarmupMs`). */
  minWarmupMs?: number;
  /** Warm up until JIT-stable or this budget, ms (default {@link DEFAULT_MAX_WARMUP_MS}). */
  maxWarmupMs?: number;
  /** Overall budget per kernel, ms (default {@link DEFAULT_MAX_TIME_MS}); at least `MIN_SAMPLES` (3) samples are taken. */
  maxTimeMs?: number;
  /**
   * Collect garbage before each sample when `global.gc` exists (run Node with `--expose-gc`,
   * or use `runIsolated`). Default false: a collection walks the heap and evicts the kernel's
   * working set from the caches, which biases small working sets.
   */
  gc?: boolean;
  /** Seed of the bootstrap confidence interval (default 1). */
  seed?: number;
  /** Skip calibration and use exactly this many iterations per sample. */
  iterationsPerSample?: number;
}

/** Options with defaults applied and validated. */
export interface Settings {
  minSampleNs: number;
  samples: number;
  minWarmupMs: number;
  maxWarmupMs: number;
  maxTimeMs: number;
  gc: boolean;
  seed: number;
  iterationsPerSample: number;
}

/** Applies defaults and validates; throws `RangeError` naming the bad option. */
export function resolveSettings(options: MeasureOptions): Settings {
  return {
    minSampleNs: positive('minSampleNs', options.minSampleNs ?? DEFAULT_MIN_SAMPLE_NS),
    samples: positiveInteger('samples', options.samples ?? DEFAULT_SAMPLES),
    minWarmupMs: nonNegative('minWarmupMs', options.minWarmupMs ?? DEFAULT_MIN_WARMUP_MS),
    maxWarmupMs: nonNegative('maxWarmupMs', options.maxWarmupMs ?? DEFAULT_MAX_WARMUP_MS),
    maxTimeMs: positive('maxTimeMs', options.maxTimeMs ?? DEFAULT_MAX_TIME_MS),
    gc: options.gc ?? false,
    seed: options.seed ?? DEFAULT_STATS_SEED,
    iterationsPerSample:
      options.iterationsPerSample === undefined
        ? 0
        : positiveInteger('iterationsPerSample', options.iterationsPerSample),
  };
}

function positive(what: string, value: number): number {
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
    throw new RangeError(`measureKernel: ${what} must be a positive number, got ${String(value)}`);
  }
  return value;
}

function nonNegative(what: string, value: number): number {
  if (!(typeof value === 'number' && value >= 0 && Number.isFinite(value))) {
    throw new RangeError(`measureKernel: ${what} must be a non-negative number, got ${String(value)}`);
  }
  return value;
}

function positiveInteger(what: string, value: number): number {
  if (!(Number.isInteger(value) && value >= 1)) {
    throw new RangeError(`measureKernel: ${what} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
