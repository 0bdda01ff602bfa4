/**
 * The WebAssembly engine of the fast LRU path (`SimulationPath` 'lru-wasm'): the level-by-level
 * streaming of `lru-stream.ts`, hand-written in WebAssembly text (`wasm/lru.wat`, SIMD128) and
 * run on the same tags, for hierarchies that fit the LRU kernel (`fitsLruKernel`: LRU,
 * write-back, write-allocate, non-inclusive, no 3C classification or reuse histogram). Every
 * geometry runs here: any way count, any set count (a 64-bit remainder when it is not a power of
 * two), accesses spanning lines, modifies, fetches with or without a split I1.
 *
 * Why it is exact: it is the algorithm of `lru-stream.ts` on the same data. Each set is a
 * move-to-front list of f64 tags (`lru-probe.ts`: line when clean, -line - 2 when dirty, -1 when
 * empty; the probe's contract is lruProbe's). A batch turns its accesses into requests at their
 * top level, line by line as `LruKernel.access` splits them (a load as a read, a store as a
 * write that dirties the line, a modify as both, a fetch at I1 or, without one, at L1d). Without
 * an I1 those requests become L1d's input stream and L1d drains it like any level; with an I1,
 * I1 and L1d must send their misses to L2 in trace order, so each line is looked up at once. Every
 * miss appends its fill, then its dirty victim's write-back, to the stream of the level below;
 * each lower level turns its stream into the next one. With non-inclusive levels a lower level
 * never changes an upper one, so this order of work gives the per-access kernel's results, and a
 * stream may be drained early at any point. Counters are counted in wasm and added to the
 * levels' counters when the batch ends; every stream is empty then, so the per-access API
 * (`LruKernel`), `reset()` and `stats()` work on the same tags. The differential tests check
 * every counter of every level against the reference model.
 *
 * Why it is faster (bench/cache.bench.ts, WebAssembly rows against their JS peers): one loop for
 * every level with the probe written out inline (V8 in Node 20 does not inline wasm calls: the
 * first build, with calls per request, ran 1.05× the JS streaming engine in the bench, this one
 * 1.7×); the way scan compares two ways per
 * `i64x2.eq` (the raw tag bits against the clean and the dirty pattern) and finds the first match
 * with `i64x2.bitmask` + ctz, without a loop for 8 and 16 ways, whose miss shift then stores the
 * loaded vectors 8 bytes up; the touch pass of `lru-stream.ts` runs on levels with at least
 * TOUCH_MIN_TAG_BYTES of tags.
 *
 * Where the time goes, and what was tried (in-process A/Bs of two builds of lru.wat on the
 * three-level random trace of bench/cache.bench.ts, median ns per access, this design first):
 * - Without the compares of the 8/16-way scans (a timing probe, not a simulator) 54.1 vs 67.4:
 *   the way compares are about a fifth of the time. A 1-way L1 alone costs 14.2 against 15.6
 *   for 8 ways (ring variant below): the fixed work per request (stream entry, set index,
 *   counters, the shift's stores) dominates, and at the 32 MiB L3 the host's cache misses on
 *   its 4 MiB of tags. Packing a stream entry into one i64 (line << 3 | op): 66.2 vs 64.8.
 * - A fingerprint byte per way (one `i8x16.eq` finds the few candidate ways instead of comparing
 *   every tag): 71.6 vs 66.2 (and 15.5 vs 11.2 for L1 alone) — keeping the fingerprints in
 *   move-to-front order costs what the compares saved.
 * - Sets as rings with a head per set (a miss writes one tag and the head instead of shifting
 *   the set) plus fingerprints: 74.2 vs 65.9 (L1 alone 15.8 vs 10.4).
 * - Access by access with a read-ahead of the L3 set 16 accesses early, one wasm function per
 *   probe: slower than the JS streaming engine in the same process (438–451 vs 296 on a loaded
 *   machine; 314–318 vs 260 with --experimental-wasm-inlining); a read-ahead distance of 0, 16
 *   or 64 accesses made no difference.
 * - The shift with 16-byte-aligned stores (pairs joined by `i8x16.shuffle`): 67.9 vs 68.0.
 *
 * Memory layout (one `WebAssembly.Memory` per hierarchy, allocated whole at construction and
 * never grown, so the levels' `tags` stay valid Float64Array views on it; offsets in bytes):
 * ```
 * 0                      header (HEADER_* below; lru.wat lists the same slots)
 * 64 + 64 k              level k's record: tags, ways, set mask, sets, level below,
 *                        its stream (lines, ops, length), its counters, its touch flag
 * counters               8 f64 per level: accesses read/write/fetch, misses read/write/fetch,
 *                        evictions, write-backs (the `level.ts` slots 0–7); zero between batches
 * streams                per level: capacity lines (i64) and ops (u8) (L1d's holds the
 *                        accesses when there is no instruction level; I1's stays unused)
 * (two-thread engine only, `lru-wasm-threads.ts`; the memory is then shared:)
 * worker instance        its own header and level records, counters and streams, as above
 * control block          published / consumed chunk counts (64 bytes apart), stop and failed
 *                        flags, each slot's access count
 * trace slots            per slot CHUNK_ACCESSES addresses (f64), sizes (u32), kinds (u8): one
 *                        slot for one thread, a ring of THREAD_SLOTS for two
 * tags                   per level: sets × ways f64, 128-byte aligned, then 16 bytes of padding
 *                        (the scan of an odd way count reads one tag past its set)
 * ```
 * Set counts that are not a power of two use a 64-bit remainder; lines are below 2^52 (what
 * `fitsLruKernel` requires), so -line - 2 is exact.
 */
