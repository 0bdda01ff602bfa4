/**
 * Tracing options shared by the structures of this folder's siblings (Deque, IntHashMap,
 * struct views). Same shape as `src/collections/tracing.ts` of the array collections; this
 * local copy exists until that file lands on main, then the import switches over.
 */
import type { TraceSink } from '../../trace/index.js';

/** Where a structure reports its element accesses, and the address its storage pretends to live at. */
export interface TraceOptions {
  /** Receives (baseAddress + byteOffset, bytes, kind) for every element access. Off when absent. */
  trace?: TraceSink;
  /** The simulated address of byte 0 of the structure's storage (default 0). */
  baseAddress?: number;
}

/** Validates `baseAddress` (a non-negative safe integer) and returns it, 0 when absent. */
export function checkBaseAddress(baseAddress: number | undefined): number {
  if (baseAddress === undefined) return 0;
  if (!Number.isSafeInteger(baseAddress) || baseAddress < 0) {
    throw new RangeError(`baseAddress must be a non-negative safe integer, got ${String(baseAddress)}`);
  }
  return baseAddress;
}
