/**
 * The WebAssembly engine of the fast LRU path (`SimulationPath` 'lru-wasm'): the level-by-level
 * streaming of `lru-stream.ts`, hand-written in WebAssembly text (`wasm/lru.wat`, SIMD128) and
 * run on the same tags, for hierarchies that fit the LRU kernel (`fitsLruKernel`: LRU,
 * write-back, write-allocate, non-inclusive, no 3C classification or reuse histogram). Every
 * geometry runs here: any way count, any set count (a 64-bit remainder when it is not a power of
 * two), accesses spanning lines, modifies, fetches with or without a split I1.
 *
 * Why it is exact: it is the algorithm of `lru-stream.ts` on the same data. Each set is a
 * move-to-front list of tags, each level's in one of two forms (`tagModes`):
 * - compact, while every line the level has seen lies in its window of (2^31 - 1) << log2(sets)
 *   lines from its line base (a multiple of 2^log2(sets)): one u32 per way, (line - base) >>
 *   log2(sets) (the whole offset when the set count is not a power of two, whose window is then
 *   2^31 - 1 lines), bit 31 set when dirty, all ones when empty. Within a set the lines agree on
 *   their low log2(sets) bits, so the tag is exact and the line comes back as base + (tag <<
 *   shift | set). The bases are chosen at the first access (each window centred on its line) and
 *   again after `reset()`. A 64-set L1 of 64-byte lines covers 8 TiB of addresses, a 1024-set L2
 *   128 TiB (as wide as x86-64 user space).
 * - wide: the level's f64 tags (`lru-probe.ts`: line when clean, -line - 2 when dirty, -1 when
 *   empty; the probe's contract is lruProbe's). `run` stops before the first access outside the
 *   run window (every compact level's window); each level whose window it leaves is converted
 *   in place (`widen`) and stays wide until `reset()`, the others stay compact.
 * A batch turns its accesses into requests at their
 * top level, line by line as `LruKernel.access` splits them (a load as a read, a store as a
 * write that dirties the line, a modify as both, a fetch at I1 or, without one, at L1d). Without
 * an I1 those requests become L1d's input stream and L1d drains it like any level; with an I1,
 * I1 and L1d must send their misses to L2 in trace order, so each line is looked up at once. Every
 * miss appends its fill, then its dirty victim's write-back, to the stream of the level below;
 * each lower level turns its stream into the next one. With non-inclusive levels a lower level
 * never changes an upper one, so this order of work gives the per-access kernel's results, and a
 * stream may be drained early at any point. Counters are counted in wasm and added to the
 * levels' counters when the batch ends; every stream is empty then. Single accesses
 * (`accessOne`) run through the same code as a batch of one, so both APIs share one state. The
 * differential tests check every counter of every level against the reference model, with
 * traces that jump out of the compact window part-way (`wasm-cases.test-support.ts`).
 *
 * Why it is faster (bench/cache.bench.ts, WebAssembly rows against their JS peers): one loop for
 * every level with the probe written out inline (V8 in Node 20 does not inline wasm calls: the
 * first build, with calls per request, ran 1.05× the JS streaming engine in the bench, this one
 * 1.7×); with compact tags the way scan masks off the dirty bit and compares four ways per
 * `i32x4.eq`, narrows the results to one bitmask and finds the first match with ctz, without a
 * loop for 8 and 16 ways, whose miss shift then stores the loaded vectors 4 bytes up (wide tags:
 * two ways per `i64x2.eq`, against the clean and the dirty pattern). Compact tags halve the
 * tags' bytes: a 16-way set is one host cache line, and the 32 MiB L3's tags take 2 MiB instead
 * of 4. Three-level random trace of the bench, single-threaded, alternating processes of the
 * two builds (median ns per access, 2026-11-26): 51.0 / 59.2 / 57.0 compact against 74.8 / 70.6
 * / 72.0 wide; L1 alone 11.3–11.8 against 11.7–12.1, L1 + L2 25.7–27.0 against 29.3–32.0; the touch pass of `lru-stream.ts` runs on levels with at least
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
 * - With compact tags, in one process alternating rounds of two builds (per-round ratio of the
 *   medians, 2026-11-26; two identical builds read 0.990–0.992): touching the next block's sets
 *   while probing this one 1.012 / 1.022 (the touch loads still retire in order, so they stall the
 *   probes behind them); blocks of 64 requests 0.990 / 1.026; without the scalar check of a
 *   set's front way before the vector scan 1.077 / 1.078; counting requests per op not at all
 *   (an upper bound for deriving them from the level above) 0.970 / 0.997; without the scan for
 *   way counts other than 8 and 16 (an upper bound for a drain per way count) 1.010 / 1.003.
 * - Compact tags in the per-line lookups of hierarchies with an I1 too (`$lookupTopCompact`): a
 *   32 KiB I1 + the bench's three levels, one fetch in four: 53.1–54.0 vs 67.8–70.8 (2026-11-26).
 * - $drainCompact counts requests and misses per op in the level's record (+128, +160) instead of
 *   eight locals, and checks the room in the stream below once per block instead of per request:
 *   V8 spilled most of the loop's 40 locals to the stack. L1 + L2 alone 23.5 / 24.7 / 24.6 vs
 *   28.3 / 28.8 / 27.8, the pipelined three levels 32.4 / 37.1 / 37.0 vs 36.1 / 45.8 / 49.2
 *   (alternating processes, 2026-11-26). The same in $drain (wide tags; both drains now share
 *   $clearCounts and $addCounts): per-round ratio 0.893 / 0.884 on the three-level random trace
 *   with wide tags in every level, 1.009 with compact ones (one process, 2026-11-26).
 *
 * Memory layout (one `WebAssembly.Memory` per hierarchy, allocated whole at construction and
 * never grown, so the levels' `tags` stay valid Float64Array views on it; offsets in bytes):
 * ```
 * 0                      header (HEADER_* below; lru.wat lists the same slots)
 * 128 + 128 k           level k's record: tags, ways, set mask, sets, level below,
 *                        its stream (lines, ops, length), its counters, its touch flag,
 *                        set shift and low mask, per-op request and miss counts
 * counters               8 f64 per level: accesses read/write/fetch, misses read/write/fetch,
 *                        evictions, write-backs (the `level.ts` slots 0–7); zero between batches
 * trace columns          CHUNK_ACCESSES addresses (f64), sizes (u32), kinds (u8), copied per chunk
 * streams                per level: capacity lines (i64) and ops (u8) (L1d's holds the
 *                        accesses when there is no instruction level; I1's stays unused)
 * (pipelined engine only, `lru-wasm-threads.ts`; the memory is then shared:)
 * worker header          the worker instance's copy of the header and level records
 * ring block             published / consumed counts (64 bytes apart), stop and failed flags,
 *                        segment count, where segments start, segment lengths (lru.wat's $publish)
 * ring segments          segments × capacity lines (i64), then segments × capacity ops (u8)
 * tags                   per level: sets × ways f64, 128-byte aligned, then 16 bytes of padding
 *                        (the scan of an odd way count reads one tag past its set); compact
 *                        tags take the first half (sets × ways u32)
 * ```
 * Set counts that are not a power of two use a 64-bit remainder; lines are below 2^52 (what
 * `fitsLruKernel` requires), so -line - 2 is exact.
 */
