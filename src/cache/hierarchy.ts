/**
 * The cache hierarchy simulator: validates the configuration, builds the levels, picks one
 * engine for the run — cachegrind compatibility (`cachegrind.ts`), the fast LRU engines
 * (`lru-wasm.ts` in WebAssembly, `lru-wasm-threads.ts` the same on two threads (opt-in),
 * `lru-stream.ts` level by level in JS, `lru-kernel.ts` access by access in JS) or the general path (`general-path.ts`, which documents the request protocol
 * between levels) — and reports statistics.
 */
import type { AccessKind, ChunkConsumer, TraceChunk, TraceSink } from '../trace/index.js';
import { amat } from './amat.js';
import { CachegrindSimulator } from './cachegrind.js';
import { validateConfig } from './config.js';
import { GeneralPath } from './general-path.js';
import { CacheLevel } from './level.js';
import { fitsLruKernel, LruKernel, levelConfigFitsLruKernel } from './lru-kernel.js';
import { checkStreamCapacity, LruStreamKernel, STREAM_CAPACITY } from './lru-stream.js';
import { LruWasmKernel, LruWasmMemory } from './lru-wasm.js';
import {
  LruWasmPipeline,
  PIPELINE_MIN_ACCESSES,
  PIPELINE_SEGMENT_ENTRIES,
  PIPELINE_SEGMENTS,
} from './lru-wasm-threads.js';
import { ReuseDistanceTracker } from './reuse.js';
import type { HierarchyConfig, HierarchyStats } from './types.js';

/**
 * Which simulation engine a hierarchy runs on (chosen once, in the constructor). The fast LRU
 * engines serve hierarchies whose levels are all LRU, write-back, write-allocate and
 * non-inclusive, without 3C classification or a reuse histogram (`fitsLruKernel`), and give the
 * general path's statistics exactly:
 * - `lru-wasm`: batches level by level in WebAssembly SIMD128 (`lru-wasm.ts`), the default when
 *   the runtime validates WebAssembly SIMD and the engine's memory (tags, streams, a trace
 *   chunk) fits in 4 GiB; single accesses run through it too, as batches of one;
 * - `lru-wasm-threads`: `lru-wasm` pipelined over two threads (`lru-wasm-threads.ts`): the main
 *   thread runs the upper levels, a worker the lowest (`workerLevels`), connected by a ring in
 *   shared memory. Opt-in with `threads: 2`, for hierarchies with a level below L1d; call
 *   `close()` when done;
 * - `lru-stream`: the same level-by-level algorithm in JS (`wasm: false`, two or more data levels);
 * - `lru-fast`: the JS kernel access by access (`streaming: false`, or a single data level with
 *   `wasm: false`);
 * - `general`: policy objects and the request protocol of `general-path.ts`, for everything else;
 * - `cachegrind`: cachegrind's own model (`compat: 'cachegrind'`).
 */
export type SimulationPath =
  | 'cachegrind'
  | 'lru-wasm'
  | 'lru-wasm-threads'
  | 'lru-stream'
  | 'lru-fast'
  | 'general';

