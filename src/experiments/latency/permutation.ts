/**
 * The pointer-chasing cycles of the latency experiment, built exactly as
 * native/softmem-native.c builds them (same PRNG, same draws in the same order), so the JS
 * and the native kernel chase the very same cycle for a given seed.
 *
 * Layout of a chase array (`Uint32Array`, 4-byte words): one node per 64-byte line, at word
 * `line * WORDS_PER_LINE`; the node holds the word index of the next node. The other 15
 * words of each line are never read, so every access touches a different line.
 */
import { Random } from '../../util/random.js';

/** Bytes per node: one cache line on every machine softmem targets. */
export const LINE_BYTES = 64;
/** 32-bit words per line: the index stride of the chase. */
export const WORDS_PER_LINE = LINE_BYTES / 4;

/** How lines are ordered in the cycle. */
export type ChaseVariant = 'random' | 'page-local';

/**
 * Sattolo's algorithm: a uniformly random cyclic permutation of `0 … count-1`, returned as
 * successors (`successor[i]` follows `i`). One cycle through every element. O(count).
 *
 * @example
 * ```ts
 * sattoloCycle(4, new Random(1)); // e.g. Uint32Array [2, 0, 3, 1]: 0→2→3→1→0
 * ```
 */
export function sattoloCycle(count: number, random: Random): Uint32Array {
  const successor = new Uint32Array(count);
  for (let i = 0; i < count; i++) successor[i] = i;
  for (let i = count - 1; i >= 1; i--) {
    const j = random.below(i);
    const tmp = successor[i]!;
    successor[i] = successor[j]!;
    successor[j] = tmp;
  }
  return successor;
}

/**
 * The order in which the chase visits all `lineCount` lines.
 * - `random`: one Sattolo cycle over all lines, followed from line 0: nearly every access
 *   lands on another page, so beyond the TLB's reach each access also pays a page walk.
 * - `page-local`: pages in the order of one Sattolo cycle over pages (from page 0), the lines
 *   of each page in a Fisher–Yates order drawn page by page: the same lines, but a new page
 *   only every `pageBytes / 64` accesses, which separates TLB cost from cache cost.
 */
export function visitingOrder(
  variant: ChaseVariant,
  lineCount: number,
  pageBytes: number,
  seed: number,
): Uint32Array {
  if (!Number.isInteger(lineCount) || lineCount < 1) {
    throw new RangeError(`lineCount must be a positive integer, got ${lineCount}`);
  }
  if (!Number.isInteger(pageBytes) || pageBytes < LINE_BYTES || pageBytes % LINE_BYTES !== 0) {
    throw new RangeError(`pageBytes must be a positive multiple of ${LINE_BYTES}, got ${pageBytes}`);
  }
  const random = new Random(seed);
  const order = new Uint32Array(lineCount);
  if (variant === 'random') {
    const successor = sattoloCycle(lineCount, random);
    let line = 0;
    for (let k = 0; k < lineCount; k++) {
      order[k] = line;
      line = successor[line]!;
    }
    return order;
  }
  const linesPerPage = pageBytes / LINE_BYTES;
  const pageCount = Math.ceil(lineCount / linesPerPage);
  const pageSuccessor = sattoloCycle(pageCount, random);
  let page = 0;
  let k = 0;
  for (let visited = 0; visited < pageCount; visited++) {
    const first = page * linesPerPage;
    const count = Math.min(linesPerPage, lineCount - first);
    for (let i = 0; i < count; i++) order[k + i] = first + i;
    for (let i = count - 1; i >= 1; i--) {
      const j = random.below(i + 1);
      const tmp = order[k + i]!;
      order[k + i] = order[k + j]!;
      order[k + j] = tmp;
    }
    k += count;
    page = pageSuccessor[page]!;
  }
  return order;
}

/**
 * Builds the chase array for a working set of `workingSetBytes` (rounded down to whole
 * lines): `next[line * 16]` holds the word index of the following line in the cycle.
 *
 * `arena`, when given and large enough, is reused (its first lines are overwritten and a
 * view of them returned): a sweep then faults its pages in once, not once per working set
 * (page faults cost ~50 µs each on the 2-vCPU VM, ~0.7 s per 64 MiB).
 */
export function buildChase(
  variant: ChaseVariant,
  workingSetBytes: number,
  pageBytes: number,
  seed: number,
  arena: Uint32Array | null = null,
): Uint32Array {
  const lineCount = Math.floor(workingSetBytes / LINE_BYTES);
  const words = lineCount * WORDS_PER_LINE;
  const next = arena !== null && arena.length >= words ? arena.subarray(0, words) : new Uint32Array(words);
  if (variant === 'random') {
    if (lineCount < 1) throw new RangeError(`lineCount must be a positive integer, got ${lineCount}`);
    // Straight from the successors: sequential writes (following the cycle to list the
    // visiting order first would cost one cache miss per line on large working sets).
    const successor = sattoloCycle(lineCount, new Random(seed));
    for (let line = 0; line < lineCount; line++)
      next[line * WORDS_PER_LINE] = successor[line]! * WORDS_PER_LINE;
    return next;
  }
  const order = visitingOrder(variant, lineCount, pageBytes, seed);
  for (let k = 0; k < lineCount; k++) {
    const following = k + 1 === lineCount ? 0 : k + 1;
    next[order[k]! * WORDS_PER_LINE] = order[following]! * WORDS_PER_LINE;
  }
  return next;
}