import { ACCESSES, BYTES_IN, BYTES_OUT, type CacheLevel, INVALID_TAG, MISSES, WRITE_BACKS } from './level.js';
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
const HEADER_ADDRESSES = 16;
const HEADER_SIZES = 20;
const HEADER_KINDS = 24;
/** First level the other thread runs (the pipelined engine's boundary), -1 when none. */
const HEADER_BOUNDARY = 28;
const HEADER_MEMORY_ACCESSES = 32;
/** Compact tags: the line base (i64) and the window (i64 lines; 0: wide tags). */
/** The run window (lines every compact level can hold): its first line and its length (i64; 0: none). */
const HEADER_RUN_FIRST = 64;
const HEADER_RUN_LINES = 72;
/** Byte address of the ring block (the pipelined engine). */
const HEADER_RING = 48;
/** Ring block slots (bytes from its start), as in lru.wat's $publish. */
export const RING_PUBLISHED = 0;
export const RING_CONSUMED = 64;
/** Set by `close()`: the worker leaves its loop. */
export const RING_STOP = 128;
/** Set by the worker when it failed (its message goes through a port). */
export const RING_FAILED = 132;
const RING_SEGMENTS = 136;
const RING_LINES = 140;
const RING_OPS = 144;
const RING_LENGTHS = 192;
/** Level records (bytes): record k starts at RECORDS + k * RECORD_BYTES. */
const RECORDS = 128;
const RECORD_BYTES = 256;
const RECORD_TAGS = 0;
const RECORD_WAYS = 4;
const RECORD_SET_MASK = 8;
const RECORD_SETS = 16;
const RECORD_BELOW = 24;
const RECORD_STREAM_LINES = 28;
const RECORD_STREAM_OPS = 32;
const RECORD_COUNTERS = 40;
const RECORD_TOUCH = 44;
/** Compact tags: log2 of the set count (0 when not a power of two), and 2^shift - 1 (i64). */
const RECORD_SET_SHIFT = 48;
/** 1 when the level keeps compact tags, 0 when wide (i32). */
const RECORD_COMPACT = 52;
const RECORD_LOW_MASK = 56;
/** The level's line base (i64). */
const RECORD_LINE_BASE = 64;
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
 * Accesses copied into wasm memory per `run` call: 52 KiB of columns. Not tuned: any value gives
 * the same results, and the copy (three TypedArray.set calls) costs less than the read-only
 * baseline row of bench/cache.bench.ts (~1 ns per access) against 10–70 ns for simulating one.
 */
