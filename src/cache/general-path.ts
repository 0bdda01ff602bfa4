/**
 * The general simulation path: any policy, write policy and inclusion mode, 3C classification
 * and reuse distances, one request at a time through a recursion that follows the table below.
 * `CacheHierarchy` runs it when no fast kernel fits (and for differential tests).
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
import { AccessKind } from '../trace/index.js';
import { MISS_CAPACITY, MISS_COMPULSORY } from './classify.js';
import {
  ACCESSES,
  BYTES_OUT,
  CAPACITY,
  type CacheLevel,
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
import type { ReuseDistanceTracker } from './reuse.js';

const READ = 0;
const WRITE = 1;
const FETCH = 2;
const RFO = 3;
const WRITEBACK = 4;
const VICTIM = 5;

/** Runs accesses on levels of any configuration, sharing their storage and counters. */
export class GeneralPath {
  /** Levels in stats order: instruction first when present, then the data path. */
  private readonly all: readonly CacheLevel[];
  /** Index in `all` of the level below each level, or -1 for memory. */
  private readonly below: Int32Array;
  /** Indices in `all` of the levels directly above each level. */
  private readonly above: number[][];
  private readonly dataTop: number;
  private readonly fetchTop: number;
  private readonly lineBytes: number;
  private readonly invLineBytes: number;
  private readonly reuse: ReuseDistanceTracker | null;
  /** [memory accesses] */
  private readonly memory: Float64Array;

  constructor(
    all: readonly CacheLevel[],
    below: Int32Array,
    memory: Float64Array,
    dataTop: number,
    reuse: ReuseDistanceTracker | null,
  ) {
    this.all = all;
    this.below = below;
    this.above = all.map(() => []);
    for (let k = 0; k < all.length; k++) {
      const next = below[k]!;
      if (next >= 0) this.above[next]!.push(k);
    }
    this.dataTop = dataTop;
    this.fetchTop = 0;
    this.lineBytes = all[dataTop]!.lineBytes;
    this.invLineBytes = 1 / this.lineBytes;
    this.reuse = reuse;
    this.memory = memory;
  }

  /** One access (unchecked). */
  access(address: number, size: number, kind: number): void {
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