import { ACCESSES, BYTES_IN, BYTES_OUT, type CacheLevel, MISSES, WRITE_BACKS } from './level.js';
import { LRU_WASM_BASE64, LRU_WASM_SHARED_BASE64 } from './wasm/lru-wasm-bytes.generated.js';

/** The parts of the WebAssembly JS API used here (the project's TS libs do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared?: boolean }) => WasmMemory;
}

const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Header slots (bytes), as in lru.wat. */
const HEADER_LEVEL_COUNT = 0;
const HEADER_DATA_TOP = 4;
const HEADER_LINE_SHIFT = 8;
const HEADER_CAPACITY = 12;
/** Where `run` reads its trace columns (the worker rewrites them per slot). */
export const HEADER_ADDRESSES = 16;
export const HEADER_SIZES = 20;
export const HEADER_KINDS = 24;
const HEADER_MEMORY_ACCESSES = 32;
/** `run` takes the lines with line & mask == value (mask 0: every line). */
const HEADER_FILTER_MASK = 52;
const HEADER_FILTER_VALUE = 56;
/** Control block slots of the two-thread engine (bytes from its start; each count on its own host cache line). */
export const CONTROL_PUBLISHED = 0;
export const CONTROL_CONSUMED = 64;
/** Set by `close()`: the worker leaves its loop. */
export const CONTROL_STOP = 128;
/** Set by the worker when it failed (its message goes through a port). */
export const CONTROL_FAILED = 132;
/** Each trace slot's access count (i32 per slot). */
export const CONTROL_LENGTHS = 192;
/** Level records (bytes): record k starts at header + RECORDS + k * RECORD_BYTES. */
const RECORDS = 64;
const RECORD_BYTES = 64;
const RECORD_TAGS = 0;
const RECORD_WAYS = 4;
const RECORD_SET_MASK = 8;
const RECORD_SETS = 16;
const RECORD_BELOW = 24;
const RECORD_STREAM_LINES = 28;
const RECORD_STREAM_OPS = 32;
const RECORD_COUNTERS = 40;
const RECORD_TOUCH = 44;
/** f64 counters per level in wasm memory (the `level.ts` slots ACCESSES … WRITE_BACKS). */
const WASM_COUNTERS = 8;
/**
 * Alignment of each level's tags: a 16-way set (128 bytes) then spans two host cache lines, both
 * loaded by the touch pass (its first and last way), not three. In-process A/Bs on the
 * three-level random trace of bench/cache.bench.ts, both orders (the second hierarchy built ran
 * ~4 ns faster either way; median ns per access): 128 vs 16 bytes 71.7 vs 73.3 / 73.7 built
 * first, 62.4 / 62.7 vs 65.7 built second.
 */
