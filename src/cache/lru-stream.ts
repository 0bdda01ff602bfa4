/**
 * The streaming fast path for multi-level hierarchies that fit the LRU kernel (all levels LRU,
 * write-back, write-allocate, non-inclusive; see `fitsLruKernel`): the batch is simulated one
 * level at a time instead of one access at a time.
 *
 * Why that is exact: in a non-inclusive hierarchy a lower level never changes an upper one
 * (no back-invalidation, no victims sent up), so each level's state and output depend only on
 * the sequence of requests it receives. The top level(s) turn the accesses into a stream of
 * requests for the level below — for each missing line a fill, then the write-back of its
 * dirty victim, exactly the order in which the access-by-access kernel (`lru-kernel.ts`)
 * issues them — and each lower level turns its stream into the next one. Any prefix of a
 * stream may be drained early (when a buffer fills up) without changing the result.
 *
 * Why that is fast: each level's loop is tight and monomorphic, and the sets of the next
 * requests are known in advance, so before probing a block of requests the loop first reads
 * one tag of each of their sets ("touch pass"). Those loads are independent, so the host CPU
 * overlaps their cache and TLB misses, where the access-by-access kernel waits for each in
 * turn (the probe of a random 32 MiB L3 set misses the host caches: its tag array is 4 MiB).
 *
 * Stream layout (one per lower level, filled by the level(s) above it):
 * ```
 * streamLines[level]: Float64Array  line numbers
 * streamOps[level]:   Uint8Array    KIND_READ / KIND_WRITE / KIND_FETCH: a fill (a demand miss above,
 *                                   counted with that kind); OP_WRITE_BACK: a dirty line evicted above
 * streamLengths[level]              entries waiting
 * ```
 * Tried and dropped (in-process A/B of two copies of this kernel on the three-level random
 * trace of bench/cache.bench.ts, median ns per access): sets kept as rings (a miss replaces the
 * oldest way in O(1) instead of shifting the set) with a 64-counter hash filter per set (a zero
 * counter proves a miss, skipping the scan for ~80% of random misses) ran at 172 vs 112 for all
 * levels and 120 vs 113 for L1d alone: the head and filter reads cost more than the saved way
 * steps.
 *
 * Tags use the kernel's encoding (`lru-kernel.ts`): line when clean, -line - 2 when dirty,
 * INVALID_TAG when empty, each set a move-to-front list. Every stream is empty again when `run`
 * returns, so the hierarchy's per-access calls (`LruKernel.access`) work on the same tags.
 */
import { AccessKind } from '../trace/index.js';
import {
  ACCESSES,
  BYTES_IN,
  BYTES_OUT,
  type CacheLevel,
  EVICTIONS,
  INVALID_TAG,
  KIND_FETCH,
  KIND_READ,
  KIND_WRITE,
  MISSES,
  WRITE_BACKS,
} from './level.js';
import { type LineRequestSink, splitIntoLineRequests } from './line-requests.js';
import { LRU_HIT, lruProbe } from './lru-probe.js';

/** Stream op of a dirty line written back from above (fills use their statistic kind, 0–2). */
const OP_WRITE_BACK = 3;

/**
 * Entries per stream buffer (36 KiB per level). Any size gives the same results, and speed
 * hardly depends on it: an in-process A/B of two copies of this kernel on the three-level
 * random trace of bench/cache.bench.ts, in batches of 2048 and of 65536 accesses, put buffers
 * of 512, 1024, 16384 and 65536 entries within 4% of 4096 (medians of per-batch times).
 */
export const STREAM_CAPACITY = 4096;

/** Throws a RangeError unless `capacity` (entries per stream buffer) is an integer >= 2. */
export function checkStreamCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 2) {
    throw new RangeError(`stream capacity must be an integer >= 2, got ${String(capacity)}`);
  }
}

