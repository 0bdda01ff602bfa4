/**
 * The cache hierarchy simulator.
 *
 * Requests between levels are per line; every level shares one line size (checked by
 * `validateConfig`). A request has an operation:
 *
 * | op          | from                                   | at a non-exclusive level, on a miss            |
 * |-------------|----------------------------------------|------------------------------------------------|
 * | `READ`      | load; fill for a read miss above       | fetch from below, install clean                |
 * | `FETCH`     | instruction fetch; fill for I-miss     | same as READ (counted as a fetch)              |
 * | `WRITE`     | store; write-through / no-allocate     | write-allocate: fill (RFO below), install;     |
 * |             | store forwarded from above             | write-back: dirty; write-through: forward      |
 * | `RFO`       | fill for a write-allocate miss above   | same as READ (counted as a write)              |
 * | `WRITEBACK` | dirty line evicted above               | write-allocate: install without fetching       |
 * | `VICTIM`    | clean line evicted above (exclusive)   | — (only sent to exclusive levels)              |
 *
 * A hit on WRITE / WRITEBACK marks the line dirty (write-back) or forwards the write
 * (write-through). An evicted dirty line is written back (`WRITEBACK`) to the level below; a
 * clean one goes down as `VICTIM` only when the level below is exclusive. An inclusive level
 * invalidates an evicted line in the level(s) above (back-invalidation; a dirty copy there makes
 * the eviction dirty). An exclusive level never allocates on demand: it holds the victims of the
 * level above, and a hit for a fill hands the line up (writing it back first when dirty).
 * Memory answers whatever passes the last level.
 */
import { AccessKind, type ChunkConsumer, type TraceChunk, type TraceSink } from '../trace/index.js';
import { amat } from './amat.js';
import { CachegrindSimulator } from './cachegrind.js';
import { MISS_CAPACITY, MISS_COMPULSORY } from './classify.js';
import { validateConfig } from './config.js';
import {
  ACCESSES,
  BYTES_OUT,
  CAPACITY,
  CacheLevel,
  COMPULSORY,
  CONFLICT,
  EVICTIONS,
  EXCLUSIVE,
  INCLUSIVE,
  KIND_FETCH,
  KIND_READ,
  KIND_WRITE,
  MISSES,
  WRITE_BACKS,
} from './level.js';
import { fitsLruKernel, LruKernel } from './lru-kernel.js';
import { LruStreamKernel } from './lru-stream.js';
import { ReuseDistanceTracker } from './reuse.js';
import type { HierarchyConfig, HierarchyStats } from './types.js';

/**
 * Which simulation engine a hierarchy runs on (chosen once, in the constructor): `lru-stream`
 * is the fast LRU kernel with batches simulated level by level (hierarchies of two or more
 * data levels), `lru-fast` the same kernel access by access.
 */
export type SimulationPath = 'cachegrind' | 'lru-stream' | 'lru-fast' | 'general';

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
   * Entries per stream buffer of the level-by-level kernel (an integer >= 2; default
   * `STREAM_CAPACITY`). Results never depend on it; tests use tiny buffers to drain early.
   */
  streamCapacity?: number;
}

