import { chunkFlags, chunkSize, FreeLists } from './free-lists.js';
import { type HeapBlock, type HeapStats, heapBlockAt, heapBlocks } from './heap-blocks.js';
import {
  FLAG_IN_USE,
  FLAG_QUARANTINED,
  HEADER_BYTES,
  MIN_CHUNK_BYTES,
  NEXT_FREE_OFFSET,
  REQUESTED_OFFSET,
  Shadow,
  SIZE_OFFSET,
} from './layout.js';
import { type Memory, SHADOW_KEY } from './memory.js';
import { Quarantine } from './quarantine.js';
import { CallSite } from './site.js';

/** Four `HeapLeftRedzone` shadow bytes as stored (XOR `SHADOW_KEY`). */
const LEFT_REDZONE_WORD = ((Shadow.HeapLeftRedzone ^ SHADOW_KEY) * 0x01010101) >>> 0;

/** How the heap was configured (resolved by the sandbox). */
export interface HeapConfig {
  readonly heapStart: number;
  readonly heapLimit: number;
  readonly sanitize: boolean;
  readonly redzoneBytes: number;
  readonly quarantineBytes: number;
  readonly recordSites: boolean;
  readonly detectUninitialized: boolean;
}

/**
 * The allocator: segregated free lists with boundary tags (glibc-style chunks, 16-byte aligned),
 * eager coalescing, and a "top chunk" that grows up to the heap limit. Free is O(1); malloc is
 * O(1) for small sizes and first fit within one power-of-two list for large ones. With the
 * sanitizer on, every block gets a right redzone, freed blocks wait in a FIFO quarantine
 * (bounded in bytes), realloc always moves, and shadow memory tracks every byte.
 *
 * Errors (bad free, double free) are raised through `onError`; exhaustion returns 0 (NULL).
 */
export class Heap {
  readonly memory: Memory;
  readonly heapStart: number;
  readonly heapLimit: number;
  /** First byte above the last chunk ("brk"). */
  heapTop: number;
  private topPrevBytes: number;
  private readonly freeLists: FreeLists;
  private readonly sanitize: boolean;
  private readonly redzoneBytes: number;
  private readonly detectUninitialized: boolean;
  private readonly recordSites: boolean;
  private readonly quarantine: Quarantine;
  private liveBytes: number;
  private liveBlocks: number;
  private peakLiveBytes: number;
  private allocations: number;
  /** Allocation and free sites by chunk address (only with `recordSites`). */
  readonly allocationSites: Map<number, CallSite>;
  readonly freeSites: Map<number, CallSite>;
  /** Receives bad frees: the sandbox throws or logs. */
  onBadFree: (address: number, kind: 'double-free' | 'bad-free') => void;

  constructor(memory: Memory, config: HeapConfig) {
    this.memory = memory;
    this.heapStart = config.heapStart;
    this.heapLimit = config.heapLimit;
    this.heapTop = config.heapStart;
    this.topPrevBytes = 0;
    this.freeLists = new FreeLists(memory.u32);
    this.sanitize = config.sanitize;
    this.redzoneBytes = config.sanitize ? config.redzoneBytes : 0;
    this.detectUninitialized = config.detectUninitialized;
    this.recordSites = config.sanitize && config.recordSites;
    this.quarantine = new Quarantine(config.sanitize ? config.quarantineBytes : 0);
    this.liveBytes = 0;
    this.liveBlocks = 0;
    this.peakLiveBytes = 0;
    this.allocations = 0;
    this.allocationSites = new Map();
    this.freeSites = new Map();
    this.onBadFree = (address, kind) => {
      throw new Error(`${kind} at ${address}`);
    };
  }

  /** Chunk bytes for a request: header + user bytes (≥ 16) + redzone, rounded up to 16. */
  private chunkBytesFor(bytes: number): number {
    return Math.floor((HEADER_BYTES + Math.max(bytes, 16) + this.redzoneBytes + 15) / 16) * 16;
  }

  private sizeOf(chunk: number): number {
    return chunkSize(this.memory.u32, chunk);
  }

  private flagsOf(chunk: number): number {
    return chunkFlags(this.memory.u32, chunk);
  }

  private setHeader(chunk: number, chunkBytes: number, flags: number): void {
    const u32 = this.memory.u32;
    u32[(chunk + SIZE_OFFSET) >>> 2] = (chunkBytes | flags) >>> 0;
    const next = chunk + chunkBytes;
    if (next < this.heapTop) u32[next >>> 2] = chunkBytes;
    else this.topPrevBytes = chunkBytes;
  }