/**
 * Requests per touch pass, from in-process A/Bs of two copies of this kernel on the three-level
 * random trace of bench/cache.bench.ts (median ns per access, this value vs the other): no touch
 * pass 112 vs 90; blocks of 16: 108 vs 107; 64: 189 vs 128; 128: 179 vs 133; touching one block
 * ahead of the block being probed: 174 vs 135. (A scratch probe loop over a 4 MiB tag array had
 * shown the same: 67–139 ns per probe plain, 45–100 with a tag read a few requests ahead inside
 * the probe loop, 34–55 with touch passes.)
 */
const TOUCH_BLOCK = 32;

/** Runs batches on LRU write-back levels one level at a time, sharing their tags and counters. */
export class LruStreamKernel implements LineRequestSink {
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
  private readonly streamLines: Float64Array[];
  private readonly streamOps: Uint8Array[];
  private readonly streamLengths: Int32Array;
  /** Entries per stream buffer (>= 2: a fill and a write-back). */
  private readonly capacity: number;
  /** [sink of the touch passes] */
  private readonly scratch: Float64Array;

  /** `capacity`: entries per stream buffer, an integer >= 2 (tests use tiny ones to exercise early drains). */
  constructor(
    levels: readonly CacheLevel[],
    below: Int32Array,
    memory: Float64Array,
    dataTop: number,
    capacity: number = STREAM_CAPACITY,
  ) {
    checkStreamCapacity(capacity);
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
    // Top levels never receive a stream; they get an empty buffer so the arrays stay uniform.
    const receives = (k: number) => below.includes(k);
    this.streamLines = levels.map((_, k) => new Float64Array(receives(k) ? capacity : 0));
    this.streamOps = levels.map((_, k) => new Uint8Array(receives(k) ? capacity : 0));
    this.streamLengths = new Int32Array(levels.length);
    this.capacity = capacity;
    this.scratch = new Float64Array(1);
  }

  /**
   * Accesses `start … end - 1` of the columns (unchecked), then drains every stream, so the
   * levels are up to date when it returns. Single-line loads and stores at L1d are handled
   * inline; the others line by line through `lookupTop`.
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
    const outLines = this.streamLines[next]!;
    const outOps = this.streamOps[next]!;
    const streamLengths = this.streamLengths;
    const full = this.capacity - 2;
    let out = streamLengths[next]!;
    let accesses = 0;
    let writes = 0;
    let misses = 0;
    let writeMisses = 0;
    let evictions = 0;
    let writeBacks = 0;
    for (let i = start; i < end; i++) {
      // Room for this access's fill and write-back.
      if (out > full) {
        streamLengths[next] = out;
        this.drain(next);
        out = 0;
      }
      const address = addresses[i]!;
      const size = sizes[i]!;
      const kind = kinds[i]!;
      const line = Math.floor(address * inv);
      if (kind > AccessKind.Store || mask < 0 || address + size > (line + 1) * lineBytes) {
        // Modify, fetch, a set count that is not a power of two, or two lines: line by line.
        streamLengths[next] = out;
        this.accessLines(address, size, kind);
        out = streamLengths[next]!;
        continue;
      }
      // From here as in LruKernel.run: kind is 0 (load) or 1 (store) and doubles as the stream op
      // and as the store count (the load/store mix is unpredictable: no branches on it).
      accesses++;
      writes += kind;
      const previous = lruProbe(tags, (line & mask) * ways, ways, line, kind === AccessKind.Store);
      if (previous === LRU_HIT) continue;
      misses++;
      writeMisses += kind;
      // The fill, then the victim's write-back, appended without branching on whether the
      // random victim is dirty: the write-back entry is always written and kept only when dirty.
      outLines[out] = line;
      outOps[out] = kind;
      out++;
      const victimDirty = Number(previous < INVALID_TAG);
      evictions += Number(previous !== INVALID_TAG);
      writeBacks += victimDirty;
      outLines[out] = -previous - 2;
      outOps[out] = OP_WRITE_BACK;
      out += victimDirty;
    }
    streamLengths[next] = out;
    counters[ACCESSES + KIND_READ] = counters[ACCESSES + KIND_READ]! + accesses - writes;
    counters[ACCESSES + KIND_WRITE] = counters[ACCESSES + KIND_WRITE]! + writes;
    counters[MISSES + KIND_READ] = counters[MISSES + KIND_READ]! + misses - writeMisses;
    counters[MISSES + KIND_WRITE] = counters[MISSES + KIND_WRITE]! + writeMisses;
    counters[EVICTIONS] = counters[EVICTIONS]! + evictions;
    counters[BYTES_IN] = counters[BYTES_IN]! + misses * lineBytes;
    counters[WRITE_BACKS] = counters[WRITE_BACKS]! + writeBacks;
    counters[BYTES_OUT] = counters[BYTES_OUT]! + writeBacks * lineBytes;
    // Every lower level drains, the instruction level's stream included (it feeds the same L2).
    for (let level = 0; level < streamLengths.length; level++) {
      if (streamLengths[level]! > 0) this.drain(level);
    }
  }

  /** One access at its top level, line by line (unchecked); its requests join the streams. */
  private accessLines(address: number, size: number, kind: number): void {
    splitIntoLineRequests(address, size, kind, this.invLineBytes, this);
  }

