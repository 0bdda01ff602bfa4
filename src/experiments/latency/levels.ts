/**
 * Names the detected levels: each knee is matched with the sysfs cache whose size it is
 * closest to (within a factor of 4, in level order), and a knee that no cache explains is
 * called a TLB step when the page-local curve (which changes page only every 64 accesses)
 * has no knee near it.
 */
import type { CacheInfo } from '../../machine/types.js';
import type { DetectedLevel } from './knees.js';

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
