import { NEXT_FREE_OFFSET, PREV_FREE_OFFSET, SIZE_MASK, SIZE_OFFSET } from './layout.js';

/**
 * Chunks up to this size have one exact free list per 16 bytes; larger ones one per power of two
 * (glibc's small bins end near 1 KiB too). Throughput: bench/sandbox.bench.ts, "malloc/free throughput".
 */
const SMALL_LIMIT_BYTES = 1024;
const SMALL_BINS = SMALL_LIMIT_BYTES / 16 - 1; // 63 exact bins for 32..1024
const BIN_COUNT = SMALL_BINS + 22; // + power-of-two bins 2^10..2^31

/** Free list of a chunk size. O(1): a shift for small sizes, `clz32` for large. */
function binOf(chunkBytes: number): number {
  return chunkBytes <= SMALL_LIMIT_BYTES
    ? (chunkBytes >>> 4) - 2
    : SMALL_BINS + (21 - Math.clz32(chunkBytes));
}

/** Size in bytes of the chunk at `chunk`, from its boundary tag. */
export function chunkSize(u32: Uint32Array, chunk: number): number {
  return (u32[(chunk + SIZE_OFFSET) >>> 2]! & SIZE_MASK) >>> 0;
}

/** The flag bits (`FLAG_IN_USE`, `FLAG_QUARANTINED`) of the chunk at `chunk`. */
export function chunkFlags(u32: Uint32Array, chunk: number): number {
  return u32[(chunk + SIZE_OFFSET) >>> 2]! & 3;
}

/**
 * The allocator's segregated free lists: doubly linked through the free chunks themselves (next
 * and previous links in the chunk), one list per size class, and a bitmap of non-empty lists so
 * the next usable list is found with `clz32`. Link and unlink are O(1).
 */
export class FreeLists {
  // `declare` fields, assigned only in the constructor: V8 keeps them typed (see pointer.ts).
  /** The heap's memory as 32-bit words (chunk headers and links live there). */
  declare private readonly u32: Uint32Array;
  /** First chunk of each list (0: empty). */
  declare private readonly heads: Uint32Array;
  /** Bit `b` set when list `b` is non-empty. */
  declare private readonly nonEmpty: Uint32Array;
  /** Free chunks on the lists. */
  declare count: number;
  /** Bytes in free chunks, headers included. */
  declare bytes: number;

  constructor(u32: Uint32Array) {
    this.u32 = u32;
    this.heads = new Uint32Array(BIN_COUNT);
    this.nonEmpty = new Uint32Array(Math.ceil(BIN_COUNT / 32));
    this.count = 0;
    this.bytes = 0;
  }

  /** Puts a free chunk of `chunkBytes` at the head of its list. O(1). */
  link(chunk: number, chunkBytes: number): void {
    const u32 = this.u32;
    const bin = binOf(chunkBytes);
    const head = this.heads[bin]!;
    u32[(chunk + NEXT_FREE_OFFSET) >>> 2] = head;
    u32[(chunk + PREV_FREE_OFFSET) >>> 2] = 0;
    if (head !== 0) u32[(head + PREV_FREE_OFFSET) >>> 2] = chunk;
    this.heads[bin] = chunk;
    this.nonEmpty[bin >>> 5]! |= 1 << (bin & 31);
    this.count++;
    this.bytes += chunkBytes;
  }

  /** Takes a chunk of `chunkBytes` off its list. O(1). */
  unlink(chunk: number, chunkBytes: number): void {
    const u32 = this.u32;
    const next = u32[(chunk + NEXT_FREE_OFFSET) >>> 2]!;
    const prev = u32[(chunk + PREV_FREE_OFFSET) >>> 2]!;
    if (prev !== 0) u32[(prev + NEXT_FREE_OFFSET) >>> 2] = next;
    else {
      const bin = binOf(chunkBytes);
      this.heads[bin] = next;
      if (next === 0) this.nonEmpty[bin >>> 5]! &= ~(1 << (bin & 31));
    }
    if (next !== 0) u32[(next + PREV_FREE_OFFSET) >>> 2] = prev;
    this.count--;
    this.bytes -= chunkBytes;
  }

  /** First non-empty list ≥ `bin`, or -1. */
  private nextBin(bin: number): number {
    const bits = this.nonEmpty;
    let word = bin >>> 5;
    let mask = bits[word]! & (~0 << (bin & 31));
    while (mask === 0) {
      word++;
      if (word >= bits.length) return -1;
      mask = bits[word]!;
    }
    return (word << 5) + (31 - Math.clz32(mask & -mask));
  }

  /**
   * Unlinks and returns a free chunk of at least `chunkBytes` (0 when none fits): the head of
   * the first non-empty exact list for small sizes, first fit within the size's power-of-two
   * list for large ones, else the head of the next non-empty list.
   */
  take(chunkBytes: number): number {
    let bin = binOf(chunkBytes);
    const u32 = this.u32;
    if (bin >= SMALL_BINS) {
      for (let chunk = this.heads[bin]!; chunk !== 0; chunk = u32[(chunk + NEXT_FREE_OFFSET) >>> 2]!) {
        const size = chunkSize(u32, chunk);
        if (size >= chunkBytes) {
          this.unlink(chunk, size);
          return chunk;
        }
      }
      bin++;
      if (bin >= BIN_COUNT) return 0;
    }
    bin = this.nextBin(bin);
    if (bin < 0) return 0;
    const chunk = this.heads[bin]!;
    this.unlink(chunk, chunkSize(u32, chunk));
    return chunk;
  }

  /** Size of the largest free chunk (0 when none). O(free chunks). */
  largestChunkBytes(): number {
    const u32 = this.u32;
    let largest = 0;
    for (let bin = 0; bin < BIN_COUNT; bin++) {
      for (let chunk = this.heads[bin]!; chunk !== 0; chunk = u32[(chunk + NEXT_FREE_OFFSET) >>> 2]!) {
        largest = Math.max(largest, chunkSize(u32, chunk));
      }
    }
    return largest;
  }

  /** Empties every list (the heap was reset). */
  clear(): void {
    this.heads.fill(0);
    this.nonEmpty.fill(0);
    this.count = 0;
    this.bytes = 0;
  }
}