  /** {@link LineRequestSink}: one line request of `accessLines`. */
  lineRequest(fetch: boolean, line: number, statKind: number, store: number): void {
    this.lookupTop(fetch ? this.fetchTop : this.dataTop, line, statKind, store);
  }

  /** A demand access to `line` at top level `index`; a miss appends its fill and write-back to the stream below. */
  private lookupTop(index: number, line: number, kind: number, store: number): void {
    const counters = this.counters[index]!;
    counters[ACCESSES + kind] = counters[ACCESSES + kind]! + 1;
    const tags = this.tags[index]!;
    const ways = this.ways[index]!;
    const base = setBase(line, this.setMasks[index]!, this.sets[index]!, ways);
    const previous = lruProbe(tags, base, ways, line, store !== 0);
    if (previous === LRU_HIT) return;
    counters[MISSES + kind] = counters[MISSES + kind]! + 1;
    counters[BYTES_IN] = counters[BYTES_IN]! + this.lineBytes;
    this.emit(index, line, kind);
    if (previous === INVALID_TAG) return;
    counters[EVICTIONS] = counters[EVICTIONS]! + 1;
    if (previous > INVALID_TAG) return;
    counters[WRITE_BACKS] = counters[WRITE_BACKS]! + 1;
    counters[BYTES_OUT] = counters[BYTES_OUT]! + this.lineBytes;
    this.emit(index, -previous - 2, OP_WRITE_BACK);
  }

  /** Appends a request from level `from` to the stream of the level below (or counts a memory access). */
  private emit(from: number, line: number, op: number): void {
    const next = this.below[from]!;
    if (next < 0) {
      this.memory[0] = this.memory[0]! + 1;
      return;
    }
    let length = this.streamLengths[next]!;
    if (length === this.capacity) {
      this.drain(next);
      length = 0;
    }
    this.streamLines[next]![length] = line;
    this.streamOps[next]![length] = op;
    this.streamLengths[next] = length + 1;
  }

