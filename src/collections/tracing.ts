/**
 * The "Tracing" convention shared by every collection: a structure created with
 * `{ trace, baseAddress }` reports each element access it performs to `trace` as
 * `(baseAddress + byteOffset, elementBytes, kind)`, so experiments can replay its real memory
 * traffic through the cache simulator.
 *
 * Zero cost when off: a structure stores `trace: TraceSink | null` and tests it only in its
 * checked methods (or picks a traced kernel once, before a loop); unchecked twins never trace.
 */
import type { TraceSink } from '../trace/index.js';

/** Options accepted by every traceable collection. */
export interface TraceOptions {
  /** Receives one access per element read or written by the structure's checked methods. */
  trace?: TraceSink;
  /** The byte address the structure's first element is reported at (default 0). */
  baseAddress?: number;
}

/** The validated form of `TraceOptions` a structure stores. */
export interface ResolvedTrace {
  readonly sink: TraceSink | null;
  readonly baseAddress: number;
}

/**
 * Validates `options` and returns the sink (or `null`) and the base address.
 *
 * @example
 * ```ts
 * const { sink, baseAddress } = resolveTrace({ baseAddress: 4096 });
 * sink; // => null
 * baseAddress; // => 4096
 * ```
 */
export function resolveTrace(options: TraceOptions | undefined): ResolvedTrace {
  const baseAddress = options?.baseAddress ?? 0;
  if (!Number.isSafeInteger(baseAddress) || baseAddress < 0) {
    throw new RangeError(`baseAddress must be a non-negative safe integer, got ${String(baseAddress)}`);
  }
  return { sink: options?.trace ?? null, baseAddress };
}

/**
 * Rounds `address` up to a multiple of `alignBytes` (a power of two): the address of the next
 * array when a structure made of several arrays lays them out one after another.
 */
export function alignAddress(address: number, alignBytes: number): number {
  return Math.ceil(address / alignBytes) * alignBytes;
}
