/**
 * The move-to-front probe of one LRU set, shared by the fast kernels (lru-kernel.ts,
 * lru-stream.ts). A set is a move-to-front list of tags: `tags[base]` is the most recently
 * used way; a clean line is stored as `line` (≥ 0), a dirty one as `-line - 2` (≤ -2), an
 * empty way as INVALID_TAG (-1), so `|tag + 1| === line + 1` finds the line clean or dirty with
 * one compare per way.
 */

/** What {@link lruProbe} returns on a hit; a miss returns the dropped tag, always finite. */
export const LRU_HIT = Number.POSITIVE_INFINITY;

/**
 * Touches `line` in the set of `ways` tags starting at `base`: on a hit the line moves to the
 * front (dirty when `store`, or when it already was); on a miss it is inserted at the front and
 * the last entry is dropped. One pass reads and writes each way at most once. Returns
 * {@link LRU_HIT}, or on a miss the dropped entry: INVALID_TAG when the set had room, a clean
 * line (≥ 0), or a dirty one (`-victim - 2`). Unchecked: the caller keeps `base` and `ways` in
 * range.
 */
export function lruProbe(
  tags: Float64Array,
  base: number,
  ways: number,
  line: number,
  store: boolean,
): number {
  const dirtyTag = -line - 2;
  const front = tags[base]!;
  if (front === line) {
    if (store) tags[base] = dirtyTag;
    return LRU_HIT;
  }
  if (front === dirtyTag) return LRU_HIT;
  const stop = base + ways;
  const key = line + 1;
  let previous = front;
  for (let way = base + 1; way < stop; way++) {
    const found = tags[way]!;
    tags[way] = previous;
    if (Math.abs(found + 1) === key) {
      tags[base] = store || found === dirtyTag ? dirtyTag : line;
      return LRU_HIT;
    }
    previous = found;
  }
  tags[base] = store ? dirtyTag : line;
  return previous;
}