/** Options that do not change results. */
export interface HierarchyOptions {
  /** Use the fast LRU kernel when the configuration allows it (default true); false is for differential tests. */
  fastPath?: boolean;
  /**
   * Let `accessBatch` simulate level by level on the fast path (default true); false keeps the
   * access-by-access kernel, for differential tests and the bench's A/B.
   */
  streaming?: boolean;
  /**
   * Let the fast path run batches on the WebAssembly engine (`lru-wasm.ts`) when WebAssembly
   * SIMD128 is available (default true); false keeps the JavaScript kernels, for differential
   * tests and the bench's A/B. Ignored (JavaScript) when `streaming` is false.
   */
  wasm?: boolean;
  /**
   * Entries per stream buffer of the level-by-level engines, JS and WebAssembly (an integer >= 2; default
   * `STREAM_CAPACITY`; with `threads: 2`, `PIPELINE_SEGMENT_ENTRIES`, as it is also the size
   * of each ring segment). Results never depend on it; tests use tiny buffers to drain early.
   */
  streamCapacity?: number;
  /**
   * 2: run batches on the pipelined WebAssembly engine (`lru-wasm-threads`), the levels above
   * the lowest `workerLevels` on the calling thread and those on a worker thread; same results
   * as 1 (default: one thread). Taken only where `lru-wasm` would be and the hierarchy has a
   * level below L1d (else the single-threaded choice stands, see `path`), and where the runtime
   * has WebAssembly threads. A hierarchy with a worker should be closed (`close()` or `using`);
   * the worker never keeps the process alive.
   */
  threads?: 1 | 2;
  /**
   * With `threads: 2`: how many of the lowest levels the worker runs (an integer >= 1; default
   * 1, the last level; capped so that L1d stays on the calling thread). Results never depend on
   * it. The default was chosen in bench/cache.bench.ts (three-level random rows).
   */
  workerLevels?: number;
  /**
   * With `threads: 2`: batches of fewer accesses run on the calling thread alone, the worker
   * waiting (waking it costs more than the pipeline saves on them); larger ones are pipelined
   * (an integer >= 0; default `PIPELINE_MIN_ACCESSES`). Results never depend on it.
   */
  minPipelinedAccesses?: number;
  /** With `threads: 2`: segments of the ring between the threads (an integer >= 1; default `PIPELINE_SEGMENTS`). Results never depend on it. */
  ringSegments?: number;
}

/**
 * A simulated cache hierarchy. Feed it accesses one at a time (`access`), as trace chunks
 * (`consume`) or as typed-array columns (`accessBatch`, the fast path), then read `stats()`.
 *
 * @example
 * ```ts
 * const cache = new CacheHierarchy({ levels: [{ name: 'L1d', sizeBytes: 32768, ways: 8, lineBytes: 64 }] });
 * cache.access(0x1000, 8, AccessKind.Load); // miss
 * cache.access(0x1008, 8, AccessKind.Load); // hit
 * cache.stats().levels[0]!.misses; // 1
 * ```
 */
export class CacheHierarchy implements TraceSink, ChunkConsumer {
  /** The validated configuration, defaults filled in. */
  readonly config: HierarchyConfig;
  /** Index in `all` of the level below each level, or -1 for memory. */
  private readonly below: Int32Array;
  private readonly dataTop: number;
  private readonly compat: CachegrindSimulator | null;
  private readonly reuse: ReuseDistanceTracker | null;
  /** [memory accesses] */
  private readonly memory: Float64Array;
  /** Levels in stats order: instruction first when present, then the data path. */
  private readonly all: CacheLevel[];
  private readonly general: GeneralPath;
  private readonly kernel: LruKernel | null;
  /** The WebAssembly batch engine, when `kernel` fits and WebAssembly SIMD runs here. */
  private readonly wasm: LruWasmKernel | null;
  /** The pipelined WebAssembly engine (`threads: 2`), instead of `wasm`. */
  private readonly pipeline: LruWasmPipeline | null;
  private closed: boolean;
  /** The level-by-level JS batch kernel, when `kernel` runs a hierarchy with a level below L1d and `wasm` does not. */
  private readonly stream: LruStreamKernel | null;
  /** The engine chosen for this configuration. */
  readonly path: SimulationPath;