  /** A chunk of exactly `chunkBytes` (split or carved from the top), marked in use; 0 when exhausted. */
  private takeChunk(chunkBytes: number): number {
    const chunk = this.freeLists.take(chunkBytes);
    if (chunk !== 0) {
      const size = this.sizeOf(chunk);
      this.setHeader(chunk, size, FLAG_IN_USE);
      this.trimTail(chunk, chunkBytes, false); // the rest of a free chunk is poisoned free already
      return chunk;
    }
    const top = this.heapTop;
    if (top + chunkBytes > this.heapLimit) return 0;
    this.memory.u32[top >>> 2] = this.topPrevBytes;
    this.heapTop = top + chunkBytes;
    this.setHeader(top, chunkBytes, FLAG_IN_USE);
    return top;
  }

  /** Shrinks an in-use chunk to `keepBytes`, releasing the rest when it can stand as a chunk. */
  private trimTail(chunk: number, keepBytes: number, poisonBody: boolean): void {
    const size = this.sizeOf(chunk);
    if (size - keepBytes < MIN_CHUNK_BYTES) return;
    const rest = chunk + keepBytes;
    this.setHeader(chunk, keepBytes, this.flagsOf(chunk));
    this.memory.u32[rest >>> 2] = keepBytes;
    this.setHeader(rest, size - keepBytes, 0);
    this.release(rest, poisonBody);
  }

  /**
   * Returns a chunk to the free lists, merging with free neighbours or the top. O(1) without
   * the sanitizer. With it, shadow work is O(this chunk) only: `poisonBody` marks its bytes free
   * (false when they already are, as for the rest of a split free chunk); merged neighbours'
   * bodies are free already, only the headers between them change.
   */
  private release(chunk: number, poisonBody: boolean): void {
    const u32 = this.memory.u32;
    const memory = this.memory;
    const size0 = this.sizeOf(chunk);
    if (this.sanitize && poisonBody) memory.poison(chunk, chunk + size0, Shadow.HeapFree);
    let start = chunk;
    let size = size0;
    if (start !== this.heapStart) {
      const prev = start - u32[start >>> 2]!;
      if (this.flagsOf(prev) === 0) {
        const prevSize = this.sizeOf(prev);
        this.freeLists.unlink(prev, prevSize);
        memory.poison(chunk, chunk + HEADER_BYTES, Shadow.HeapFree);
        start = prev;
        size += prevSize;
      }
    }
    const next = start + size;
    if (next >= this.heapTop) {
      // Back into the top. The merged neighbour's body stays HeapFree: still a fault, described as free heap.
      memory.poison(chunk, this.heapTop, Shadow.Unmapped);
      this.heapTop = start;
      this.topPrevBytes = start === this.heapStart ? 0 : u32[start >>> 2]!;
      return;
    }
    if (this.flagsOf(next) === 0) {
      const nextSize = this.sizeOf(next);
      this.freeLists.unlink(next, nextSize);
      memory.poison(next, next + HEADER_BYTES, Shadow.HeapFree);
      size += nextSize;
    }
    u32[(start + REQUESTED_OFFSET) >>> 2] = 0;
    this.setHeader(start, size, 0);
    this.freeLists.link(start, size);
    memory.poison(start, start + HEADER_BYTES, Shadow.HeapLeftRedzone);
  }

  /**
   * `malloc`: a 16-byte aligned address of `bytes` usable bytes, or 0 (NULL) when the heap is
   * exhausted. `bytes` must be a valid size (checked by the sandbox). O(1) for sizes ≤ 1 KiB.
   */
  malloc(bytes: number): number {
    const chunk = this.takeChunk(this.chunkBytesFor(bytes));
    if (chunk === 0) return 0;
    return this.commit(chunk, bytes);
  }

