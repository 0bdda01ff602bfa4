/**
 * The fast path: a hierarchy whose levels are all LRU, write-back, write-allocate and
 * non-inclusive (the default configuration), with no 3C classification and no reuse
 * histogram. Same statistics as the general path in `general-path.ts` (the differential tests
 * run both against the reference model), but without policy objects or recursion.
 *
 * Each set is kept as a move-to-front list, like cachegrind's: `tags[base]` is the most
 * recent line, empty ways (INVALID_TAG) sit at the tail, and a miss drops the last entry,
 * which is an empty way if there is one and the LRU line otherwise. A miss is then a scan
 * with predictable branches plus a fixed shift, where a stamp-based LRU needs a
 * data-dependent minimum search (measured while writing bench/cache.bench.ts: ~1.6× faster
 * on random traces).
 *
 * Tag encoding (this kernel only; the level's `dirty` array is unused):
 * ```
 * tags[slot] = line          clean line (line >= 0)
 *            = -line - 2     dirty line (<= -2; exact because line < 2^52)
 *            = INVALID_TAG   (-1) empty way
 * ```
 * so a lookup touches one array, and a shift moves dirty bits with their lines for free. A way
 * holds `line`, clean or dirty, exactly when `|tags[slot] + 1| === line + 1` (an empty way gives
 * 0): one compare per way instead of two (bench/cache.bench.ts: 1.1× single level random, ~1.2×
 * three levels random, in one interleaved A/B run).
 *
 * Why the order of events matches the general path: with non-inclusive levels a lower level
 * never changes an upper one, so level i can be updated before the fill request reaches
 * level i + 1; write-backs are replayed afterwards deepest first, which is the order in which
 * the general path's recursion issues them.
 */
import { AccessKind } from '../trace/index.js';
import {
  ACCESSES,
  BYTES_IN,
  BYTES_OUT,
  type CacheLevel,
  EVICTIONS,
  INVALID_TAG,
  KIND_READ,
  KIND_WRITE,
  MISSES,
  NON_INCLUSIVE,
  WRITE_BACKS,
} from './level.js';
import { type LineRequestSink, splitIntoLineRequests } from './line-requests.js';
import { LRU_HIT, lruProbe } from './lru-probe.js';
import { LruPolicy } from './policy.js';
import type { LevelConfig } from './types.js';

/** True when `levels` can run on the fast LRU kernel. */
export function fitsLruKernel(levels: readonly CacheLevel[]): boolean {
  return levels.every(
    (level) =>
      level.policy instanceof LruPolicy &&
      level.writeBack &&
      level.writeAllocate &&
      level.inclusion === NON_INCLUSIVE &&
      level.classifier === null &&
      // Dirty lines are stored as -line - 2, exact only for line < 2^52 (lines of >= 2 bytes).
      level.lineBytes >= 2,
  );
}

/**
 * True when a level built from `config` would fit the LRU kernel (what `fitsLruKernel` checks
 * on built levels), so that an engine can be chosen before the levels are built.
 */
export function levelConfigFitsLruKernel(config: LevelConfig, classifyMisses: boolean): boolean {
  return (
    (config.policy ?? 'lru') === 'lru' &&
    (config.writePolicy ?? 'write-back') === 'write-back' &&
    (config.writeAllocate ?? true) &&
    (config.inclusion ?? 'non-inclusive') === 'non-inclusive' &&
    !classifyMisses &&
    config.lineBytes >= 2
  );
}

/** Slots of the kernel's scratch array: what the last `lookup` evicted. */
const VICTIM_LINE = 0;
const VICTIM_DIRTY = 1;

/** Runs accesses on LRU write-back levels, sharing their tag arrays and counters. */
export class LruKernel implements LineRequestSink {
  private readonly tags: Float64Array[];
  private readonly counters: Float64Array[];
  private readonly ways: Int32Array;
  private readonly sets: Float64Array;
  private readonly setMasks: Int32Array;
  private readonly below: Int32Array;
  private readonly memory: Float64Array;
  private readonly lineBytes: number;
  private readonly invLineBytes: number;
  private readonly dataTop: number;
  private readonly fetchTop: number;
  /** [victim line (INVALID_TAG when an empty way was used), victim dirty (0/1)] */
  private readonly victim: Float64Array;
  /** Write-backs waiting while a fill descends: level index and line, deepest last. */
  private readonly pendingLevels: Int32Array;
  private readonly pendingLines: Float64Array;

