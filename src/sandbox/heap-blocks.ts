import { chunkFlags, chunkSize } from './free-lists.js';
import { FLAG_IN_USE, FLAG_QUARANTINED, HEADER_BYTES, MIN_CHUNK_BYTES, REQUESTED_OFFSET } from './layout.js';

// The heap as the leak checker, the error reports and the picture see it: its blocks and its
// statistics, read from the chunk headers without touching the allocator's state.

/** A live or quarantined block, as the leak checker and the picture see it. */
export interface HeapBlock {
  /** User pointer (first usable byte). */
  readonly address: number;
  readonly requestedBytes: number;
  /** Whole chunk: header, user bytes, padding and redzone. */
  readonly chunkBytes: number;
  readonly state: 'used' | 'free' | 'quarantined';
}

/** Allocation statistics (`Heap.stats()`). */
export interface HeapStats {
  /** Bytes requested by live allocations. */
  readonly liveBytes: number;
  readonly liveBlocks: number;
  /** Highest `liveBytes` ever. */
  readonly peakLiveBytes: number;
  readonly freeBlocks: number;
  /** Bytes in free chunks (headers included). */
  readonly freeBytes: number;
  readonly quarantinedBlocks: number;
  readonly quarantinedBytes: number;
  /** Bytes between heap start and the heap top ("brk"). */
  readonly heapBytes: number;
  readonly largestFreeBytes: number;
  /** External fragmentation: 1 − largest free chunk / all free bytes (0 when nothing is free). */
  readonly fragmentation: number;
  readonly totalAllocations: number;
}

/** Every chunk in `[heapStart, heapTop)`, in address order, walking the boundary tags. O(chunks). */
export function heapBlocks(u32: Uint32Array, heapStart: number, heapTop: number): HeapBlock[] {
  const out: HeapBlock[] = [];
  for (let chunk = heapStart; chunk < heapTop; chunk += chunkSize(u32, chunk)) {
    if (chunkSize(u32, chunk) < MIN_CHUNK_BYTES) break; // headers overwritten (sanitizer off)
    const flags = chunkFlags(u32, chunk);
    out.push({
      address: chunk + HEADER_BYTES,
      requestedBytes: u32[(chunk + REQUESTED_OFFSET) >>> 2]!,
      chunkBytes: chunkSize(u32, chunk),
      state: flags === FLAG_IN_USE ? 'used' : flags === FLAG_QUARANTINED ? 'quarantined' : 'free',
    });
  }
  return out;
}

/** The chunk whose bytes (header to redzone) contain `address`, or null. O(chunks). */
export function heapBlockAt(
  u32: Uint32Array,
  heapStart: number,
  heapTop: number,
  address: number,
): HeapBlock | null {
  if (address < heapStart || address >= heapTop) return null;
  for (const block of heapBlocks(u32, heapStart, heapTop)) {
    if (address < block.address - HEADER_BYTES + block.chunkBytes) return block;
  }
  return null;
}
