/**
 * The common currency of softmem: a memory access is (address, size, kind).
 *
 * Collections, the sandbox and experiments *produce* accesses into a `TraceSink`; the cache
 * simulator and the trace file writers *consume* them as `TraceChunk`s, columns in typed
 * arrays so that a batch of a million accesses costs three allocations, not a million.
 *
 * Addresses are byte addresses up to 2^53 (x86-64 user addresses fit), stored in a
 * `Float64Array` column.
 */

/** What an access does. Small integers so kernels can `switch` on them without dispatch. */
export const AccessKind = {
  /** A data read. */
  Load: 0,
  /** A data write. */
  Store: 1,
  /** A read-modify-write of the same bytes (`x += 1`). */
  Modify: 2,
  /** An instruction fetch. */
  Fetch: 3,
} as const;
export type AccessKind = (typeof AccessKind)[keyof typeof AccessKind];

/** Human-readable names, indexed by `AccessKind`. */
export const ACCESS_KIND_NAMES: readonly ['load', 'store', 'modify', 'fetch'] = [
  'load',
  'store',
  'modify',
  'fetch',
];

/** The largest address a trace may carry (2^53 - 1). */
export const MAX_ADDRESS: number = Number.MAX_SAFE_INTEGER;

/**
 * A block of accesses as three parallel columns. Only the first `length` entries are valid;
 * the arrays may be longer (reused buffers).
 */
export interface TraceChunk {
  readonly addresses: Float64Array;
  readonly sizes: Uint32Array;
  readonly kinds: Uint8Array;
  readonly length: number;
}

/** Receives accesses one at a time. Implementations must not allocate per access. */
export interface TraceSink {
  access(address: number, size: number, kind: AccessKind): void;
}

/** Receives accesses a chunk at a time (the cache simulator, trace writers). */
export interface ChunkConsumer {
  consume(chunk: TraceChunk): void;
}