const TAG_ALIGN_BYTES = 128;
/** Bytes after each level's tags (a vector scan reads at most one f64 past its set). */
const TAG_PADDING_BYTES = 16;
const WASM_PAGE_BYTES = 65536;
/** The largest memory WebAssembly (memory32) can address. */
const MAX_MEMORY_BYTES = 2 ** 32;

/**
 * Accesses per trace slot, copied into wasm memory per `run` call: 52 KiB of columns. Not tuned
 * for one thread: any value gives the same results, and the copy (three TypedArray.set calls)
 * costs less than the read-only baseline row of bench/cache.bench.ts (~1 ns per access) against
 * 10–70 ns for simulating one. With two threads it is also the unit of hand-over: ~60 µs of work
 * per thread at the three-level random trace's ~30 ns per access, against ~1 µs for publishing it.
 */
export const CHUNK_ACCESSES = 4096;
/** Bytes of one trace slot: addresses (f64), then sizes (u32), then kinds (u8). */
export const SLOT_BYTES = CHUNK_ACCESSES * (8 + 4 + 1);
/** Byte offsets of a slot's sizes and kinds from the slot's start. */
export const SLOT_SIZES = CHUNK_ACCESSES * 8;
export const SLOT_KINDS = CHUNK_ACCESSES * 12;

/**
 * Trace slots of the two-thread engine: how many chunks the calling thread may run ahead of the
 * worker (53 KiB each) before it waits. It must absorb the worker's stalls on this shared 2-vCPU
 * machine (a preempted thread, a wake-up from `Atomics.wait`).
 */
export const THREAD_SLOTS = 16;

/**
 * Levels with at least this many bytes of tags get a touch pass before each block of probes (the
 * bench's 32 MiB L3, 4 MiB of tags; not its 1 MiB L2, 128 KiB, which stays in the host's caches).
 * In-process A/Bs on the three-level random trace of bench/cache.bench.ts (median ns per access,
 * one hierarchy per variant, interleaved batches of 2048, two runs on a loaded machine): touch L3
 * only 93.5 / 97.1, touch every level 102 / 102, no touch pass 119 / 108 (with the first,
 * looped scan: 69.5 / 74.6 / 83.4).
 */
const TOUCH_MIN_TAG_BYTES = 1 << 20;

let compiledModule: object | null | undefined;
let compiledSharedModule: object | null | undefined;

function compile(base64: string): object | null {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  try {
    return wasmApi?.validate(bytes) ? new wasmApi.Module(bytes) : null;
  } catch {
    return null;
  }
}

/**
 * The compiled module (`shared`: its build with a shared memory import, for the two-thread
 * engine), or null when this runtime lacks WebAssembly, its SIMD128 or (shared) its threads
 * (each compiled once).
 */
export function lruWasmModule(shared = false): object | null {
  if (shared) {
    if (compiledSharedModule === undefined) compiledSharedModule = compile(LRU_WASM_SHARED_BASE64);
    return compiledSharedModule;
  }
  if (compiledModule === undefined) compiledModule = compile(LRU_WASM_BASE64);
  return compiledModule;
}

/** True when the WebAssembly engine can run here (WebAssembly with SIMD128 validates). */
export function lruWasmAvailable(): boolean {
  return lruWasmModule() !== null;
}

/** The geometry of one level, as the engine lays it out. */
export interface LruWasmLevelShape {
  readonly sets: number;
  readonly ways: number;
}

const align16 = (bytes: number): number => Math.ceil(bytes / 16) * 16;
const align64 = (bytes: number): number => Math.ceil(bytes / 64) * 64;

/**
 * A hierarchy's wasm memory and where everything lives in it. Created before the levels, which
 * take `tags[k]` as their tag storage.
 */
