/**
 * The clock every measurement reads: `performance.now()` scaled to nanoseconds.
 *
 * Why not `process.hrtime.bigint()`: both read the same monotonic clock, but the BigInt path
 * allocates a BigInt per reading and costs more per call (bench/harness.bench.ts, section
 * "Timer", compares the two). `performance.now()` counts milliseconds from process start, so
 * its double keeps sub-nanosecond precision for years of uptime.
 */

const clock = performance;

/** Monotonic time in nanoseconds since an arbitrary origin (process start). */
export function nowNs(): number {
  return clock.now() * 1e6;
}

/** Attempts that {@link measureTimerResolution} makes; the smallest positive step wins. */
const RESOLUTION_ATTEMPTS = 200;

/** Calls per round and rounds that {@link measureTimerOverhead} times; the fastest round wins. */
const OVERHEAD_CALLS_PER_ROUND = 1000;
const OVERHEAD_ROUNDS = 9;
/** Untimed rounds first, so the loop and the clock call are compiled before they are timed. */
const WARMUP_ROUNDS = 20;

/**
 * The smallest positive difference between two consecutive readings of {@link nowNs}, in ns:
 * the clock's effective resolution, which includes the cost of one reading. Always > 0.
 * Takes about a millisecond (most of it warming the loop up).
 */
export function measureTimerResolution(): number {
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < WARMUP_ROUNDS * RESOLUTION_ATTEMPTS; attempt++) {
    const first = nowNs();
    let next = nowNs();
    while (next === first) next = nowNs();
    // Only the last attempts count: the earlier ones ran before the JIT compiled this loop.
    if (attempt >= (WARMUP_ROUNDS - 1) * RESOLUTION_ATTEMPTS && next - first < best) best = next - first;
  }
  return best;
}

/**
 * The cost of one {@link nowNs} call, in ns: the smallest over rounds of (time of
 * {@link OVERHEAD_CALLS_PER_ROUND} back-to-back calls) / calls — the uncontended cost, as other
 * processes only ever add time. One sample of a measurement pays it once (the closing read),
 * which is why samples last ≫ this.
 */
export function measureTimerOverhead(): number {
  const perCall = new Float64Array(OVERHEAD_ROUNDS);
  let sink = 0;
  for (let round = -WARMUP_ROUNDS; round < OVERHEAD_ROUNDS; round++) {
    const start = nowNs();
    for (let i = 0; i < OVERHEAD_CALLS_PER_ROUND; i++) sink += nowNs();
    if (round >= 0) perCall[round] = (nowNs() - start) / (OVERHEAD_CALLS_PER_ROUND + 1);
  }
  perCall.sort();
  // Keep the readings observable so the loop cannot be folded away.
  if (sink === -1) perCall[0] = sink;
  return perCall[0]!;
}

/** The harness clock: `now()` in ns, plus its resolution and per-call overhead (measured on first use). */
export interface Timer {
  /** Monotonic nanoseconds since an arbitrary origin. */
  now(): number;
  /** Smallest observable step between two readings, ns (measured once, lazily). */
  readonly resolutionNs: number;
  /** Cost of one `now()` call, ns (measured once, lazily). */
  readonly overheadNs: number;
}

let cachedResolutionNs = 0;
let cachedOverheadNs = 0;

/**
 * The harness clock. `resolutionNs` and `overheadNs` are measured on first access and cached
 * for the life of the process.
 *
 * @example
 * ```ts
 * const start = timer.now();
 * work();
 * const elapsedNs = timer.now() - start; // trust it only when ≫ timer.resolutionNs
 * ```
 */
export const timer: Timer = {
  now: nowNs,
  get resolutionNs(): number {
    if (cachedResolutionNs === 0) cachedResolutionNs = measureTimerResolution();
    return cachedResolutionNs;
  },
  get overheadNs(): number {
    if (cachedOverheadNs === 0) cachedOverheadNs = measureTimerOverhead();
    return cachedOverheadNs;
  },
};