const CHUNK_ACCESSES = 4096;

/**
 * Levels with at least this many bytes of tags get a touch pass before each block of probes (the
 * bench's 32 MiB L3, 4 MiB of tags; not its 1 MiB L2, 128 KiB, which stays in the host's caches).
 * In-process A/Bs on the three-level random trace of bench/cache.bench.ts (median ns per access,
 * one hierarchy per variant, interleaved batches of 2048, two runs on a loaded machine): touch L3
 * only 93.5 / 97.1, touch every level 102 / 102, no touch pass 119 / 108 (with the first,
 * looped scan: 69.5 / 74.6 / 83.4). Also with the pipelined engine (lru-wasm-threads.ts, where
 * the calling thread's L1+L2 set the pace): touching L2 too (a threshold of 64 KiB) ran
 * 19.9–21.6 M accesses/s against 23.0–25.5 with L3 only (two standalone runs, calls of 65536,
 * 2026-11-26).
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
 * The compiled module (`shared`: its build with a shared memory import, for the pipelined
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

/** log2 of a power-of-two set count, else 0 (compact tags then hold the whole line offset). */
const setShiftOf = (sets: number): number => ((sets & (sets - 1)) === 0 ? Math.log2(sets) : 0);

/** An empty way's compact tag. */
const EMPTY_COMPACT = 0xffff_ffff;

/**
 * A hierarchy's wasm memory and where everything lives in it. Created before the levels, which
 * take `tags[k]` as their tag storage.
 */
export class LruWasmMemory {
  readonly memory: WasmMemory;
  /** Each level's tags: a view on `memory` (length sets × ways). */
  readonly tags: Float64Array[];
  readonly shapes: readonly LruWasmLevelShape[];
  /** Byte offsets of each level's tags, stream lines and stream ops. */
  readonly tagOffsets: Int32Array;
  readonly streamLineOffsets: Int32Array;
  readonly streamOpOffsets: Int32Array;
  readonly countersOffset: number;
  readonly addressesOffset: number;
  readonly sizesOffset: number;
  readonly kindsOffset: number;
  /** Entries per stream. */
  readonly capacity: number;
  /** The pipelined engine's ring segments (0: single-threaded, memory not shared). */
  readonly segments: number;
  /** Byte offsets of the worker instance's header copy, of the ring block and of its segments' lines and ops (0 without a ring). */
  readonly workerHeaderOffset: number;
  readonly ringOffset: number;
  readonly ringLinesOffset: number;
  readonly ringOpsOffset: number;