export class LruWasmMemory {
  readonly memory: WasmMemory;
  /** Each level's tags: a view on `memory` (length sets × ways). */
  readonly tags: Float64Array[];
  readonly shapes: readonly LruWasmLevelShape[];
  /** Byte offsets of each level's tags. */
  readonly tagOffsets: Int32Array;
  /** Instances that run batches (1, or 2 in the two-thread engine, whose memory is shared). */
  readonly instances: number;
  /** Byte offset of each instance's header. */
  readonly headerOffsets: Int32Array;
  /** Byte offset of each instance's counters (8 f64 per level). */
  readonly counterOffsets: Int32Array;
  /** Byte offsets of each instance's stream lines and ops, level k of instance j at j * levels + k. */
  readonly streamLineOffsets: Int32Array;
  readonly streamOpOffsets: Int32Array;
  /** Entries per stream. */
  readonly capacity: number;
  /** Trace slots (1, or THREAD_SLOTS with two instances), each SLOT_BYTES from `slotsOffset`. */
  readonly slots: number;
  readonly slotsOffset: number;
  /** Byte offset of the two-thread engine's control block (0 with one instance). */
  readonly controlOffset: number;

  private constructor(
    memory: WasmMemory,
    shapes: readonly LruWasmLevelShape[],
    layout: {
      tagOffsets: Int32Array;
      headerOffsets: Int32Array;
      counterOffsets: Int32Array;
      streamLineOffsets: Int32Array;
      streamOpOffsets: Int32Array;
      slots: number;
      slotsOffset: number;
      controlOffset: number;
    },
    capacity: number,
  ) {
    this.memory = memory;
    this.tags = shapes.map(
      (shape, k) => new Float64Array(memory.buffer, layout.tagOffsets[k]!, shape.sets * shape.ways),
    );
    this.shapes = shapes;
    this.tagOffsets = layout.tagOffsets;
    this.instances = layout.headerOffsets.length;
    this.headerOffsets = layout.headerOffsets;
    this.counterOffsets = layout.counterOffsets;
    this.streamLineOffsets = layout.streamLineOffsets;
    this.streamOpOffsets = layout.streamOpOffsets;
    this.capacity = capacity;
    this.slots = layout.slots;
    this.slotsOffset = layout.slotsOffset;
    this.controlOffset = layout.controlOffset;
  }

  /**
   * Lays out and allocates the memory for levels of `shapes`, or returns null when the engine
   * cannot run here: no WebAssembly SIMD, more than 4 GiB of memory, or an allocation the runtime
   * refuses. `instances` 2 lays out the two-thread engine (a second header, counters and streams,
   * THREAD_SLOTS trace slots, the control block) in a shared memory (null when this runtime
   * cannot).
   */
  static tryCreate(
    shapes: readonly LruWasmLevelShape[],
    capacity: number,
    instances: 1 | 2 = 1,
  ): LruWasmMemory | null {
    const shared = instances === 2;
    if (wasmApi === undefined || lruWasmModule(shared) === null) return null;
    const count = shapes.length;
    const headerOffsets = new Int32Array(instances);
    const counterOffsets = new Int32Array(instances);
    const streamLineOffsets = new Int32Array(instances * count);
    const streamOpOffsets = new Int32Array(instances * count);
    let offset = 0;
    for (let j = 0; j < instances; j++) {
      // Each instance's header and counters on host cache lines of their own.
      offset = align64(offset);
      headerOffsets[j] = offset;
      counterOffsets[j] = offset + RECORDS + count * RECORD_BYTES;
      offset = align16(counterOffsets[j]! + count * WASM_COUNTERS * 8);
      for (let k = 0; k < count; k++) {
        streamLineOffsets[j * count + k] = offset;
        streamOpOffsets[j * count + k] = offset + capacity * 8;
        offset = align16(offset + capacity * 9);
      }
    }
    const slots = shared ? THREAD_SLOTS : 1;
    let controlOffset = 0;
    if (shared) {
      controlOffset = align64(offset);
      offset = controlOffset + CONTROL_LENGTHS + slots * 4;
    }
    const slotsOffset = align64(offset);
    offset = slotsOffset + slots * SLOT_BYTES;
    const tagOffsets = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      const shape = shapes[k]!;
      offset = Math.ceil(offset / TAG_ALIGN_BYTES) * TAG_ALIGN_BYTES;
      if (offset > MAX_MEMORY_BYTES) return null;
      tagOffsets[k] = offset;
      offset += shape.sets * shape.ways * 8 + TAG_PADDING_BYTES;
    }
    if (offset > MAX_MEMORY_BYTES) return null;
    const pages = Math.ceil(offset / WASM_PAGE_BYTES);
    let memory: WasmMemory;
    try {
      memory = shared
        ? new wasmApi.Memory({ initial: pages, maximum: pages, shared: true })
        : new wasmApi.Memory({ initial: pages, maximum: pages });
    } catch {
      return null;
    }
    return new LruWasmMemory(
      memory,
      shapes,
      {
        tagOffsets,
        headerOffsets,
        counterOffsets,
        streamLineOffsets,
        streamOpOffsets,
        slots,
        slotsOffset,
        controlOffset,
      },
      capacity,
    );
  }
}