  constructor(config: HierarchyConfig, options: HierarchyOptions = {}) {
    const valid = validateConfig(config);
    this.config = valid;
    const seed = valid.seed ?? 1;
    const classify = valid.classifyMisses === true;
    const configs = valid.instruction ? [valid.instruction, ...valid.levels] : valid.levels;
    const offset = valid.instruction ? 1 : 0;
    const count = configs.length;
    this.below = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      const dataIndex = k - offset;
      // The instruction level and L1d both sit on top of levels[1].
      const next = dataIndex < 0 ? offset + 1 : k + 1;
      this.below[k] = next < count ? next : -1;
    }
    this.dataTop = offset;
    this.compat =
      valid.compat === 'cachegrind' && valid.instruction
        ? new CachegrindSimulator(valid.instruction, valid.levels[0]!, valid.levels[1]!)
        : null;
    this.reuse = valid.reuseHistogram ? new ReuseDistanceTracker(valid.levels[0]!.lineBytes) : null;
    this.memory = new Float64Array(1);
    const fast =
      this.compat === null &&
      this.reuse === null &&
      options.fastPath !== false &&
      configs.every((level) => levelConfigFitsLruKernel(level, classify));
    const threads = options.threads ?? 1;
    if (threads !== 1 && threads !== 2) {
      throw new RangeError(`threads must be 1 or 2, got ${String(threads)}`);
    }
    const workerLevels = options.workerLevels ?? 1;
    if (!Number.isSafeInteger(workerLevels) || workerLevels < 1) {
      throw new RangeError(`workerLevels must be an integer >= 1, got ${String(workerLevels)}`);
    }
    const segments = options.ringSegments ?? PIPELINE_SEGMENTS;
    if (!Number.isSafeInteger(segments) || segments < 1 || segments > 1024) {
      throw new RangeError(`ringSegments must be an integer in [1, 1024], got ${String(segments)}`);
    }
    const minPipelined = options.minPipelinedAccesses ?? PIPELINE_MIN_ACCESSES;
    if (!Number.isSafeInteger(minPipelined) || minPipelined < 0) {
      throw new RangeError(`minPipelinedAccesses must be an integer >= 0, got ${String(minPipelined)}`);
    }
    // The worker's first level: at least one below L1d; none when there is no such level.
    const boundary = threads === 2 ? Math.max(count - workerLevels, this.dataTop + 1) : count;
    const wasmWanted = fast && options.streaming !== false && options.wasm !== false;
    const shapes = configs.map((level) => ({
      sets: level.sizeBytes / level.lineBytes / level.ways,
      ways: level.ways,
    }));
    // The wasm engine's memory comes first: the levels keep their tags in it. The pipelined
    // engine's is shared and holds the ring; without WebAssembly threads, the single-threaded one.
    const pipelined = wasmWanted && boundary < count;
    const capacity = options.streamCapacity ?? (pipelined ? PIPELINE_SEGMENT_ENTRIES : STREAM_CAPACITY);
    checkStreamCapacity(capacity);
    const wasmMemory = wasmWanted
      ? ((pipelined ? LruWasmMemory.tryCreate(shapes, capacity, segments) : null) ??
        LruWasmMemory.tryCreate(shapes, capacity))
      : null;
    this.all = configs.map((level, k) => new CacheLevel(level, seed + k, classify, wasmMemory?.tags[k]));
    this.general = new GeneralPath(this.all, this.below, this.memory, this.dataTop, this.reuse);
    this.kernel =
      fast && fitsLruKernel(this.all) ? new LruKernel(this.all, this.below, this.memory, this.dataTop) : null;
    const usable = this.kernel !== null && wasmMemory !== null;
    this.pipeline =
      usable && wasmMemory.segments > 0
        ? new LruWasmPipeline(
            wasmMemory,
            this.all,
            this.below,
            this.memory,
            this.dataTop,
            boundary,
            minPipelined,
          )
        : null;
    this.wasm =
      usable && wasmMemory.segments === 0
        ? new LruWasmKernel(wasmMemory, this.all, this.below, this.memory, this.dataTop)
        : null;
    this.closed = false;
    this.stream =
      this.kernel !== null &&
      this.wasm === null &&
      this.pipeline === null &&
      options.streaming !== false &&
      this.below[this.dataTop]! >= 0
        ? new LruStreamKernel(this.all, this.below, this.memory, this.dataTop, capacity)
        : null;
    this.path =
      this.compat !== null
        ? 'cachegrind'
        : this.pipeline !== null
          ? 'lru-wasm-threads'
          : this.wasm !== null
            ? 'lru-wasm'
            : this.stream !== null
              ? 'lru-stream'
              : this.kernel !== null
                ? 'lru-fast'
                : 'general';
  }

  /**
   * Simulates one access. Checks its arguments (`RangeError`/`TypeError`); `accessBatch` is the
   * unchecked fast path.
   */
  access(address: number, size: number, kind: AccessKind): void {
    if (this.closed) throw closedError();
    if (!Number.isSafeInteger(address) || address < 0) {
      throw new RangeError(`address must be an integer in [0, 2^53), got ${String(address)}`);
    }
    if (!Number.isSafeInteger(size) || size < 0) {
      throw new RangeError(`access size must be a non-negative integer, got ${String(size)}`);
    }
    if (kind !== 0 && kind !== 1 && kind !== 2 && kind !== 3) {
      throw new TypeError(
        `access kind must be 0 (load), 1 (store), 2 (modify) or 3 (fetch), got ${String(kind)}`,
      );
    }
    if (this.compat !== null) this.compat.access(address, size, kind);
    else if (this.pipeline !== null) this.pipeline.accessOne(address, size, kind);
    else if (this.wasm !== null) this.wasm.accessOne(address, size, kind);
    else if (this.kernel !== null) this.kernel.access(address, size, kind);
    else this.general.access(address, size, kind);
  }

  /** Simulates every access of a trace chunk. */
  consume(chunk: TraceChunk): void {
    this.accessBatch(chunk.addresses, chunk.sizes, chunk.kinds, 0, chunk.length);
  }

  /**
   * Simulates accesses `start … end - 1` of three parallel columns, without per-access checks
   * (addresses must be integers in [0, 2^53), kinds 0–3); in cachegrind mode the batch is checked
   * first and a bad access rejects all of it (see `CachegrindSimulator.accessBatch`). O(ways) per
   * access per level touched.
   */
  accessBatch(
    addresses: Float64Array,
    sizes: Uint32Array,
    kinds: Uint8Array,
    start: number,
    end: number,
  ): void {
    if (this.closed) throw closedError();
    const compat = this.compat;
    if (compat !== null) {
      compat.accessBatch(addresses, sizes, kinds, start, end);
      return;
    }
    const pipeline = this.pipeline;
    if (pipeline !== null) {
      pipeline.run(addresses, sizes, kinds, start, end);
      return;
    }
    const wasm = this.wasm;
    if (wasm !== null) {
      wasm.run(addresses, sizes, kinds, start, end);
      return;
    }
    const stream = this.stream;
    if (stream !== null) {
      stream.run(addresses, sizes, kinds, start, end);
      return;
    }
    const kernel = this.kernel;
    if (kernel !== null) {
      kernel.run(addresses, sizes, kinds, start, end);
      return;
    }
    const general = this.general;
    for (let i = start; i < end; i++) general.access(addresses[i]!, sizes[i]!, kinds[i]!);
  }

  /** Empties every level and zeroes all statistics. */
  reset(): void {
    if (this.closed) throw closedError();
    for (const level of this.all) level.reset();
    this.wasm?.reset();
    this.pipeline?.reset();
    this.compat?.reset();
    this.reuse?.reset();
    this.memory.fill(0);
  }

  /**
   * Releases what the engine holds outside this object: the worker thread of the pipelined
   * engine (`threads: 2`). Idempotent; afterwards `access`, `accessBatch`, `consume` and `reset`
   * throw, while `stats()` still reports the results so far. A no-op for the other engines
   * except for that. Also `[Symbol.dispose]`, so `using cache = new CacheHierarchy(…)` closes it.
   */
  close(): void {
    this.closed = true;
    this.pipeline?.close();
  }

  /** `close()`, for `using` declarations. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Statistics so far. */
  stats(): HierarchyStats {
    const topLevels = this.config.instruction ? 2 : 1;
    if (this.compat !== null) {
      const levels = this.compat.stats();
      return { levels, topLevels, memoryAccesses: levels[2]!.misses };
    }
    // Single accesses leave their counts in the WebAssembly engine's memory until collected.
    this.wasm?.collectCounters();
    this.pipeline?.collectCounters();
    const stats: HierarchyStats = {
      levels: this.all.map((level) => level.stats()),
      topLevels,
      memoryAccesses: this.memory[0]!,
    };
    const configs = this.config.instruction
      ? [this.config.instruction, ...this.config.levels]
      : this.config.levels;
    const levelNs = configs.map((level) => level.latencyNs);
    const memoryNs = this.config.memoryLatencyNs;
    if (memoryNs !== undefined && levelNs.every((ns) => ns !== undefined)) {
      stats.amatNs = amat(stats, { levelNs: levelNs as number[], memoryNs });
    }
    if (this.reuse !== null) stats.reuseHistogram = this.reuse.histogram();
    return stats;
  }
}

function closedError(): Error {
  return new Error('this CacheHierarchy is closed (close() was called): create a new one to simulate more');
}