  /**
   * Runs level `index` over its whole stream, appending its own fills and write-backs to the
   * stream below (draining that one whenever it fills up), and empties it.
   */
  private drain(index: number): void {
    const length = this.streamLengths[index]!;
    this.streamLengths[index] = 0;
    const lines = this.streamLines[index]!;
    const ops = this.streamOps[index]!;
    const tags = this.tags[index]!;
    const ways = this.ways[index]!;
    const mask = this.setMasks[index]!;
    const sets = this.sets[index]!;
    const next = this.below[index]!;
    // With no level below, the output goes to memory; an empty buffer keeps the loop uniform.
    const outLines = next >= 0 ? this.streamLines[next]! : this.streamLines[index]!;
    const outOps = next >= 0 ? this.streamOps[next]! : this.streamOps[index]!;
    const full = this.capacity - 2;
    let out = next >= 0 ? this.streamLengths[next]! : 0;
    let touched = 0;
    let reads = 0;
    let fetches = 0;
    let misses = 0;
    let readMisses = 0;
    let fetchMisses = 0;
    let evictions = 0;
    let writeBacks = 0;
    let memoryAccesses = 0;
    const lastWay = ways - 1;
    for (let blockStart = 0; blockStart < length; blockStart += TOUCH_BLOCK) {
      const blockEnd = Math.min(blockStart + TOUCH_BLOCK, length);
      // Touch pass: independent loads of each set's first and last way (two host lines for
      // 16 ways of 8 bytes), so the host fetches them in parallel.
      if (mask >= 0) {
        for (let j = blockStart; j < blockEnd; j++) {
          const base = (lines[j]! & mask) * ways;
          touched += tags[base]! + tags[base + lastWay]!;
        }
      }
      for (let i = blockStart; i < blockEnd; i++) {
        if (next >= 0 && out > full) {
          this.streamLengths[next] = out;
          this.drain(next);
          out = 0;
        }
        const line = lines[i]!;
        const op = ops[i]!;
        const store = op === OP_WRITE_BACK;
        // Counted without branches: the mix of ops is unpredictable (writes are the rest).
        reads += Number(op === KIND_READ);
        fetches += Number(op === KIND_FETCH);
        const base = mask >= 0 ? (line & mask) * ways : setBase(line, mask, sets, ways);
        const previous = lruProbe(tags, base, ways, line, store);
        if (previous === LRU_HIT) continue;
        misses++;
        readMisses += Number(op === KIND_READ);
        fetchMisses += Number(op === KIND_FETCH);
        // A fill goes on down; a written-back line is installed without fetching it. Both
        // entries are written and kept by their flags, without branches (as in `run`).
        const fill = Number(!store);
        const victimDirty = Number(previous < INVALID_TAG);
        evictions += Number(previous !== INVALID_TAG);
        writeBacks += victimDirty;
        if (next >= 0) {
          outLines[out] = line;
          outOps[out] = op;
          out += fill;
          outLines[out] = -previous - 2;
          outOps[out] = OP_WRITE_BACK;
          out += victimDirty;
        } else {
          memoryAccesses += fill + victimDirty;
        }
      }
    }
    const counters = this.counters[index]!;
    const lineBytes = this.lineBytes;
    counters[ACCESSES + KIND_READ] = counters[ACCESSES + KIND_READ]! + reads;
    counters[ACCESSES + KIND_WRITE] = counters[ACCESSES + KIND_WRITE]! + length - reads - fetches;
    counters[ACCESSES + KIND_FETCH] = counters[ACCESSES + KIND_FETCH]! + fetches;
    counters[MISSES + KIND_READ] = counters[MISSES + KIND_READ]! + readMisses;
    counters[MISSES + KIND_WRITE] = counters[MISSES + KIND_WRITE]! + misses - readMisses - fetchMisses;
    counters[MISSES + KIND_FETCH] = counters[MISSES + KIND_FETCH]! + fetchMisses;
    counters[EVICTIONS] = counters[EVICTIONS]! + evictions;
    counters[BYTES_IN] = counters[BYTES_IN]! + misses * lineBytes;
    counters[WRITE_BACKS] = counters[WRITE_BACKS]! + writeBacks;
    counters[BYTES_OUT] = counters[BYTES_OUT]! + writeBacks * lineBytes;
    this.memory[0] = this.memory[0]! + memoryAccesses;
    // Keeps the touch loads alive (an unused load could be optimised away).
    this.scratch[TOUCH_SINK] = touched;
    if (next >= 0) {
      this.streamLengths[next] = out;
      if (out > 0) this.drain(next);
    }
  }
}

/** Slot of `LruStreamKernel.scratch` that keeps the touch loads alive. */
const TOUCH_SINK = 0;

/** The first slot of `line`'s set (`mask` is `sets - 1` for a power-of-two set count, else -1). */
function setBase(line: number, mask: number, sets: number, ways: number): number {
  if (mask >= 0) return (line & mask) * ways;
  let set = line - Math.floor(line / sets) * sets;
  // The float quotient may round near 2^53; bring the remainder back into range.
  if (set < 0) set += sets;
  else if (set >= sets) set -= sets;
  return set * ways;
}
