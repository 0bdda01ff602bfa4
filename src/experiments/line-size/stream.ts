/**
 * The access stream of the line-size experiment, built so that hardware prefetchers cannot
 * blur it.
 *
 * `chunks` chunks of `chunkBytes` each sit in their own slot of 2 × `chunkBytes` + 4 bytes,
 * starting at a random 4-byte-aligned offset in its first half. The odd number of words per
 * slot walks the chunk starts through every residue modulo any power-of-two way size, so the
 * chunks spread evenly over the cache sets whatever the line size (with slots of exactly
 * 2 × 512 B, 64-B lines and 4-KiB ways, only half the L1d sets would be used). At stride s the stream touches offsets 0, s, 2s, … < `chunkBytes` of every chunk, and
 * visits all these nodes in one random cycle: each load reads the index of the next, so loads
 * are dependent and no stride or stream is there for a prefetcher to learn.
 *
 * While s ≤ the line size L, every line of every chunk is touched: the footprint is
 * `chunks × chunkBytes` whatever s (chosen as a few times L1d, so most loads miss L1d and hit
 * L2). Once s > L only one line in s/L is touched: the footprint halves with every doubling
 * of s and loads start hitting L1d. So ns per access stays flat up to s = L and falls after:
 * the last stride of the plateau is the line size. The whole footprint fits in L2, so
 * prefetches into L2 (adjacent-line, streamer) change nothing; L1d allocates whole lines.
 */
import { Random } from '../../util/random.js';

/** One stride's chase. */
export interface LineSizeStream {
  strideBytes: number;
  /** The chase buffer (4-byte words): each touched word holds the word index of the next one. */
  words: Int32Array;
  /** Word indices of the touched words, in visit order (one full cycle). */
  order: Int32Array;
  /** Bytes of the buffer (`chunks × slot`). */
  bufferBytes: number;
}

/** How many chunks make a footprint of `multiple × l1Bytes` (at least one). */
export function chunkCount(l1Bytes: number, multiple: number, chunkBytes: number): number {
  return Math.max(1, Math.ceil((multiple * l1Bytes) / chunkBytes));
}

/**
 * Builds the chase for one stride. The chunk starts depend only on `seed` and `chunks`, so
 * every stride of a sweep uses the same chunks. O(chunks × chunkBytes / strideBytes).
 *
 * @example
 * ```ts
 * const stream = buildLineSizeStream(64, 512, 8, 1); // 8 chunks × 8 nodes
 * stream.order.length; // 64
 * ```
 */
export function buildLineSizeStream(
  strideBytes: number,
  chunkBytes: number,
  chunks: number,
  seed: number,
): LineSizeStream {
  if (strideBytes < 4 || strideBytes % 4 !== 0 || chunkBytes % strideBytes !== 0) {
    throw new RangeError(
      `stride ${strideBytes} B must be a multiple of 4 dividing the chunk (${chunkBytes} B)`,
    );
  }
  if (!Number.isInteger(chunks) || chunks < 1) throw new RangeError(`chunks must be ≥ 1, got ${chunks}`);
  const random = new Random(seed);
  const chunkWords = chunkBytes / 4;
  const strideWords = strideBytes / 4;
  const perChunk = chunkBytes / strideBytes;
  const slotWords = 2 * chunkWords + 1;
  const order = new Int32Array(chunks * perChunk);
  let n = 0;
  for (let chunk = 0; chunk < chunks; chunk++) {
    const start = chunk * slotWords + random.below(chunkWords);
    for (let k = 0; k < perChunk; k++) order[n++] = start + k * strideWords;
  }
  random.shuffle(order);
  const words = new Int32Array(chunks * slotWords);
  for (let i = 0; i < n; i++) words[order[i]!] = order[(i + 1) % n]!;
  return { strideBytes, words, order, bufferBytes: words.length * 4 };
}

/**
 * Follows the chase `steps` times from word `start`; returns where it ends. Dependent loads:
 * each costs the latency of the level that serves it. O(steps), allocation-free. Unchecked
 * (it is the timed loop): `start` must be a word of the stream's `order`.
 */
export function chaseWords(words: Int32Array, start: number, steps: number): number {
  let p = start | 0;
  for (let i = 0; i < steps; i++) p = words[p]!;
  return p;
}
