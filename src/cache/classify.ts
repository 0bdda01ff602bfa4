/**
 * The 3C miss classification (Hill): a miss is *compulsory* when the line was never accessed at
 * this level, *capacity* when a fully associative LRU cache of the same number of lines
 * would also have missed, and *conflict* otherwise.
 */

/** Outcome codes of `MissClassifier.observe`. */
export const MISS_COMPULSORY = 0;
export const MISS_CAPACITY = 1;
export const MISS_CONFLICT = 2;

/**
 * Watches every access to one level. The shadow is a `Map` in recency order (oldest first),
 * so each observation is O(1) expected.
 */
export class MissClassifier {
  private readonly capacityLines: number;
  private readonly seen: Set<number>;
  private readonly shadow: Map<number, true>;

  constructor(capacityLines: number) {
    this.capacityLines = capacityLines;
    this.seen = new Set();
    this.shadow = new Map();
  }

  /**
   * Records an access to `line` and, when the real level missed, says which kind of miss it
   * was (`MISS_*`); returns -1 for a hit.
   */
  observe(line: number, missed: boolean): number {
    const shadow = this.shadow;
    const shadowHit = shadow.delete(line);
    shadow.set(line, true);
    if (shadow.size > this.capacityLines) {
      const oldest = shadow.keys().next().value as number;
      shadow.delete(oldest);
    }
    const seen = this.seen;
    const firstAccess = !seen.has(line);
    if (firstAccess) seen.add(line);
    if (!missed) return -1;
    if (firstAccess) return MISS_COMPULSORY;
    return shadowHit ? MISS_CONFLICT : MISS_CAPACITY;
  }

  reset(): void {
    this.seen.clear();
    this.shadow.clear();
  }
}