const READ = 0;
const WRITE = 1;
const FETCH = 2;
const RFO = 3;
const WRITEBACK = 4;
const VICTIM = 5;

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
  /** Levels in stats order: instruction first when present, then the data path. */
  private readonly all: CacheLevel[];
  /** Index in `all` of the level below each level, or -1 for memory. */
  private readonly below: Int32Array;
  /** Indices in `all` of the levels directly above each level. */
  private readonly above: number[][];
  private readonly dataTop: number;
  private readonly fetchTop: number;
  private readonly lineBytes: number;
  private readonly invLineBytes: number;
  private readonly compat: CachegrindSimulator | null;
  private readonly reuse: ReuseDistanceTracker | null;
  /** [memory accesses] */
  private readonly memory: Float64Array;
  private readonly kernel: LruKernel | null;
  /** The level-by-level batch kernel, when `kernel` runs a hierarchy with a level below L1d. */
  private readonly stream: LruStreamKernel | null;
  /** The engine chosen for this configuration. */
  readonly path: SimulationPath;

  constructor(config: HierarchyConfig, options: HierarchyOptions = {}) {
    const valid = validateConfig(config);
    this.config = valid;
    const seed = valid.seed ?? 1;
    const classify = valid.classifyMisses === true;
    const configs = valid.instruction ? [valid.instruction, ...valid.levels] : valid.levels;
    this.all = configs.map((level, k) => new CacheLevel(level, seed + k, classify));
    const offset = valid.instruction ? 1 : 0;
    const count = this.all.length;
    this.below = new Int32Array(count);
    this.above = this.all.map(() => []);
    for (let k = 0; k < count; k++) {
      const dataIndex = k - offset;
      // The instruction level and L1d both sit on top of levels[1].
      const next = dataIndex < 0 ? offset + 1 : k + 1;
      this.below[k] = next < count ? next : -1;
      if (next < count) this.above[next]!.push(k);
    }
    this.dataTop = offset;
    this.fetchTop = 0;
    this.lineBytes = valid.levels[0]!.lineBytes;
    this.invLineBytes = 1 / this.lineBytes;
    this.compat =
      valid.compat === 'cachegrind' && valid.instruction
        ? new CachegrindSimulator(valid.instruction, valid.levels[0]!, valid.levels[1]!)
        : null;
    this.reuse = valid.reuseHistogram ? new ReuseDistanceTracker(this.lineBytes) : null;
    this.memory = new Float64Array(1);
    this.kernel =
      this.compat === null && this.reuse === null && options.fastPath !== false && fitsLruKernel(this.all)
        ? new LruKernel(this.all, this.below, this.memory, this.dataTop)
        : null;
    this.stream =
      this.kernel !== null && options.streaming !== false && this.below[this.dataTop]! >= 0
        ? new LruStreamKernel(this.all, this.below, this.memory, this.dataTop, options.streamCapacity)
        : null;
    this.path =
      this.compat !== null
        ? 'cachegrind'
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
    else if (this.kernel !== null) this.kernel.access(address, size, kind);
    else this.accessUnchecked(address, size, kind);
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
    const compat = this.compat;
    if (compat !== null) {
      compat.accessBatch(addresses, sizes, kinds, start, end);
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
    for (let i = start; i < end; i++) this.accessUnchecked(addresses[i]!, sizes[i]!, kinds[i]!);
  }

  /** Empties every level and zeroes all statistics. */
  reset(): void {
    for (const level of this.all) level.reset();
    this.compat?.reset();
    this.reuse?.reset();
    this.memory.fill(0);
  }

  /** Statistics so far. */
  stats(): HierarchyStats {
    const topLevels = this.config.instruction ? 2 : 1;
    if (this.compat !== null) {
      const levels = this.compat.stats();
      return { levels, topLevels, memoryAccesses: levels[2]!.misses };
    }
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

  private accessUnchecked(address: number, size: number, kind: number): void {
    const top = kind === AccessKind.Fetch ? this.fetchTop : this.dataTop;
    const inv = this.invLineBytes;
    const first = Math.floor(address * inv);
    const last = size > 1 ? Math.floor((address + size - 1) * inv) : first;
    if (first === last) {
      this.topRequest(top, first, kind, size > 0 ? size : 1);
      return;
    }
    const lineBytes = this.lineBytes;
    const endAddress = address + size;
    for (let line = first; line <= last; line++) {
      const lineStart = line * lineBytes;
      const bytes = Math.min(endAddress, lineStart + lineBytes) - Math.max(address, lineStart);
      this.topRequest(top, line, kind, bytes);
    }
  }

  private topRequest(top: number, line: number, kind: number, bytes: number): void {
    const reuse = this.reuse;
    if (reuse !== null) reuse.record(line);
    switch (kind) {
      case AccessKind.Load:
        this.request(top, line, READ, bytes);
        return;
      case AccessKind.Store:
        this.request(top, line, WRITE, bytes);
        return;
      case AccessKind.Modify:
        this.request(top, line, READ, bytes);
        if (reuse !== null) reuse.record(line);
        this.request(top, line, WRITE, bytes);
        return;
      default:
        this.request(top, line, FETCH, bytes);
    }
  }

  private request(index: number, line: number, op: number, bytes: number): void {
    const level = this.all[index]!;
    if (level.inclusion === EXCLUSIVE) {
      this.requestExclusive(index, level, line, op, bytes);
      return;
    }
    const kind = op === READ ? KIND_READ : op === FETCH ? KIND_FETCH : KIND_WRITE;
    const counters = level.counters;
    counters[ACCESSES + kind] = counters[ACCESSES + kind]! + 1;
    const set = level.setOf(line);
    const base = set * level.ways;
    const way = level.find(line, base);
    if (level.classifier !== null) this.classify(level, line, way < 0);
    if (way >= 0) {
      level.policy.touch(base, way);
      if (op === WRITE || op === WRITEBACK) {
        if (level.writeBack) level.dirty[base + way] = 1;
        else this.forward(index, level, line, op, bytes);
      }
      return;
    }
    counters[MISSES + kind] = counters[MISSES + kind]! + 1;
    if (op === WRITE) {
      if (!level.writeAllocate) {
        this.forward(index, level, line, WRITE, bytes);
      } else if (level.writeBack) {
        this.forward(index, level, line, RFO, bytes);
        this.install(index, level, line, set, base, 1);
      } else {
        this.forward(index, level, line, WRITE, bytes);
        this.install(index, level, line, set, base, 0);
      }
      return;
    }
    if (op === WRITEBACK) {
      if (level.writeAllocate) this.install(index, level, line, set, base, level.writeBack ? 1 : 0);
      if (!level.writeAllocate || !level.writeBack) this.forward(index, level, line, WRITEBACK, bytes);
      return;
    }
    // READ, FETCH, RFO.
    this.forward(index, level, line, op, bytes);
    this.install(index, level, line, set, base, 0);
  }

  private requestExclusive(index: number, level: CacheLevel, line: number, op: number, bytes: number): void {
    const set = level.setOf(line);
    const base = set * level.ways;
    const way = level.find(line, base);
    if (op === WRITEBACK || op === VICTIM) {
      // A line evicted above: not an access, an insertion.
      if (way >= 0) {
        level.policy.touch(base, way);
        if (op === WRITEBACK) {
          if (level.writeBack) level.dirty[base + way] = 1;
          else this.forward(index, level, line, WRITEBACK, bytes);
        }
        return;
      }
      this.install(index, level, line, set, base, op === WRITEBACK && level.writeBack ? 1 : 0);
      if (op === WRITEBACK && !level.writeBack) this.forward(index, level, line, WRITEBACK, bytes);
      return;
    }
    const kind = op === READ ? KIND_READ : op === FETCH ? KIND_FETCH : KIND_WRITE;
    const counters = level.counters;
    counters[ACCESSES + kind] = counters[ACCESSES + kind]! + 1;
    if (level.classifier !== null) this.classify(level, line, way < 0);
    if (way >= 0) {
      if (op === WRITE) {
        level.policy.touch(base, way);
        if (level.writeBack) level.dirty[base + way] = 1;
        else this.forward(index, level, line, WRITE, bytes);
        return;
      }
      // A fill for the level above: the line moves up.
      const dirty = level.dirty[base + way]!;
      level.invalidate(set, base + way);
      if (dirty !== 0) {
        counters[WRITE_BACKS] = counters[WRITE_BACKS]! + 1;
        this.forward(index, level, line, WRITEBACK, level.lineBytes);
      }
      return;
    }
    counters[MISSES + kind] = counters[MISSES + kind]! + 1;
    this.forward(index, level, line, op, bytes);
  }

  /** Sends a request to the level below (or memory). */
  private forward(index: number, level: CacheLevel, line: number, op: number, bytes: number): void {
    if (op === WRITE || op === WRITEBACK) {
      const counters = level.counters;
      counters[BYTES_OUT] = counters[BYTES_OUT]! + bytes;
    }
    const next = this.below[index]!;
    if (next < 0) this.memory[0] = this.memory[0]! + 1;
    else this.request(next, line, op, bytes);
  }

  /** Puts `line` into its set, evicting a victim when the set is full. */
  private install(
    index: number,
    level: CacheLevel,
    line: number,
    set: number,
    base: number,
    dirty: number,
  ): void {
    let way = level.freeWay(set, base);
    if (way < 0) {
      way = level.policy.victim(base);
      this.evict(index, level, set, base + way);
    }
    level.place(set, base, way, line, dirty);
  }

  private evict(index: number, level: CacheLevel, set: number, slot: number): void {
    const line = level.tags[slot]!;
    let dirty = level.dirty[slot]!;
    const counters = level.counters;
    counters[EVICTIONS] = counters[EVICTIONS]! + 1;
    if (level.inclusion === INCLUSIVE) dirty |= this.backInvalidate(index, line);
    level.invalidate(set, slot);
    if (dirty !== 0) {
      counters[WRITE_BACKS] = counters[WRITE_BACKS]! + 1;
      this.forward(index, level, line, WRITEBACK, level.lineBytes);
      return;
    }
    const next = this.below[index]!;
    if (next >= 0 && this.all[next]!.inclusion === EXCLUSIVE)
      this.request(next, line, VICTIM, level.lineBytes);
  }

  /** Removes `line` from the levels above `index` (recursively through inclusive ones); 1 if a copy was dirty. */
  private backInvalidate(index: number, line: number): number {
    let anyDirty = 0;
    for (const upperIndex of this.above[index]!) {
      const upper = this.all[upperIndex]!;
      const set = upper.setOf(line);
      const base = set * upper.ways;
      const way = upper.find(line, base);
      if (way < 0) continue;
      let dirty = upper.dirty[base + way]!;
      if (upper.inclusion === INCLUSIVE) dirty |= this.backInvalidate(upperIndex, line);
      if (dirty !== 0) {
        const counters = upper.counters;
        counters[WRITE_BACKS] = counters[WRITE_BACKS]! + 1;
        counters[BYTES_OUT] = counters[BYTES_OUT]! + upper.lineBytes;
        anyDirty = 1;
      }
      upper.invalidate(set, base + way);
    }
    return anyDirty;
  }

  private classify(level: CacheLevel, line: number, missed: boolean): void {
    const outcome = level.classifier!.observe(line, missed);
    if (outcome < 0) return;
    const slot = outcome === MISS_COMPULSORY ? COMPULSORY : outcome === MISS_CAPACITY ? CAPACITY : CONFLICT;
    level.counters[slot] = level.counters[slot]! + 1;
  }
}