  private constructor(
    memory: WasmMemory,
    shapes: readonly LruWasmLevelShape[],
    tagOffsets: Int32Array,
    streamLineOffsets: Int32Array,
    streamOpOffsets: Int32Array,
    countersOffset: number,
    capacity: number,
    segments: number,
    ringOffsets: Int32Array,
  ) {
    this.memory = memory;
    this.tags = shapes.map(
      (shape, k) => new Float64Array(memory.buffer, tagOffsets[k]!, shape.sets * shape.ways),
    );
    this.shapes = shapes;
    this.tagOffsets = tagOffsets;
    this.streamLineOffsets = streamLineOffsets;
    this.streamOpOffsets = streamOpOffsets;
    this.countersOffset = countersOffset;
    this.addressesOffset = countersOffset + shapes.length * WASM_COUNTERS * 8;
    this.sizesOffset = this.addressesOffset + CHUNK_ACCESSES * 8;
    this.kindsOffset = this.sizesOffset + CHUNK_ACCESSES * 4;
    this.capacity = capacity;
    this.segments = segments;
    this.workerHeaderOffset = ringOffsets[0]!;
    this.ringOffset = ringOffsets[1]!;
    this.ringLinesOffset = ringOffsets[2]!;
    this.ringOpsOffset = ringOffsets[3]!;
  }

  /**
   * Lays out and allocates the memory for levels of `shapes`, or returns null when the engine cannot run here: no WebAssembly SIMD, more
   * than 4 GiB of memory, or an allocation the runtime refuses. `segments` > 0 lays out the
   * pipelined engine's ring of that many segments of `capacity` entries, a header for the worker
   * instance, and makes the memory shared (null when this runtime cannot).
   */
  static tryCreate(
    shapes: readonly LruWasmLevelShape[],
    capacity: number,
    segments = 0,
  ): LruWasmMemory | null {
    const shared = segments > 0;
    if (wasmApi === undefined || lruWasmModule(shared) === null) return null;
    const count = shapes.length;
    const countersOffset = RECORDS + count * RECORD_BYTES;
    let offset = align16(countersOffset + count * WASM_COUNTERS * 8 + CHUNK_ACCESSES * (8 + 4 + 1));
    const streamLineOffsets = new Int32Array(count);
    const streamOpOffsets = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      streamLineOffsets[k] = offset;
      streamOpOffsets[k] = offset + capacity * 8;
      offset = align16(offset + capacity * 9);
    }
    // The ring block's counters sit on host cache lines of their own (64 bytes apart).
    const ringOffsets = new Int32Array(4);
    if (shared) {
      offset = Math.ceil(offset / 64) * 64;
      ringOffsets[0] = offset;
      offset += Math.ceil((RECORDS + count * RECORD_BYTES) / 64) * 64;
      ringOffsets[1] = offset;
      offset += align16(RING_LENGTHS + segments * 4);
      ringOffsets[2] = offset;
      ringOffsets[3] = offset + segments * capacity * 8;
      offset = align16(offset + segments * capacity * 9);
    }
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
      tagOffsets,
      streamLineOffsets,
      streamOpOffsets,
      countersOffset,
      capacity,
      segments,
      ringOffsets,
    );
  }
}