/**
 * Runs batches on LRU write-back levels in WebAssembly, sharing their tags (views) and counters.
 * With two instances (the two-thread engine) it runs instance 0, writes both headers (instance j
 * takes the lines of parity j) and collects both instances' counters; `lru-wasm-threads.ts` runs
 * instance 1 on its worker.
 */
export class LruWasmKernel {
  private readonly runChunk: (count: number) => void;
  private readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  private readonly doubles: Float64Array;
  private readonly wasmMemory: LruWasmMemory;
  /** The levels' counters, which each batch's wasm counts are added to. */
  private readonly counters: Float64Array[];
  private readonly memory: Float64Array;
  private readonly lineBytes: number;

  /**
   * `levels` must be built on `wasmMemory.tags` (in the same order as its shapes) and fit the LRU
   * kernel; `below[k]` is the index of the level below level k (-1: memory), `memory[0]` counts
   * memory accesses, `dataTop` is the index of L1d (the instruction level, if any, is 0).
   */
  constructor(
    wasmMemory: LruWasmMemory,
    levels: readonly CacheLevel[],
    below: Int32Array,
    memory: Float64Array,
    dataTop: number,
  ) {
    const two = wasmMemory.instances === 2;
    const instance = new wasmApi!.Instance(lruWasmModule(two)!, {
      env: { memory: wasmMemory.memory, header: wasmMemory.headerOffsets[0]! },
    });
    this.runChunk = instance.exports.run as (count: number) => void;
    const buffer = wasmMemory.memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.words = new Uint32Array(buffer);
    this.doubles = new Float64Array(buffer);
    this.wasmMemory = wasmMemory;
    this.counters = levels.map((level) => level.counters);
    this.memory = memory;
    this.lineBytes = levels[0]!.lineBytes;
    const view = new DataView(buffer);
    for (let j = 0; j < wasmMemory.instances; j++) {
      LruWasmKernel.writeHeader(view, j, wasmMemory, levels, below, dataTop);
    }
    this.selectSlot(0);
  }

  /** Writes instance `j`'s header and level records. */
  private static writeHeader(
    header: DataView,
    j: number,
    wasmMemory: LruWasmMemory,
    levels: readonly CacheLevel[],
    below: Int32Array,
    dataTop: number,
  ): void {
    const base = wasmMemory.headerOffsets[j]!;
    const count = levels.length;
    header.setInt32(base + HEADER_LEVEL_COUNT, count, true);
    header.setInt32(base + HEADER_DATA_TOP, dataTop, true);
    header.setInt32(base + HEADER_LINE_SHIFT, Math.log2(levels[0]!.lineBytes), true);
    header.setInt32(base + HEADER_CAPACITY, wasmMemory.capacity, true);
    header.setInt32(base + HEADER_FILTER_MASK, wasmMemory.instances - 1, true);
    header.setInt32(base + HEADER_FILTER_VALUE, j, true);
    levels.forEach((level, k) => {
      if (level.tags !== wasmMemory.tags[k]) {
        throw new RangeError(`level ${level.name} does not keep its tags in the engine's memory`);
      }
      const record = base + RECORDS + k * RECORD_BYTES;
      header.setInt32(record + RECORD_TAGS, wasmMemory.tagOffsets[k]!, true);
      header.setInt32(record + RECORD_WAYS, level.ways, true);
      header.setBigInt64(record + RECORD_SET_MASK, BigInt(level.setMask), true);
      header.setBigInt64(record + RECORD_SETS, BigInt(level.sets), true);
      header.setInt32(record + RECORD_BELOW, below[k]!, true);
      header.setInt32(record + RECORD_STREAM_LINES, wasmMemory.streamLineOffsets[j * count + k]!, true);
      header.setInt32(record + RECORD_STREAM_OPS, wasmMemory.streamOpOffsets[j * count + k]!, true);
      header.setInt32(record + RECORD_COUNTERS, wasmMemory.counterOffsets[j]! + k * WASM_COUNTERS * 8, true);
      header.setInt32(
        record + RECORD_TOUCH,
        level.sets * level.ways * 8 >= TOUCH_MIN_TAG_BYTES ? 1 : 0,
        true,
      );
    });
  }

