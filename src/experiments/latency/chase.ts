/**
 * The latency kernel: a dependent chain of loads. Each load's address is the previous load's
 * value, so no two accesses overlap and the time per step is the load-to-use latency of
 * whichever level of the hierarchy holds the line.
 *
 * Kept monomorphic: `chase` only ever sees `Uint32Array` and small integers. Why `Uint32Array`
 * and not `Int32Array`: V8 sign-extends an int32 index before each load (`movsxlq`, one more
 * cycle on the dependency chain), while a uint32 index is zero-extended for free; on the
 * 2-vCPU EPYC this made the L1 chase 1.72 ns (Int32Array) vs 1.44 ns (Uint32Array) vs 1.40 ns
 * native in a standalone script at idle-ish load; bench/native.bench.ts (section "Chase element
 * type") re-measures both each bench run.
 */

/**
 * Follows `steps` links of `next` from word index `start`; returns where it stopped.
 * Unchecked: `start` and every stored link must be valid indices of `next`.
 */
export function chase(next: Uint32Array, start: number, steps: number): number {
  let p = start >>> 0;
  for (let i = 0; i < steps; i++) p = next[p]!;
  return p;
}

/**
 * A measurement kernel over one chase array: `kernel(n)` performs `n` accesses, continuing
 * the chase where the previous call stopped (the chain never restarts, so the caches see one
 * long cycle), and returns the position reached (the sink).
 */
export function chaseKernel(next: Uint32Array): (accesses: number) => number {
  let position = 0;
  return (accesses: number): number => {
    position = chase(next, position, accesses);
    return position;
  };
}

/**
 * Gets `chase` optimised before anything is timed: ~2 ms of chasing a tiny cycle, in calls
 * long enough for the optimising compiler to replace the whole function (not only the
 * loop, via on-stack replacement). Without it the first few working sets of a sweep ran
 * up to 2× slower than later ones on Node 20. Returns a sink.
 */
export function warmUpChase(): number {
  const next = new Uint32Array(64 * WORDS_PER_LINE_FOR_WARM_UP);
  for (let line = 0; line < 64; line++)
    next[line * WORDS_PER_LINE_FOR_WARM_UP] = ((line + 1) % 64) * WORDS_PER_LINE_FOR_WARM_UP;
  let sink = 0;
  for (let call = 0; call < 400; call++) sink = chase(next, sink, 5000);
  return sink;
}

const WORDS_PER_LINE_FOR_WARM_UP = 16;
