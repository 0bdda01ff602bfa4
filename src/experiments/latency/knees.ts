/**
 * Knee detection: turns a latency curve (ns per access against working-set size) into the
 * levels of the hierarchy it reveals. Pure functions, no I/O.
 *
 * In log–log coordinates a level is a flat stretch and its capacity is where the curve
 * bends upward: a random chase through a cache of C bytes still hits it with probability
 * C/W once the working set W exceeds C, so the curve leaves the plateau steeply right
 * after C and then rises ever more slowly into the next level. For every point we fit a
 * least-squares slope over one octave to its left and one to its right; a knee is a point
 * whose right slope exceeds both zero and its left slope by at least `minBendPerOctave`, whose left side
 * is flat, whose windows are both complete (so no knee within one window of either end), and which bends more than any other point within one window (non-maximum
 * suppression); the knee then moves right while the next point (or, past one noisy
 * point, the one after) stays within `plateauTolerance` of the plateau. The level's latency is the median over the window left
 * of its knee.
 */

/** Slack when comparing distances in octaves: sweep sizes are rounded to whole lines. */
const SLACK_OCTAVES = 0.01;

/** One point of a latency curve. */
export interface CurvePoint {
  sizeBytes: number;
  latencyNs: number;
}

/** A level found on the curve: its knee and its latency. */
export interface DetectedLevel {
  /** The largest working set that still ran at this level's latency (the knee). */
  sizeBytes: number;
  /** Median latency over the window of working sets just below the knee. */
  latencyNs: number;
}

/** Tuning of the detector (defaults chosen on the synthetic curves of knees.test.ts). */
export interface KneeOptions {
  /** Width of the left and right slope windows, in octaves of size (default 1). */
  windowOctaves?: number;
  /** Least bend (right slope − left slope, in ln(ns) per octave) of a knee (default 0.3). */
  minBendPerOctave?: number;
  /** Steepest left slope (ln(ns) per octave) a knee may have: the plateau end (default 0.25). */
  maxLeftSlopePerOctave?: number;
  /** A point within this fraction above the plateau's latency still belongs to it (default 0.15). */
  plateauTolerance?: number;
}

/** What the curve says: the levels with knees, and the latency beyond the last one. */
export interface KneeResult {
  levels: DetectedLevel[];
  /**
   * Median latency over the last window of the curve when it lies at least one window
   * beyond the last knee (main memory, if the sweep went far enough), else null.
   */
  beyondLatencyNs: number | null;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

function checkCurve(curve: readonly CurvePoint[]): void {
  for (let i = 0; i < curve.length; i++) {
    const point = curve[i]!;
    if (!(point.sizeBytes > 0) || !(point.latencyNs > 0) || !Number.isFinite(point.latencyNs)) {
      throw new RangeError(`curve point ${i} needs positive sizeBytes and latencyNs`);
    }
    if (i > 0 && point.sizeBytes <= curve[i - 1]!.sizeBytes) {
      throw new RangeError(`curve sizes must increase strictly (point ${i})`);
    }
  }
}

/** Least-squares slope of y over x for indices [from, to]; NaN with fewer than 2 points. */
function slope(x: readonly number[], y: readonly number[], from: number, to: number): number {
  const n = to - from + 1;
  if (n < 2) return Number.NaN;
  let meanX = 0;
  let meanY = 0;
  for (let i = from; i <= to; i++) {
    meanX += x[i]!;
    meanY += y[i]!;
  }
  meanX /= n;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = from; i <= to; i++) {
    sxy += (x[i]! - meanX) * (y[i]! - meanY);
    sxx += (x[i]! - meanX) ** 2;
  }
  return sxy / sxx;
}

/**
 * The bend at every point (right slope − left slope, ln(ns) per octave) and the left slope;
 * NaN where a window has fewer than two points. O(n · points per window).
 */
