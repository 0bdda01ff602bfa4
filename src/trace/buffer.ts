import { AccessKind, type ChunkConsumer, type TraceChunk, type TraceSink } from './types.js';

const INITIAL_CAPACITY = 1024;

/**
 * An in-memory, growable trace: records every access into typed-array columns.
 *
 * @example
 * ```ts
 * const trace = new TraceBuffer();
 * trace.access(0x1000, 4, AccessKind.Load);
 * trace.length; // 1
 * ```
 */
export class TraceBuffer implements TraceSink, TraceChunk {
  addresses: Float64Array;
  sizes: Uint32Array;
  kinds: Uint8Array;
  length: number;

  constructor(initialCapacity = INITIAL_CAPACITY) {
    const capacity = Math.max(1, Math.floor(initialCapacity));
    this.addresses = new Float64Array(capacity);
    this.sizes = new Uint32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.length = 0;
  }

  access(address: number, size: number, kind: AccessKind): void {
    if (this.length === this.addresses.length) this.grow();
    const i = this.length;
    this.addresses[i] = address;
    this.sizes[i] = size;
    this.kinds[i] = kind;
    this.length = i + 1;
  }

  load(address: number, size: number): void {
    this.access(address, size, AccessKind.Load);
  }

  store(address: number, size: number): void {
    this.access(address, size, AccessKind.Store);
  }

  /** Forgets every access but keeps the storage. */
  clear(): void {
    this.length = 0;
  }

  /** A compact copy of the recorded accesses. */
  toChunk(): TraceChunk {
    return {
      addresses: this.addresses.slice(0, this.length),
      sizes: this.sizes.slice(0, this.length),
      kinds: this.kinds.slice(0, this.length),
      length: this.length,
    };
  }

  private grow(): void {
    const capacity = this.addresses.length * 2;
    const addresses = new Float64Array(capacity);
    addresses.set(this.addresses);
    const sizes = new Uint32Array(capacity);
    sizes.set(this.sizes);
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    this.addresses = addresses;
    this.sizes = sizes;
    this.kinds = kinds;
  }
}

/**
 * A bounded trace that hands full chunks to a consumer (the cache simulator, a file writer),
 * so that traces larger than memory stream through. Call `flush()` at the end.
 *
 * The chunk passed to `consume` is reused: consumers must not keep it.
 */
export class TraceStream implements TraceSink {
  private readonly chunk: TraceBuffer;
  private readonly capacity: number;
  private readonly consumer: ChunkConsumer;
  /** Accesses handed on so far (including the ones still buffered). */
  total: number;

  constructor(consumer: ChunkConsumer, chunkLength = 1 << 16) {
    this.capacity = Math.max(1, Math.floor(chunkLength));
    this.chunk = new TraceBuffer(this.capacity);
    this.consumer = consumer;
    this.total = 0;
  }

  access(address: number, size: number, kind: AccessKind): void {
    const chunk = this.chunk;
    const i = chunk.length;
    chunk.addresses[i] = address;
    chunk.sizes[i] = size;
    chunk.kinds[i] = kind;
    chunk.length = i + 1;
    this.total++;
    if (chunk.length === this.capacity) this.flush();
  }

  /** Hands any buffered accesses to the consumer. */
  flush(): void {
    if (this.chunk.length === 0) return;
    this.consumer.consume(this.chunk);
    this.chunk.clear();
  }
}

/** Counts accesses per kind and bytes touched; a cheap sink for tests and summaries. */
export class TraceCounter implements TraceSink {
  readonly countsByKind: Float64Array = new Float64Array(4);
  bytes = 0;

  access(_address: number, size: number, kind: AccessKind): void {
    this.countsByKind[kind] = (this.countsByKind[kind] ?? 0) + 1;
    this.bytes += size;
  }

  get total(): number {
    const c = this.countsByKind;
    return c[0]! + c[1]! + c[2]! + c[3]!;
  }
}

/** Replays a chunk (or a slice of it) into a per-access sink. */
export function replay(chunk: TraceChunk, sink: TraceSink, start = 0, end: number = chunk.length): void {
  const { addresses, sizes, kinds } = chunk;
  for (let i = start; i < end; i++) sink.access(addresses[i]!, sizes[i]!, kinds[i] as AccessKind);
}