  constructor(levels: readonly CacheLevel[], below: Int32Array, memory: Float64Array, dataTop: number) {
    this.tags = levels.map((level) => level.tags);
    this.counters = levels.map((level) => level.counters);
    this.ways = Int32Array.from(levels, (level) => level.ways);
    this.sets = Float64Array.from(levels, (level) => level.sets);
    this.setMasks = Int32Array.from(levels, (level) => level.setMask);
    this.below = below;
    this.memory = memory;
    this.lineBytes = levels[0]!.lineBytes;
    this.invLineBytes = 1 / this.lineBytes;
    this.dataTop = dataTop;
    this.fetchTop = 0;
    this.victim = new Float64Array(2);
    this.pendingLevels = new Int32Array(levels.length);
    this.pendingLines = new Float64Array(levels.length);
  }

  /**
   * Accesses `start … end - 1` of the columns (unchecked). Single-line loads and stores that
   * hit the most recent way of their L1 set are handled right here; everything else goes
   * through `request`.
   */
  run(addresses: Float64Array, sizes: Uint32Array, kinds: Uint8Array, start: number, end: number): void {
    const inv = this.invLineBytes;
    const top = this.dataTop;
    const tags = this.tags[top]!;
    const counters = this.counters[top]!;
    const ways = this.ways[top]!;
    const mask = this.setMasks[top]!;
    const next = this.below[top]!;
    const lineBytes = this.lineBytes;
    // Counter increments of the top level, kept in locals and added once at the end.
    let reads = 0;
    let writes = 0;
    let readMisses = 0;
    let writeMisses = 0;
    let evictions = 0;
    let memoryAccesses = 0;
    let writeBacks = 0;
    for (let i = start; i < end; i++) {
      const address = addresses[i]!;
      const size = sizes[i]!;
      const kind = kinds[i]!;
      const line = Math.floor(address * inv);
      if (
        kind > AccessKind.Store ||
        mask < 0 ||
        // Spans two lines: the last byte lies past this line (exact: integers below 2^53).
        address + size > (line + 1) * lineBytes
      ) {
        this.access(address, size, kind);
        continue;
      }
      // kind is 0 (load) or 1 (store): it doubles as the store flag.
      if (kind === AccessKind.Load) reads++;
      else writes++;
      const previous = lruProbe(tags, (line & mask) * ways, ways, line, kind === AccessKind.Store);
      if (previous === LRU_HIT) continue;
      // On a miss `previous` is the dropped last entry (INVALID_TAG when the set had room).
      if (kind === AccessKind.Load) readMisses++;
      else writeMisses++;
      if (next < 0) {
        // A single level: count the eviction and its write-back without branching on them
        // (whether a random victim is dirty is unpredictable).
        memoryAccesses++;
        evictions += Number(previous !== INVALID_TAG);
        writeBacks += Number(previous < INVALID_TAG);
        continue;
      }
      this.request(next, line, kind === AccessKind.Load ? KIND_READ : KIND_WRITE, 0);
      if (previous !== INVALID_TAG) {
        evictions++;
        if (previous < INVALID_TAG) this.writeBack(top, -previous - 2);
      }
    }
    counters[ACCESSES + KIND_READ] = counters[ACCESSES + KIND_READ]! + reads;
    counters[ACCESSES + KIND_WRITE] = counters[ACCESSES + KIND_WRITE]! + writes;
    counters[MISSES + KIND_READ] = counters[MISSES + KIND_READ]! + readMisses;
    counters[MISSES + KIND_WRITE] = counters[MISSES + KIND_WRITE]! + writeMisses;
    counters[EVICTIONS] = counters[EVICTIONS]! + evictions;
    counters[BYTES_IN] = counters[BYTES_IN]! + (readMisses + writeMisses) * lineBytes;
    // Write-backs from a single level go straight to memory (the rest went through `writeBack`).
    counters[WRITE_BACKS] = counters[WRITE_BACKS]! + writeBacks;
    counters[BYTES_OUT] = counters[BYTES_OUT]! + writeBacks * lineBytes;
    this.memory[0] = this.memory[0]! + memoryAccesses + writeBacks;
  }

  /** One access (unchecked). */
  access(address: number, size: number, kind: number): void {
    splitIntoLineRequests(address, size, kind, this.invLineBytes, this);
  }

  /** {@link LineRequestSink}: one line request of `access`. */
  lineRequest(fetch: boolean, line: number, statKind: number, store: number): void {
    this.request(fetch ? this.fetchTop : this.dataTop, line, statKind, store);
  }

