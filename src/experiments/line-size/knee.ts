/**
 * Finds the line size on a cost curve of the line-size experiment (see stream.ts): the cost
 * per access rises while the stride grows towards the line (fewer loads share each line),
 * peaks at the line (every load a different line, the footprint 1.5 × L1d: a loop that LRU
 * always misses) and falls past it (the footprint halves and fits L1d). Pure functions, no I/O.
 */

/** One point of the curve: a stride and its cost (ns per access, or misses per access). */
export interface StrideCost {
  strideBytes: number;
  cost: number;
}

/** Where the curve peaks before falling, or null when it has no such knee. */
export interface LineSizeKnee {
  /** The stride of the peak: the line size. Null when no knee was found. */
  lineBytes: number | null;
  /** The highest cost (the top of the curve); null without a knee. */
  peakCost: number | null;
  /** Cost of the next stride / peak cost (< 1 − minDrop at a knee); null without a knee. */
  dropRatio: number | null;
}

/**
 * Default least relative drop after the peak. The simulator (64-B and 128-B lines, footprint
 * 1.5 × L1d) drops from ~0.84 misses per load at the line to ~0.35 at twice the line; on the
 * loaded 2-vCPU EPYC the fastest-sample cost fell 17–34% there (4.3 → 2.9 ns), while a
 * stride's fastest sample moved by a few percent between rounds. 10% sits between.
 */
export const DEFAULT_MIN_DROP = 0.1;

function checkCurve(curve: readonly StrideCost[]): void {
  for (let i = 0; i < curve.length; i++) {
    const point = curve[i]!;
    if (!(point.strideBytes > 0) || !Number.isFinite(point.cost) || point.cost < 0) {
      throw new RangeError(`curve point ${i} needs a positive stride and a finite cost ≥ 0`);
    }
    if (i > 0 && point.strideBytes <= curve[i - 1]!.strideBytes) {
      throw new RangeError(`curve strides must increase strictly (point ${i})`);
    }
  }
}

/**
 * The line size on a curve sorted by stride: the last stride of the top (the highest cost and
 * the strides right after it within `minDrop` / 2 of it), provided the next stride costs less
 * than (1 − `minDrop`) × the peak and every later stride stays below (1 − `minDrop` / 2) × the
 * peak (a curve that merely wobbles has no knee). The top may not end at the last stride.
 * O(n) for n strides.
 *
 * @example
 * ```ts
 * const cost = { 4: 5, 8: 5.2, 16: 5.6, 32: 6.4, 64: 8, 128: 6, 256: 3, 512: 2 };
 * detectLineSize(Object.entries(cost).map(([s, c]) => ({ strideBytes: Number(s), cost: c }))).lineBytes; // 64
 * ```
 */
export function detectLineSize(curve: readonly StrideCost[], minDrop = DEFAULT_MIN_DROP): LineSizeKnee {
  checkCurve(curve);
  const none: LineSizeKnee = { lineBytes: null, peakCost: null, dropRatio: null };
  let peak = -1;
  for (let i = 0; i < curve.length; i++) if (peak < 0 || curve[i]!.cost > curve[peak]!.cost) peak = i;
  if (peak < 0) return none;
  const peakCost = curve[peak]!.cost;
  if (!(peakCost > 0)) return none;
  // A flat top: the knee is its last stride (noise may put the maximum anywhere on it).
  while (peak + 1 < curve.length && curve[peak + 1]!.cost >= peakCost * (1 - minDrop / 2)) peak++;
  if (peak === curve.length - 1) return none;
  const next = curve[peak + 1]!.cost;
  const laterStayLow = curve.slice(peak + 1).every((p) => p.cost < peakCost * (1 - minDrop / 2));
  if (next >= peakCost * (1 - minDrop) || !laterStayLow) return none;
  return { lineBytes: curve[peak]!.strideBytes, peakCost, dropRatio: next / peakCost };
}