export function bends(
  curve: readonly CurvePoint[],
  windowOctaves = 1,
): { bendPerOctave: number[]; leftSlopePerOctave: number[] } {
  checkCurve(curve);
  const x = curve.map((p) => Math.log2(p.sizeBytes));
  const y = curve.map((p) => Math.log(p.latencyNs));
  const bendPerOctave: number[] = [];
  const leftSlopePerOctave: number[] = [];
  let left = 0;
  let right = 0;
  for (let i = 0; i < curve.length; i++) {
    while (x[i]! - x[left]! > windowOctaves + SLACK_OCTAVES) left++;
    if (right < i) right = i;
    while (right + 1 < curve.length && x[right + 1]! - x[i]! <= windowOctaves + SLACK_OCTAVES) right++;
    const leftSlope = slope(x, y, left, i);
    leftSlopePerOctave.push(leftSlope);
    bendPerOctave.push(slope(x, y, i, right) - leftSlope);
  }
  return { bendPerOctave, leftSlopePerOctave };
}

/**
 * Detects the levels of a latency curve sorted by size. O(n²) worst case for n points
 * (n ≈ 100).
 *
 * @example
 * ```ts
 * const curve = [4, 8, 16, 32, 64, 128, 256, 512].map((kib) => ({
 *   sizeBytes: kib * 1024,
 *   latencyNs: kib <= 32 ? 1 : 80,
 * }));
 * detectKnees(curve).levels; // [{ sizeBytes: 32768, latencyNs: 1 }]; beyondLatencyNs 80
 * ```
 */
export function detectKnees(curve: readonly CurvePoint[], options: KneeOptions = {}): KneeResult {
  const windowOctaves = options.windowOctaves ?? 1;
  const minBend = options.minBendPerOctave ?? 0.3;
  const maxLeftSlope = options.maxLeftSlopePerOctave ?? 0.25;
  const plateauTolerance = options.plateauTolerance ?? 0.3;
  const { bendPerOctave, leftSlopePerOctave } = bends(curve, windowOctaves);
  const x = curve.map((p) => Math.log2(p.sizeBytes));
  const candidates: number[] = [];
  const lastX = x[x.length - 1] ?? 0;
  for (let i = 0; i < curve.length; i++) {
    // Both windows must be complete: a slope over a fraction of an octave is mostly noise.
    if (x[i]! - x[0]! < windowOctaves - SLACK_OCTAVES || lastX - x[i]! < windowOctaves - SLACK_OCTAVES)
      continue;
    const bend = bendPerOctave[i]!;
    const leftSlope = leftSlopePerOctave[i]!;
    // The right side must itself rise steeply: a bend made by a noisy dip on the left is no knee.
    if (bend >= minBend && bend + leftSlope >= minBend && leftSlope <= maxLeftSlope) candidates.push(i);
  }
  candidates.sort((a, b) => bendPerOctave[b]! - bendPerOctave[a]!);
  const knees: number[] = [];
  for (const i of candidates) {
    if (knees.every((k) => Math.abs(x[k]! - x[i]!) > windowOctaves + SLACK_OCTAVES)) knees.push(i);
  }
  knees.sort((a, b) => a - b);
  const windowMedian = (last: number): number => {
    const values: number[] = [];
    for (let j = last; j >= 0 && x[last]! - x[j]! <= windowOctaves + SLACK_OCTAVES; j--)
      values.push(curve[j]!.latencyNs);
    return median(values);
  };
  // The fitted windows place a sharp knee one point early: move it on while the next point
  // is still within `plateauTolerance` of the plateau.
  for (let n = 0; n < knees.length; n++) {
    let k = knees[n]!;
    const plateau = windowMedian(k);
    const limit = knees[n + 1] ?? curve.length - 1;
    const onPlateau = (j: number): boolean =>
      j < limit && curve[j]!.latencyNs <= plateau * (1 + plateauTolerance);
    for (;;) {
      if (onPlateau(k + 1)) k++;
      else if (onPlateau(k + 2))
        k += 2; // one noisy point does not end a plateau
      else break;
    }
    knees[n] = k;
  }
  const lastIndex = curve.length - 1;
  const lastKnee = knees[knees.length - 1];
  const beyond =
    curve.length > 0 &&
    (lastKnee === undefined || x[lastIndex]! - x[lastKnee]! > 2 * windowOctaves - SLACK_OCTAVES)
      ? windowMedian(lastIndex)
      : null;
  return {
    levels: knees.map((k) => ({ sizeBytes: curve[k]!.sizeBytes, latencyNs: windowMedian(k) })),
    beyondLatencyNs: beyond,
  };
}
