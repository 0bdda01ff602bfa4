/**
 * The memory traffic of building a vector, for the cache simulator: every push is a 4-byte
 * store at the end of the buffer, and every reallocation reads each live element from the old
 * buffer and writes it to the new one (the copy `Vec` does with `TypedArray.set`). Buffers are
 * placed one after another at 64-byte-aligned addresses, never reused (each growth is a fresh
 * allocation, as large mallocs are).
 */
import { minNonZeroCapacity } from '../../collections/index.js';
import { AccessKind, type TraceSink } from '../../trace/index.js';
import type { VariantId } from './variants.js';

/** Where the first simulated buffer starts. */
export const GROWTH_BASE_ADDRESS = 0x10000;
const ALIGN_BYTES = 64;

/** What `emitVecGrowth` emitted. */
export interface GrowthTraffic {
  pushes: number;
  reallocations: number;
  /** Elements read from an old buffer and written to a new one. */
  elementsCopied: number;
}

/**
 * Emits the accesses of building a vector of `n` elements of `elementBytes` the `variant`'s way
 * (Vec variants only: the growth policy is Rust's, `max(2 × capacity, required, 4)`).
 * O(n) accesses: at most 3n for `vec-push`.
 */
export function emitVecGrowth(
  sink: TraceSink,
  variant: Extract<VariantId, 'vec-push' | 'vec-reserve' | 'vec-with-capacity'>,
  n: number,
  elementBytes: number,
): GrowthTraffic {
  let address = GROWTH_BASE_ADDRESS;
  let capacity = 0;
  let reallocations = 0;
  let elementsCopied = 0;
  const grow = (length: number, newCapacity: number): void => {
    const next = Math.ceil((address + capacity * elementBytes) / ALIGN_BYTES) * ALIGN_BYTES;
    for (let j = 0; j < length; j++) {
      sink.access(address + j * elementBytes, elementBytes, AccessKind.Load);
      sink.access(next + j * elementBytes, elementBytes, AccessKind.Store);
    }
    elementsCopied += length;
    reallocations++;
    address = next;
    capacity = newCapacity;
  };
  if (variant === 'vec-with-capacity') capacity = n;
  else if (variant === 'vec-reserve') grow(0, Math.max(n, minNonZeroCapacity(elementBytes)));
  for (let length = 0; length < n; length++) {
    if (length === capacity)
      grow(length, Math.max(2 * capacity, length + 1, minNonZeroCapacity(elementBytes)));
    sink.access(address + length * elementBytes, elementBytes, AccessKind.Store);
  }
  return { pushes: n, reallocations, elementsCopied };
}