  private commit(chunk: number, bytes: number): number {
    const u32 = this.memory.u32;
    const user = chunk + HEADER_BYTES;
    u32[(chunk + REQUESTED_OFFSET) >>> 2] = bytes;
    u32[(chunk + NEXT_FREE_OFFSET) >>> 2] = ++this.allocations;
    this.liveBlocks++;
    this.liveBytes += bytes;
    if (this.liveBytes > this.peakLiveBytes) this.peakLiveBytes = this.liveBytes;
    if (this.sanitize) {
      const memory = this.memory;
      const word = chunk >>> 2; // the 16-byte header as four shadow words: no fill call
      const shadow32 = memory.shadow32;
      shadow32[word] = shadow32[word + 1] = shadow32[word + 2] = shadow32[word + 3] = LEFT_REDZONE_WORD;
      memory.poison(user, user + bytes, this.detectUninitialized ? Shadow.Undefined : Shadow.Ok);
      memory.poison(user + bytes, chunk + this.sizeOf(chunk), Shadow.HeapRightRedzone);
      if (this.recordSites) {
        this.allocationSites.set(chunk, new CallSite());
        this.freeSites.delete(chunk);
      }
    }
    return user;
  }

  /** `aligned_alloc`: like malloc with the address a multiple of `alignBytes` (a power of two). */
  alignedAlloc(alignBytes: number, bytes: number): number {
    if (alignBytes <= 16) return this.malloc(bytes);
    const need = this.chunkBytesFor(bytes);
    const chunk = this.takeChunk(need + alignBytes + MIN_CHUNK_BYTES);
    if (chunk === 0) return 0;
    let user = ((chunk + HEADER_BYTES + alignBytes - 1) & -alignBytes) >>> 0;
    if (user - HEADER_BYTES - chunk !== 0 && user - HEADER_BYTES - chunk < MIN_CHUNK_BYTES)
      user += alignBytes;
    const aligned = user - HEADER_BYTES;
    const front = aligned - chunk;
    if (front > 0) {
      const size = this.sizeOf(chunk);
      this.memory.u32[aligned >>> 2] = front;
      this.setHeader(aligned, size - front, FLAG_IN_USE);
      this.setHeader(chunk, front, FLAG_IN_USE);
      this.release(chunk, true);
    }
    this.trimTail(aligned, need, true);
    return this.commit(aligned, bytes);
  }

  /** Forgets every block: the heap is empty again, its bytes zero and unmapped. O(heap bytes). */
  reset(): void {
    this.memory.u8.fill(0, this.heapStart, this.heapTop);
    this.memory.poison(this.heapStart, this.heapTop, Shadow.Unmapped);
    this.heapTop = this.heapStart;
    this.topPrevBytes = 0;
    this.freeLists.clear();
    this.quarantine.clear();
    this.liveBytes = 0;
    this.liveBlocks = 0;
    this.peakLiveBytes = 0;
    this.allocations = 0;
    this.allocationSites.clear();
    this.freeSites.clear();
  }

  /** Bytes the user asked for at `address` (a live allocation). */
  requestedBytes(address: number): number {
    return this.memory.u32[(address - HEADER_BYTES + REQUESTED_OFFSET) >>> 2]!;
  }

  /**
   * Classifies `address` for free/realloc: 'ok' for a live allocation start, else the error.
   * Boundary-tag consistency catches most bad frees even with the sanitizer off.
   */
  classify(address: number): 'ok' | 'double-free' | 'bad-free' {
    if (address < this.heapStart + HEADER_BYTES || address >= this.heapTop || (address & 15) !== 0) {
      return 'bad-free';
    }
    const chunk = address - HEADER_BYTES;
    if (this.sanitize) {
      const memory = this.memory;
      if (
        memory.shadowAt(address - 1) !== Shadow.HeapLeftRedzone ||
        memory.shadowAt(chunk) !== Shadow.HeapLeftRedzone
      ) {
        return 'bad-free';
      }
      if (chunk !== this.heapStart && memory.shadowAt(chunk - 1) === Shadow.HeapLeftRedzone)
        return 'bad-free';
    }
    const size = this.sizeOf(chunk);
    const next = chunk + size;
    if (size < MIN_CHUNK_BYTES || next > this.heapTop) return 'bad-free';
    if (next < this.heapTop && this.memory.u32[next >>> 2] !== size) return 'bad-free';
    const flags = this.flagsOf(chunk);
    if (flags === FLAG_IN_USE) return 'ok';
    return 'double-free';
  }

  /** `free`: NULL is a no-op; anything but a live allocation start is reported. */
  free(address: number): void {
    if (address === 0) return;
    const verdict = this.classify(address);
    if (verdict !== 'ok') {
      this.onBadFree(address, verdict);
      return;
    }
    this.freeUnchecked(address);
  }

