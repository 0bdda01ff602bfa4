/**
 * Rounds: a sweep taken more than once, each point keeping its best round. This VM's host
 * stalls it, or loads its sibling hardware thread, for longer than one point's samples last
 * (latency and bandwidth ratios swung 0.4–1.1 between back-to-back runs on the 2-vCPU machine,
 * 2026-11-26), so the samples of one pass cannot set those periods aside; a later round
 * usually misses them. Where JS is compared with the native reference, the two alternate in
 * ABBA order (JS, native, native, JS, …) so that neither side always runs later.
 */

/** The round with the lowest `cost` (the first of equals); `RangeError` when there is none. */
export function bestRound<T>(rounds: readonly T[], cost: (round: T) => number): T {
  if (rounds.length === 0) throw new RangeError('bestRound needs at least one round');
  let best = rounds[0] as T;
  for (const round of rounds) if (cost(round) < cost(best)) best = round;
  return best;
}

/** One side's minimum and median time at one point, in one round. */
export interface RoundTiming {
  min: number;
  median: number;
}

/** The round with the lowest minimum (its median with it); `RangeError` when there is none. */
export function fastestRound<T extends RoundTiming>(rounds: readonly T[]): T {
  return bestRound(rounds, (round) => round.min);
}

/** Whether the native reference goes first in round `round` (ABBA: rounds 1, 3, 5, …). */
export function nativeFirst(round: number): boolean {
  return round % 2 === 1;
}

/**
 * Runs `rounds` rounds of the JS sweep and, when there is one, the native sweep, in ABBA order
 * (JS then native, native then JS, …), and returns each side's sweeps in round order.
 */
export async function alternateRounds<JsSweep, NativeSweep>(
  rounds: number,
  jsSweep: () => Promise<JsSweep>,
  nativeSweep: (() => NativeSweep) | null,
): Promise<{ js: JsSweep[]; native: NativeSweep[] }> {
  const js: JsSweep[] = [];
  const native: NativeSweep[] = [];
  for (let round = 0; round < rounds; round++) {
    const nativeBefore = nativeSweep !== null && nativeFirst(round);
    if (nativeBefore) native.push(nativeSweep());
    js.push(await jsSweep());
    if (nativeSweep !== null && !nativeBefore) native.push(nativeSweep());
  }
  return { js, native };
}