  /** Accesses `start … end - 1` of the columns (unchecked), in chunks copied into slot 0. */
  run(addresses: Float64Array, sizes: Uint32Array, kinds: Uint8Array, start: number, end: number): void {
    for (let chunkStart = start; chunkStart < end; chunkStart += CHUNK_ACCESSES) {
      const chunkEnd = Math.min(chunkStart + CHUNK_ACCESSES, end);
      this.copyChunk(0, addresses, sizes, kinds, chunkStart, chunkEnd);
      this.runSlot(0, chunkEnd - chunkStart);
    }
    this.collectCounters();
  }

  /**
   * Two-thread engine: `filter` true makes instance 0 take only the lines of its parity (the
   * worker takes the others), false makes it take every line (the worker idle).
   */
  setFilter(filter: boolean): void {
    this.words[(this.wasmMemory.headerOffsets[0]! + HEADER_FILTER_MASK) >> 2] = filter ? 1 : 0;
  }

  /** Copies accesses `start … end - 1` (at most CHUNK_ACCESSES) into trace slot `slot`. */
  copyChunk(
    slot: number,
    addresses: Float64Array,
    sizes: Uint32Array,
    kinds: Uint8Array,
    start: number,
    end: number,
  ): void {
    const at = this.wasmMemory.slotsOffset + slot * SLOT_BYTES;
    this.doubles.set(addresses.subarray(start, end), at >> 3);
    this.words.set(sizes.subarray(start, end), (at + SLOT_SIZES) >> 2);
    this.bytes.set(kinds.subarray(start, end), at + SLOT_KINDS);
  }

  /** Runs instance 0 over the first `count` accesses of trace slot `slot`. */
  runSlot(slot: number, count: number): void {
    this.selectSlot(slot);
    this.runChunk(count);
  }

  private selectSlot(slot: number): void {
    const at = this.wasmMemory.slotsOffset + slot * SLOT_BYTES;
    const header = this.wasmMemory.headerOffsets[0]! >> 2;
    const words = this.words;
    words[header + (HEADER_ADDRESSES >> 2)] = at;
    words[header + (HEADER_SIZES >> 2)] = at + SLOT_SIZES;
    words[header + (HEADER_KINDS >> 2)] = at + SLOT_KINDS;
  }

  /** Adds every instance's wasm counters to the levels' counters and zeroes them (every stream must be empty). */
  collectCounters(): void {
    const doubles = this.doubles;
    const lineBytes = this.lineBytes;
    const wasmMemory = this.wasmMemory;
    for (let j = 0; j < wasmMemory.instances; j++) {
      const countersIndex = wasmMemory.counterOffsets[j]! >> 3;
      for (let k = 0; k < this.counters.length; k++) {
        const counters = this.counters[k]!;
        const from = countersIndex + k * WASM_COUNTERS;
        for (let slot = ACCESSES; slot <= WRITE_BACKS; slot++) {
          counters[slot] = counters[slot]! + doubles[from + slot]!;
        }
        const misses = doubles[from + MISSES]! + doubles[from + MISSES + 1]! + doubles[from + MISSES + 2]!;
        counters[BYTES_IN] = counters[BYTES_IN]! + misses * lineBytes;
        counters[BYTES_OUT] = counters[BYTES_OUT]! + doubles[from + WRITE_BACKS]! * lineBytes;
        doubles.fill(0, from, from + WASM_COUNTERS);
      }
      const memoryIndex = (wasmMemory.headerOffsets[j]! + HEADER_MEMORY_ACCESSES) >> 3;
      this.memory[0] = this.memory[0]! + doubles[memoryIndex]!;
      doubles[memoryIndex] = 0;
    }
  }
}
