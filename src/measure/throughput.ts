/**
 * Throughput units from a time and an amount of work: ns per element, GB/s (saying whether
 * write-allocate traffic is counted) and accesses per second. All pure arithmetic; each throws
 * `RangeError` on a time that is not a positive finite number or an amount that is negative.
 */

/**
 * Nanoseconds per element: `ns / elements`.
 *
 * @example
 * ```ts
 * nsPerElement(m.nsPerOp.median, 1024); // a kernel op that sums 1024 elements
 * ```
 */
export function nsPerElement(ns: number, elements: number): number {
  checkTime('nsPerElement', ns);
  if (!(elements > 0 && Number.isFinite(elements))) {
    throw new RangeError(`nsPerElement: elements must be a positive number, got ${String(elements)}`);
  }
  return ns / elements;
}

/** Whether a byte count includes the read-for-ownership that a write-allocate cache adds to every written line. */
export interface BandwidthOptions {
  /**
   * True when `bytes` already includes write-allocate traffic (each written line is first
   * read into the cache, so a store of B bytes moves 2·B). See {@link memoryTrafficBytes}.
   */
  writeAllocateCounted: boolean;
}

/** A bandwidth figure that carries how it was counted. GB are 10⁹ bytes. */
export interface Bandwidth {
  gigabytesPerSecond: number;
  writeAllocateCounted: boolean;
}

/**
 * Bandwidth in GB/s (10⁹ bytes per second: bytes per ns), tagged with whether write-allocate
 * traffic is counted, so that a copy's "2 × bytes" and a STREAM-style "3 × bytes" are never
 * confused.
 *
 * @example
 * ```ts
 * gigabytesPerSecond(8 * 1024 * 1024, 1e6, { writeAllocateCounted: false });
 * // { gigabytesPerSecond: 8.388608, writeAllocateCounted: false }
 * ```
 */
export function gigabytesPerSecond(bytes: number, ns: number, options: BandwidthOptions): Bandwidth {
  checkTime('gigabytesPerSecond', ns);
  checkAmount('gigabytesPerSecond', 'bytes', bytes);
  return { gigabytesPerSecond: bytes / ns, writeAllocateCounted: options.writeAllocateCounted };
}

/**
 * Bytes that cross the memory bus for `readBytes` loaded and `writtenBytes` stored: with
 * `countWriteAllocate`, each written byte also counts once as read (read-for-ownership).
 *
 * @example
 * ```ts
 * memoryTrafficBytes(n * 8, n * 8, true); // a copy of n doubles: 3 × 8n bytes
 * ```
 */
export function memoryTrafficBytes(
  readBytes: number,
  writtenBytes: number,
  countWriteAllocate: boolean,
): number {
  checkAmount('memoryTrafficBytes', 'readBytes', readBytes);
  checkAmount('memoryTrafficBytes', 'writtenBytes', writtenBytes);
  return readBytes + writtenBytes + (countWriteAllocate ? writtenBytes : 0);
}

/**
 * Accesses per second for `accesses` done in `ns` nanoseconds.
 *
 * @example
 * ```ts
 * accessesPerSecond(1000, 500); // 2e9
 * ```
 */
export function accessesPerSecond(accesses: number, ns: number): number {
  checkTime('accessesPerSecond', ns);
  checkAmount('accessesPerSecond', 'accesses', accesses);
  return (accesses / ns) * 1e9;
}

function checkTime(what: string, ns: number): void {
  if (!(ns > 0 && Number.isFinite(ns))) {
    throw new RangeError(`${what}: ns must be a positive finite number, got ${String(ns)}`);
  }
}

function checkAmount(what: string, name: string, value: number): void {
  if (!(value >= 0 && Number.isFinite(value))) {
    throw new RangeError(`${what}: ${name} must be a non-negative finite number, got ${String(value)}`);
  }
}
