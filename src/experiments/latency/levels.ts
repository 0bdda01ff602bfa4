/**
 * Names the detected levels: each knee is matched with the sysfs cache whose size it is
 * closest to (within a factor of 4, in level order), and a knee that no cache explains is
 * called a TLB step when the page-local curve (which changes page only every 64 accesses)
 * has no knee near it.
 */
import type { CacheInfo } from '../../machine/types.js';
import { type CurvePoint, type DetectedLevel, detectKnees } from './knees.js';

/** A knee farther than this factor from every cache size is not matched to a cache. */
export const MATCH_FACTOR = 4;
/** A random-order knee with no page-local knee within this factor is a TLB step. */
export const TLB_FACTOR = 2;

/** What a detected level is believed to be. */
export type LevelKind = 'cache' | 'tlb' | 'unexplained';

/** A detected level with its interpretation. */
export interface NamedLevel extends DetectedLevel {
  kind: LevelKind;
  /** `L1d`, `L2`, … for caches; null otherwise. */
  name: string | null;
  /** The matched cache's size by sysfs (or getconf/preset), else null. */
  knownSizeBytes: number | null;
  /** `sizeBytes / knownSizeBytes`, else null. */
  sizeRatio: number | null;
}

/** `L1d`, `L1i`, `L2`, … */
export function cacheName(cache: CacheInfo): string {
  const suffix = cache.type === 'data' ? 'd' : cache.type === 'instruction' ? 'i' : '';
  return `L${cache.level}${suffix}`;
}

const distance = (a: number, b: number): number => Math.abs(Math.log2(a / b));

/**
 * Matches `levels` (sorted by size) with `caches` (data/unified, sorted by level): each cache
 * takes the closest unused knee within {@link MATCH_FACTOR}, after the previous cache's knee.
 * Unmatched knees are `tlb` when `pageLocalLevels` is given and has no knee within
 * {@link TLB_FACTOR}, else `unexplained`.
 */
export function nameLevels(
  levels: readonly DetectedLevel[],
  caches: readonly CacheInfo[],
  pageLocalLevels: readonly DetectedLevel[] | null = null,
): NamedLevel[] {
  const matchedCache: (CacheInfo | null)[] = levels.map(() => null);
  let after = -1;
  for (const cache of caches) {
    let best = -1;
    for (let i = after + 1; i < levels.length; i++) {
      const d = distance(levels[i]!.sizeBytes, cache.sizeBytes);
      if (d > Math.log2(MATCH_FACTOR)) continue;
      if (best < 0 || d < distance(levels[best]!.sizeBytes, cache.sizeBytes)) best = i;
    }
    if (best >= 0) {
      matchedCache[best] = cache;
      after = best;
    }
  }
  return levels.map((level, i) => {
    const cache = matchedCache[i] ?? null;
    if (cache !== null) {
      return {
        ...level,
        kind: 'cache',
        name: cacheName(cache),
        knownSizeBytes: cache.sizeBytes,
        sizeRatio: level.sizeBytes / cache.sizeBytes,
      };
    }
    const nearPageLocal =
      pageLocalLevels?.some((other) => distance(other.sizeBytes, level.sizeBytes) <= Math.log2(TLB_FACTOR)) ??
      true;
    return {
      ...level,
      kind: nearPageLocal ? 'unexplained' : 'tlb',
      name: null,
      knownSizeBytes: null,
      sizeRatio: null,
    };
  });
}

/** Median latency of `curve` over the window (sizeBytes / 2, sizeBytes], or null if empty. */
export function windowLatency(curve: readonly CurvePoint[], sizeBytes: number): number | null {
  const values = curve
    .filter((p) => p.sizeBytes <= sizeBytes && p.sizeBytes >= sizeBytes / 2)
    .map((p) => p.latencyNs)
    .sort((a, b) => a - b);
  const n = values.length;
  if (n === 0) return null;
  return n % 2 ? values[(n - 1) / 2]! : (values[n / 2 - 1]! + values[n / 2]!) / 2;
}

/**
 * The levels of a random-order curve, using the page-local curve (when measured) to keep
 * TLB cost out of the cache sizes: cache knees come from the page-local curve (a new page
 * only every 64 accesses, so TLB misses barely show), each reported with the random curve's
 * latency just below it; knees of the random curve with no page-local knee within
 * {@link TLB_FACTOR} are TLB steps. Without a page-local curve, the random curve's knees are
 * named directly. Sorted by size.
 */
export function levelsFromCurves(
  randomCurve: readonly CurvePoint[],
  pageLocalCurve: readonly CurvePoint[] | null,
  caches: readonly CacheInfo[],
): NamedLevel[] {
  const randomLevels = detectKnees(randomCurve).levels;
  if (pageLocalCurve === null || pageLocalCurve.length === 0) return nameLevels(randomLevels, caches);
  const pageLevels = detectKnees(pageLocalCurve).levels;
  const cacheLevels = nameLevels(
    pageLevels.map((level) => ({
      sizeBytes: level.sizeBytes,
      latencyNs: windowLatency(randomCurve, level.sizeBytes) ?? level.latencyNs,
    })),
    caches,
  );
  const tlbSteps: NamedLevel[] = randomLevels
    .filter(
      (level) => !pageLevels.some((p) => distance(p.sizeBytes, level.sizeBytes) <= Math.log2(TLB_FACTOR)),
    )
    .map((level) => ({ ...level, kind: 'tlb', name: null, knownSizeBytes: null, sizeRatio: null }));
  return [...cacheLevels, ...tlbSteps].sort((a, b) => a.sizeBytes - b.sizeBytes);
}