  private freeUnchecked(address: number): void {
    const chunk = address - HEADER_BYTES;
    const bytes = this.requestedBytes(address);
    this.liveBlocks--;
    this.liveBytes -= bytes;
    if (!this.sanitize) {
      this.setHeader(chunk, this.sizeOf(chunk), 0);
      this.release(chunk, true);
      return;
    }
    const size = this.sizeOf(chunk);
    this.setHeader(chunk, size, FLAG_QUARANTINED);
    this.memory.poison(address, chunk + size, Shadow.HeapFreed);
    if (this.recordSites) this.freeSites.set(chunk, new CallSite());
    const quarantine = this.quarantine;
    quarantine.push(chunk, size);
    while (quarantine.overBudget) {
      const oldest = quarantine.peek();
      const oldestSize = this.sizeOf(oldest);
      quarantine.pop(oldestSize);
      if (this.recordSites) {
        this.allocationSites.delete(oldest);
        this.freeSites.delete(oldest);
      }
      this.setHeader(oldest, oldestSize, 0);
      // Like ASan, recycled memory keeps its freed poison until it is reused (no second fill).
      this.release(oldest, false);
    }
  }

  /**
   * `realloc`: grows or shrinks in place when it can (sanitizer off), else moves; contents up to
   * the smaller size are kept. With the sanitizer on it always moves, so stale pointers fault.
   * Returns 0 when exhausted (the old block stays valid) or when `bytes` is 0 (block freed).
   */
  realloc(address: number, bytes: number): number {
    if (address === 0) return this.malloc(bytes);
    const verdict = this.classify(address);
    if (verdict !== 'ok') {
      this.onBadFree(address, verdict);
      return 0;
    }
    if (bytes === 0) {
      this.freeUnchecked(address);
      return 0;
    }
    const oldBytes = this.requestedBytes(address);
    if (!this.sanitize) {
      const chunk = address - HEADER_BYTES;
      const need = this.chunkBytesFor(bytes);
      let size = this.sizeOf(chunk);
      const next = chunk + size;
      if (
        size < need &&
        next < this.heapTop &&
        this.flagsOf(next) === 0 &&
        size + this.sizeOf(next) >= need
      ) {
        const nextSize = this.sizeOf(next);
        this.freeLists.unlink(next, nextSize);
        size += nextSize;
        this.setHeader(chunk, size, FLAG_IN_USE);
      } else if (size < need && next === this.heapTop && chunk + need <= this.heapLimit) {
        this.heapTop = chunk + need;
        size = need;
        this.setHeader(chunk, size, FLAG_IN_USE);
      }
      if (size >= need) {
        this.trimTail(chunk, need, true);
        this.memory.u32[(chunk + REQUESTED_OFFSET) >>> 2] = bytes;
        this.liveBytes += bytes - oldBytes;
        if (this.liveBytes > this.peakLiveBytes) this.peakLiveBytes = this.liveBytes;
        return address;
      }
    }
    const moved = this.malloc(bytes);
    if (moved === 0) return 0;
    const keep = Math.min(oldBytes, bytes);
    this.memory.u8.copyWithin(moved, address, address + keep);
    if (this.sanitize) this.memory.shadow.copyWithin(moved, address, address + keep);
    this.freeUnchecked(address);
    return moved;
  }

  /** Every chunk from heap start to heap top, in address order. O(chunks). */
  blocks(): HeapBlock[] {
    return heapBlocks(this.memory.u32, this.heapStart, this.heapTop);
  }

  /** The chunk whose bytes (header to redzone) contain `address`, or null. O(chunks). */
  blockAt(address: number): HeapBlock | null {
    return heapBlockAt(this.memory.u32, this.heapStart, this.heapTop, address);
  }

  /** Live statistics. O(free blocks) for the largest free chunk, O(1) otherwise. */
  stats(): HeapStats {
    const freeLists = this.freeLists;
    const largest = freeLists.largestChunkBytes();
    return {
      liveBytes: this.liveBytes,
      liveBlocks: this.liveBlocks,
      peakLiveBytes: this.peakLiveBytes,
      freeBlocks: freeLists.count,
      freeBytes: freeLists.bytes,
      quarantinedBlocks: this.quarantine.count,
      quarantinedBytes: this.quarantine.bytes,
      heapBytes: this.heapTop - this.heapStart,
      largestFreeBytes: largest,
      fragmentation: freeLists.bytes === 0 ? 0 : 1 - largest / freeLists.bytes,
      totalAllocations: this.allocations,
    };
  }
}