/** Runs batches on LRU write-back levels in WebAssembly, sharing their tags (views) and counters. */
export class LruWasmKernel {
  private readonly runChunk: (count: number) => number;
  /**
   * Pipelined engine: `run` of a second instance on the worker's header (no boundary), which runs
   * every level on the calling thread over the worker's streams while the worker is idle (between
   * batches); the single-threaded engine's `runChunk` otherwise.
   */
  private readonly runChunkAlone: (count: number) => number;
  /** The module's `finish` export: publishes the boundary level's last ring segment (pipelined engine). */
  readonly finish: () => void;
  private readonly bytes: Uint8Array;
  private readonly words: Uint32Array;
  private readonly doubles: Float64Array;
  /** f64 index of the wasm counters. */
  private readonly countersIndex: number;
  private readonly addressesIndex: number;
  private readonly sizesIndex: number;
  private readonly kindsOffset: number;
  /** The levels' counters, which each batch's wasm counts are added to. */
  private readonly counters: Float64Array[];
  private readonly memory: Float64Array;
  private readonly lineBytes: number;
  /** f64 index of the worker header's memory-access counter (-1: single-threaded). */
  private readonly workerMemoryIndex: number;
  /** Byte offsets of the headers whose tag mode this kernel sets (the worker's too when pipelined). */
  private readonly headers: readonly number[];
  private readonly view: DataView;
  private readonly wasmMemory: LruWasmMemory;
  /** Each level's set shift (log2 of its set count, 0 when not a power of two). */
  private readonly shifts: readonly number[];
  /** Each level's window of compact tags, in lines: (2^31 - 1) << its set shift. */
  private readonly windows: readonly number[];
  /** Each level's line base (a multiple of 2^shift), and whether it keeps compact tags. */
  private readonly lineBases: Float64Array;
  private readonly compact: Uint8Array;
  /** False until the first access after construction or `reset()` chooses the line bases. */
  private started: boolean;

  /**
   * `levels` must be built on `wasmMemory.tags` (in the same order as its shapes) and fit the LRU
   * kernel; `below[k]` is the index of the level below level k (-1: memory), `memory[0]` counts
   * memory accesses, `dataTop` is the index of L1d (the instruction level, if any, is 0).
   * `boundary` (pipelined engine, `wasmMemory` with a ring): the first level a worker runs,
   * fed through the ring; this kernel then runs the levels above it and also writes the worker's
   * header and the ring block (the worker instantiates the shared module with `header` =
   * `wasmMemory.workerHeaderOffset`).
   */
  constructor(
    wasmMemory: LruWasmMemory,
    levels: readonly CacheLevel[],
    below: Int32Array,
    memory: Float64Array,
    dataTop: number,
    boundary = -1,
  ) {
    const shared = wasmMemory.segments > 0;
    if (shared !== boundary >= 0) {
      throw new RangeError('a pipelined kernel needs a boundary level and memory with a ring, and only it');
    }
    const instance = new wasmApi!.Instance(lruWasmModule(shared)!, {
      env: { memory: wasmMemory.memory, header: 0 },
    });
    this.runChunk = instance.exports.run as (count: number) => number;
    this.finish = instance.exports.finish as () => void;
    this.runChunkAlone = shared
      ? (new wasmApi!.Instance(lruWasmModule(true)!, {
          env: { memory: wasmMemory.memory, header: wasmMemory.workerHeaderOffset },
        }).exports.run as (count: number) => number)
      : this.runChunk;
    const buffer = wasmMemory.memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.words = new Uint32Array(buffer);
    this.doubles = new Float64Array(buffer);
    this.countersIndex = wasmMemory.countersOffset / 8;
    this.addressesIndex = wasmMemory.addressesOffset / 8;
    this.sizesIndex = wasmMemory.sizesOffset / 4;
    this.kindsOffset = wasmMemory.kindsOffset;
    this.counters = levels.map((level) => level.counters);
    this.memory = memory;
    this.lineBytes = levels[0]!.lineBytes;
    this.workerMemoryIndex = shared ? (wasmMemory.workerHeaderOffset + HEADER_MEMORY_ACCESSES) / 8 : -1;
    const view = new DataView(buffer);
    this.view = view;
    this.wasmMemory = wasmMemory;
    this.headers = shared ? [0, wasmMemory.workerHeaderOffset] : [0];
    this.shifts = levels.map((level) => setShiftOf(level.sets));
    this.windows = this.shifts.map((shift) => (2 ** 31 - 1) * 2 ** shift);
    this.lineBases = new Float64Array(levels.length);
    this.compact = new Uint8Array(levels.length);
    this.started = false;
    LruWasmKernel.writeHeader(view, 0, wasmMemory, levels, below, dataTop, boundary);
    if (shared) {
      LruWasmKernel.writeHeader(view, wasmMemory.workerHeaderOffset, wasmMemory, levels, below, dataTop, -1);
      const ring = wasmMemory.ringOffset;
      view.setInt32(ring + RING_SEGMENTS, wasmMemory.segments, true);
      view.setInt32(ring + RING_LINES, wasmMemory.ringLinesOffset, true);
      view.setInt32(ring + RING_OPS, wasmMemory.ringOpsOffset, true);
    }
  }