  /**
   * Looks `line` up in level `index`, making it the most recent; on a miss it is installed
   * and the dropped entry is left in `victim`. `store` (0/1) marks it dirty. Returns true on a hit.
   */
  private lookup(index: number, line: number, store: number): boolean {
    const tags = this.tags[index]!;
    const ways = this.ways[index]!;
    const base = this.setBase(index, line, ways);
    const dirtyTag = -line - 2;
    const stop = base + ways;
    // Find and shift in one pass (see `run`); `key` as there.
    const key = line + 1;
    let previous = tags[base]!;
    let lineDirty = store !== 0;
    if (previous === line || previous === dirtyTag) {
      if (previous === line && lineDirty) tags[base] = dirtyTag;
      return true;
    }
    let hit = false;
    for (let way = base + 1; way < stop; way++) {
      const found = tags[way]!;
      tags[way] = previous;
      if (Math.abs(found + 1) === key) {
        hit = true;
        if (found === dirtyTag) lineDirty = true;
        break;
      }
      previous = found;
    }
    tags[base] = lineDirty ? dirtyTag : line;
    if (!hit) {
      const victimDirty = previous < INVALID_TAG;
      this.victim[VICTIM_LINE] = victimDirty ? -previous - 2 : previous;
      this.victim[VICTIM_DIRTY] = victimDirty ? 1 : 0;
    }
    return hit;
  }

  /** A demand access at level `top`; `store` is 1 for a store (only the top level becomes dirty). */
  private request(top: number, line: number, kind: number, store: number): void {
    let index = top;
    let pending = 0;
    let dirtyOnFill = store;
    for (;;) {
      const counters = this.counters[index]!;
      counters[ACCESSES + kind] = counters[ACCESSES + kind]! + 1;
      if (this.lookup(index, line, dirtyOnFill)) break;
      counters[MISSES + kind] = counters[MISSES + kind]! + 1;
      counters[BYTES_IN] = counters[BYTES_IN]! + this.lineBytes;
      const victimLine = this.victim[VICTIM_LINE]!;
      if (victimLine !== INVALID_TAG) {
        counters[EVICTIONS] = counters[EVICTIONS]! + 1;
        if (this.victim[VICTIM_DIRTY] !== 0) {
          this.pendingLevels[pending] = index;
          this.pendingLines[pending] = victimLine;
          pending++;
        }
      }
      dirtyOnFill = 0;
      const next = this.below[index]!;
      if (next < 0) {
        this.memory[0] = this.memory[0]! + 1;
        break;
      }
      index = next;
    }
    while (pending > 0) {
      pending--;
      this.writeBack(this.pendingLevels[pending]!, this.pendingLines[pending]!);
    }
  }

  /** Level `from` evicted dirty `line`: write it back down, installing dirty lines without fetching. */
  private writeBack(from: number, line: number): void {
    let source = from;
    let current = line;
    for (;;) {
      const sourceCounters = this.counters[source]!;
      sourceCounters[WRITE_BACKS] = sourceCounters[WRITE_BACKS]! + 1;
      sourceCounters[BYTES_OUT] = sourceCounters[BYTES_OUT]! + this.lineBytes;
      const index = this.below[source]!;
      if (index < 0) {
        this.memory[0] = this.memory[0]! + 1;
        return;
      }
      const counters = this.counters[index]!;
      counters[ACCESSES + KIND_WRITE] = counters[ACCESSES + KIND_WRITE]! + 1;
      if (this.lookup(index, current, 1)) return;
      counters[MISSES + KIND_WRITE] = counters[MISSES + KIND_WRITE]! + 1;
      counters[BYTES_IN] = counters[BYTES_IN]! + this.lineBytes;
      const victimLine = this.victim[VICTIM_LINE]!;
      if (victimLine === INVALID_TAG) return;
      counters[EVICTIONS] = counters[EVICTIONS]! + 1;
      if (this.victim[VICTIM_DIRTY] === 0) return;
      source = index;
      current = victimLine;
    }
  }

  private setBase(index: number, line: number, ways: number): number {
    const mask = this.setMasks[index]!;
    if (mask >= 0) return (line & mask) * ways;
    const sets = this.sets[index]!;
    let set = line - Math.floor(line / sets) * sets;
    if (set < 0) set += sets;
    else if (set >= sets) set -= sets;
    return set * ways;
  }
}