  /** Writes a header and level records at byte `base` (one per wasm instance). */
  private static writeHeader(
    header: DataView,
    base: number,
    wasmMemory: LruWasmMemory,
    levels: readonly CacheLevel[],
    below: Int32Array,
    dataTop: number,
    boundary: number,
  ): void {
    header.setInt32(base + HEADER_LEVEL_COUNT, levels.length, true);
    header.setInt32(base + HEADER_DATA_TOP, dataTop, true);
    header.setInt32(base + HEADER_LINE_SHIFT, Math.log2(levels[0]!.lineBytes), true);
    header.setInt32(base + HEADER_CAPACITY, wasmMemory.capacity, true);
    header.setInt32(base + HEADER_ADDRESSES, wasmMemory.addressesOffset, true);
    header.setInt32(base + HEADER_SIZES, wasmMemory.sizesOffset, true);
    header.setInt32(base + HEADER_KINDS, wasmMemory.kindsOffset, true);
    header.setInt32(base + HEADER_BOUNDARY, boundary, true);
    header.setInt32(base + HEADER_RING, wasmMemory.ringOffset, true);
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
      header.setInt32(record + RECORD_STREAM_LINES, wasmMemory.streamLineOffsets[k]!, true);
      header.setInt32(record + RECORD_STREAM_OPS, wasmMemory.streamOpOffsets[k]!, true);
      header.setInt32(record + RECORD_COUNTERS, wasmMemory.countersOffset + k * WASM_COUNTERS * 8, true);
      header.setInt32(
        record + RECORD_TOUCH,
        level.sets * level.ways * 8 >= TOUCH_MIN_TAG_BYTES ? 1 : 0,
        true,
      );
      const setShift = setShiftOf(level.sets);
      header.setInt32(record + RECORD_SET_SHIFT, setShift, true);
      header.setBigInt64(record + RECORD_LOW_MASK, (1n << BigInt(setShift)) - 1n, true);
    });
  }

  /** Accesses `start … end - 1` of the columns (unchecked), in chunks copied into wasm memory. */
  run(addresses: Float64Array, sizes: Uint32Array, kinds: Uint8Array, start: number, end: number): void {
    this.runChunks(addresses, sizes, kinds, start, end);
    this.collectCounters();
  }

  /**
   * One access (unchecked), on the calling thread (`alone`: the pipelined engine's every-level
   * instance, while its worker is idle). Its counts stay in wasm memory until the next
   * `collectCounters` (a batch's end, or `CacheHierarchy.stats()`). 1M random `access()` calls on
   * the bench's three levels (2026-11-26): 370 ns each when every call collected the counters and
   * lru.wat's $addCounts called $add per counter, 214 collecting lazily, 185 with the adds written
   * out, against 176–182 for the JS kernel that served single accesses before.
   */
  accessOne(address: number, size: number, kind: number, alone = false): void {
    if (!this.started) this.start(address);
    const runChunk = alone ? this.runChunkAlone : this.runChunk;
    this.doubles[this.addressesIndex] = address;
    this.words[this.sizesIndex] = size;
    this.bytes[this.kindsOffset] = kind;
    if (runChunk(1) === 0) {
      this.widenFor(address, size);
      runChunk(1);
    }
  }

  /**
   * How each level keeps its tags now: 'compact' (u32 per way, relative to its line base), 'wide'
   * (f64 per way: an access fell outside its window), 'unset' (every level empty; the next access
   * chooses).
   */
  get tagModes(): ('unset' | 'compact' | 'wide')[] {
    return Array.from(this.compact, (compact) => (!this.started ? 'unset' : compact ? 'compact' : 'wide'));
  }

  /**
   * The levels were emptied (`CacheHierarchy.reset`): drops the counts not yet collected; the next
   * access chooses new line bases.
   */
  reset(): void {
    this.doubles.fill(0, this.countersIndex, this.countersIndex + this.counters.length * WASM_COUNTERS);
    this.doubles[HEADER_MEMORY_ACCESSES / 8] = 0;
    if (this.workerMemoryIndex >= 0) this.doubles[this.workerMemoryIndex] = 0;
    this.started = false;
  }

  /**
   * Compact tags in every level, each with a line base that puts `address`'s line in the middle
   * of its window (every level must be empty).
   */
  private start(address: number): void {
    const line = Math.floor(address / this.lineBytes);
    const buffer = this.wasmMemory.memory.buffer;
    this.wasmMemory.shapes.forEach((shape, k) => {
      const base = Math.max(0, line - Math.floor(this.windows[k]! / 2));
      this.lineBases[k] = base - (base % 2 ** this.shifts[k]!);
      this.compact[k] = 1;
      new Uint32Array(buffer, this.wasmMemory.tagOffsets[k]!, shape.sets * shape.ways).fill(EMPTY_COMPACT);
    });
    this.started = true;
    this.writeModes();
  }

  /**
   * `run` stopped before the access at `address` (`size` bytes): widens every compact level whose
   * window does not hold its lines (the others keep theirs). Every stream must be empty.
   */
  private widenFor(address: number, size: number): void {
    const first = Math.floor(address / this.lineBytes);
    const last = size > 1 ? Math.floor((address + size - 1) / this.lineBytes) : first;
    let widened = false;
    for (let k = 0; k < this.wasmMemory.shapes.length; k++) {
      const base = this.lineBases[k]!;
      if (this.compact[k] === 1 && (first < base || last >= base + this.windows[k]!)) {
        this.widen(k);
        widened = true;
      }
    }
    // Should this arithmetic ever disagree with lru.wat's (an access ending past 2^53, where
    // doubles round), every level widens, so that `run` cannot stop at the same access again.
    if (!widened)
      for (let k = 0; k < this.wasmMemory.shapes.length; k++) if (this.compact[k] === 1) this.widen(k);
    this.writeModes();
  }

  /**
   * Converts level k's compact tags to wide ones (`lru-probe.ts`'s f64 tags, in place: slot i's
   * f64 covers compact slots 2i and 2i + 1, so the slots go from the last down); it stays wide
   * until the next `reset`.
   */
  private widen(k: number): void {
    const shape = this.wasmMemory.shapes[k]!;
    const offset = this.wasmMemory.tagOffsets[k]!;
    const slots = shape.sets * shape.ways;
    const buffer = this.wasmMemory.memory.buffer;
    const compact = new Uint32Array(buffer, offset, slots);
    const wide = new Float64Array(buffer, offset, slots);
    const lineBase = this.lineBases[k]!;
    const scale = 2 ** this.shifts[k]!;
    const lowMask = scale - 1;
    for (let slot = slots - 1; slot >= 0; slot--) {
      const tag = compact[slot]!;
      if (tag === EMPTY_COMPACT) {
        wide[slot] = INVALID_TAG;
        continue;
      }
      const line = lineBase + (tag & 0x7fff_ffff) * scale + (Math.floor(slot / shape.ways) & lowMask);
      wide[slot] = tag >>> 31 === 1 ? -line - 2 : line;
    }
    this.compact[k] = 0;
  }

  /**
   * Writes each level's tag form and line base, and the run window (the lines every compact level
   * can hold), into every header this kernel runs on.
   */
  private writeModes(): void {
    let runFirst = 0;
    let runEnd = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.wasmMemory.shapes.length; k++) {
      if (this.compact[k] === 0) continue;
      runFirst = Math.max(runFirst, this.lineBases[k]!);
      runEnd = Math.min(runEnd, this.lineBases[k]! + this.windows[k]!);
    }
    const runLines = runEnd === Number.POSITIVE_INFINITY ? 0 : runEnd - runFirst;
    for (const header of this.headers) {
      this.view.setBigInt64(header + HEADER_RUN_FIRST, BigInt(runFirst), true);
      this.view.setBigInt64(header + HEADER_RUN_LINES, BigInt(runLines), true);
      for (let k = 0; k < this.wasmMemory.shapes.length; k++) {
        const record = header + RECORDS + k * RECORD_BYTES;
        this.view.setInt32(record + RECORD_COMPACT, this.compact[k]!, true);
        this.view.setBigInt64(record + RECORD_LINE_BASE, BigInt(this.lineBases[k]!), true);
      }
    }
  }

  /**
   * `run` without collecting the counters: with a boundary, the levels above it are up to date
   * when it returns and the ring holds the rest (`finish`, then wait for the worker). `alone`
   * (pipelined engine, worker idle): every level runs on the calling thread, as in `run`.
   */
  runChunks(
    addresses: Float64Array,
    sizes: Uint32Array,
    kinds: Uint8Array,
    start: number,
    end: number,
    alone = false,
    settle?: () => void,
  ): void {
    if (start >= end) return;
    if (!this.started) this.start(addresses[start]!);
    const runChunk = alone ? this.runChunkAlone : this.runChunk;
    let chunkStart = start;
    while (chunkStart < end) {
      const chunkEnd = Math.min(chunkStart + CHUNK_ACCESSES, end);
      this.doubles.set(addresses.subarray(chunkStart, chunkEnd), this.addressesIndex);
      this.words.set(sizes.subarray(chunkStart, chunkEnd), this.sizesIndex);
      this.bytes.set(kinds.subarray(chunkStart, chunkEnd), this.kindsOffset);
      const done = runChunk(chunkEnd - chunkStart);
      if (done < chunkEnd - chunkStart) {
        // An access outside a compact level's window: the levels below the boundary finish first.
        settle?.();
        this.widenFor(addresses[chunkStart + done]!, sizes[chunkStart + done]!);
      }
      chunkStart += done;
    }
  }

  /** Adds the wasm counters to the levels' counters and zeroes them (every stream must be empty). */
  collectCounters(): void {
    const doubles = this.doubles;
    const lineBytes = this.lineBytes;
    for (let k = 0; k < this.counters.length; k++) {
      const counters = this.counters[k]!;
      const from = this.countersIndex + k * WASM_COUNTERS;
      for (let slot = ACCESSES; slot <= WRITE_BACKS; slot++) {
        counters[slot] = counters[slot]! + doubles[from + slot]!;
      }
      const misses = doubles[from + MISSES]! + doubles[from + MISSES + 1]! + doubles[from + MISSES + 2]!;
      counters[BYTES_IN] = counters[BYTES_IN]! + misses * lineBytes;
      counters[BYTES_OUT] = counters[BYTES_OUT]! + doubles[from + WRITE_BACKS]! * lineBytes;
      doubles.fill(0, from, from + WASM_COUNTERS);
    }
    const memoryIndex = HEADER_MEMORY_ACCESSES / 8;
    this.memory[0] = this.memory[0]! + doubles[memoryIndex]!;
    doubles[memoryIndex] = 0;
    const workerMemoryIndex = this.workerMemoryIndex;
    if (workerMemoryIndex >= 0) {
      this.memory[0] = this.memory[0]! + doubles[workerMemoryIndex]!;
      doubles[workerMemoryIndex] = 0;
    }
  }
}
