/**
 * The pipelined WebAssembly engine (`SimulationPath` 'lru-wasm-threads', opt-in with
 * `new CacheHierarchy(config, { threads: 2 })`): the single-threaded engine of `lru-wasm.ts`
 * split across two threads. The main thread runs the upper levels (L1d, and I1 when present, and
 * by default every level but the last); a `worker_threads` worker runs the lower ones. Both run
 * instances of the same module (lru.wat built with its memory import shared) over one shared
 * `WebAssembly.Memory`: the same tags, counters and streams, each instance with its own copy of
 * the header and level records (the `header` import), so each thread keeps its own stream
 * lengths.
 *
 * The connection is the stream of the boundary level (the first level the worker runs), handed
 * over through a single-producer/single-consumer ring of `segments` segments of `streamCapacity`
 * entries. When the producer's stream of that level is full (or the batch ends) `$publish` in
 * lru.wat waits, spinning briefly and then in `memory.atomic.wait32`, until the ring's next
 * segment is free, copies the stream into it (`memory.copy`), stores its length, advances the
 * published count (`i32.atomic.store`) and notifies. The producer used to write its entries into
 * the ring directly: each store to a ring line the worker had read stalled on its ownership miss,
 * and the copy takes those misses together (three-level random trace, alternating processes,
 * 2026-11-26, median ns per access: 28.2–30.9 copied against 32.3–37.9 written in place). The
 * worker waits
 * for a published segment (`Atomics.wait` on the published count, after a short spin), drains
 * the boundary level over it and every level below (`consume` = lru.wat's `$drain`), and advances
 * the consumed count. Each counter is written by one thread only, with sequentially consistent
 * atomics, so a segment's entries and a level's tags and counters are visible to the thread that
 * reads them next.
 *
 * Why it is exact: every level still consumes its requests in the order the single-threaded
 * engine gives them — the levels above the boundary run the same code in the same order, the
 * boundary level reads its ring segments in publication order, and each level's stream goes to
 * one level only. Non-inclusive levels never change the levels above them, so running the
 * boundary's levels later (concurrently) changes nothing. `accessBatch` returns only after the
 * worker has consumed every segment of the batch (`run`: `finish`, then `Atomics.wait` on the
 * consumed count), then collects the counters of both threads: between batches the worker is
 * idle in `Atomics.wait`, so the per-access API (batches of one on the calling thread), `reset()` and
 * `stats()` see one consistent state. Batches below `minPipelinedAccesses` run on the calling
 * thread alone: a second instance on the worker's header (no boundary) runs every level over the
 * worker's streams, which are free and empty while the worker waits — the same code and order
 * as the single-threaded engine. The differential tests check every counter against the
 * reference model, with rings of one to four segments of two to nine entries, both ways of
 * running a batch alternating in one run.
 *
 * Speed (bench/cache.bench.ts, same run, three-level random trace, compact tags, 2026-11-26):
 * 36.8 M accesses/s in calls of 65536 accesses against 24.7 for the single-threaded engine
 * (1.49×); pipelined calls of 2048 ran 1.30× the single-threaded engine's (4.7 µs of
 * synchronisation per call when the worker is still spinning from the previous call; tens of
 * µs when it must be woken: PIPELINE_MIN_ACCESSES). Where the time goes (in-process, the worker's
 * time in `consume` measured apart): with the default split (L3 on the worker) the main thread is
 * the bottleneck, ~36–38 ns per access in the pipeline against ~24 for L1 and L2 alone in one
 * thread and ~28 with a worker that takes the segments without reading them, while the worker
 * is busy ~19–24 ns per access; that was with the entries written into the ring in place (see
 * above). Before compact tags (lru-wasm.ts): 22.7 M accesses/s against 16.3 (1.39×), L1 and L2
 * taking ~38–40 ns per access on the main thread and L3 ~23 on the worker. What else was
 * measured, before compact tags (in-process, calls of 16384, M accesses/s):
 * - L2 and L3 on the worker (`workerLevels: 2`): 10.8–14.9 against 20–24 — the worker then
 *   takes ~88 ns per access for work that costs ~50 on one thread: it reads every stream entry
 *   fresh from the other core. A touch pass over the worker's first level did not help
 *   (13.2–14.9 vs 13.9–16.6). Two independent simulations on the two threads each keep their
 *   single-thread speed, so the cores themselves are independent.
 * - Smaller rings stall the producer (PIPELINE_SEGMENTS); spinning before sleeping: SPINS.
 * - Splitting by sets instead of levels (each thread simulates every level for the lines of one
 *   parity: exact when every level has an even set count, since a line's parity then fixes its
 *   set's in every level). Built, tested exact, measured and reverted (2026-11-26: a line filter
 *   in lru.wat's `run`, both instances over the same tags, trace chunks handed over in a ring of
 *   slots). Alone, one thread's half ran at 37 ns per access of the whole trace against 60 for
 *   the whole; but with both halves running, each thread's half slowed to ~56 ns, and in A/B runs
 *   in one period (calls of 65536, three-level random trace, M accesses/s) this pipeline read
 *   21.7–24.1 against 10.0–16.5 for the set split (single-threaded 15–17). Both threads then walk
 *   every level's tags, the L3's 4 MiB included, where this split keeps L1 and L2 in one core's
 *   caches and the L3 in the other's; and two simulations in two processes on this VM's two
 *   vCPUs slowed each other from 57 to 90–110 ns per access (they share more of the host than
 *   two cores would).
 *
 * Lifecycle: the worker starts in the constructor and is `unref`'d (it never keeps the process
 * alive); `close()` stops it (the hierarchy's `close()` / `[Symbol.dispose]()`); using the engine
 * after that throws. Between batches it blocks in `Atomics.wait` and uses no CPU.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { CacheLevel } from './level.js';
import {
  LruWasmKernel,
  type LruWasmMemory,
  lruWasmModule,
  RING_CONSUMED,
  RING_FAILED,
  RING_PUBLISHED,
  RING_STOP,
} from './lru-wasm.js';

/**
 * Ring segments of the pipelined engine, and entries per segment (its default `streamCapacity`;
 * 128 × 512 entries: 576 KiB of ring). The ring must absorb the worker's stalls (wake-ups, a
 * preempted thread on this shared 2-vCPU machine): with a small one the main thread waits for
 * free segments. In-process runs of the three-level random trace of bench/cache.bench.ts in
 * windows of 16384 accesses (M accesses/s, two runs each, load ~1): 16 × 256 entries 15.9–18.1,
 * 64 × 256 18.9–20.6, 256 × 256 20.7–22.5, 1024 × 256 21.3–24.2, 16 × 1024 19.6–20.8,
 * 64 × 1024 20.2–24.0, 16 × 4096 18.9–20.5, 128 × 512 22.0–24.6 (the single-threaded engine
 * 15.6–16.3); in windows of 65536: 64 × 1024 19.9–20.9, 256 × 256 22.7–23.3, 128 × 512 25.3–25.8.
 */
export const PIPELINE_SEGMENTS = 128;
export const PIPELINE_SEGMENT_ENTRIES = 512;

/**
 * Batches of fewer accesses run on the calling thread alone (the single-threaded engine's code,
 * over the worker's streams, while the worker waits): a batch that finds the worker asleep pays
 * tens of µs to wake it, which small batches do not win back. In-process runs of the three-level
 * random trace of bench/cache.bench.ts, two-thread against single-threaded (two runs each):
 * batches back to back (the worker still spinning from the previous one) 256 accesses
 * 1.07–1.11×, 1024 1.31×, 2048 1.50–1.58×; batches 1 ms apart (the worker asleep at each start)
 * 1024 0.54–0.56×, 2048 0.82–0.83×, 4096 1.04–1.08×, 8192 1.36–1.42×, 65536 1.67–1.71×. In
 * bench/cache.bench.ts (mitata, back to back) calls of 2048 ran 1.26× pipelined and 0.94× alone
 * with a threshold of 4096. A flag telling asleep from spinning measured no better in this
 * machine's noise (0.53–1.11 either way), so the rule is the batch size alone.
 */
export const PIPELINE_MIN_ACCESSES = 2048;

/**
 * Times a waiting thread re-reads the other's count before it sleeps in `Atomics.wait`: the main
 * thread at the end of a batch, the worker between segments (and so for a short while after a
 * batch: back-to-back batches then find it awake). A wake-up from `Atomics.wait` costs tens of
 * µs on this VM. In-process runs of the three-level random trace of bench/cache.bench.ts in
 * windows of 2048 accesses, three rounds each, two-thread against single-threaded M accesses/s
 * on a loaded machine (load 1.2): 2000 spins 11.3–13.2 vs 9.5–11.1; 20000 12.6–14.3 vs 9.0–10.3;
 * 100000 13.7–15.3 vs 9.8–12.8. lru.wat's $SPINS (the producer, when the ring is full) stays at
 * 2000: with PIPELINE_SEGMENTS the ring is rarely full.
 */
const SPINS = 20000;

/** Longest sleep of a waiting main thread before it checks whether the worker failed. */
const FAILURE_CHECK_MS = 100;

/** The worker's code (CommonJS, run with `eval: true`, so it loads the same from src/ and dist/). */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, header, boundary, segments, published: P, consumed: C, stop: S, failed: F, spins, port } = workerData;
const control = new Int32Array(memory.buffer);
try {
  const consume = new WebAssembly.Instance(module, { env: { memory, header } }).exports.consume;
  let consumed = Atomics.load(control, C);
  let segment = 0;
  for (;;) {
    if (Atomics.load(control, S) !== 0) break;
    if (Atomics.load(control, P) === consumed) {
      for (let i = 0; i < spins && Atomics.load(control, P) === consumed; i++);
      if (Atomics.load(control, P) === consumed) Atomics.wait(control, P, consumed);
      continue;
    }
    consume(boundary, segment);
    segment = segment + 1 === segments ? 0 : segment + 1;
    consumed = (consumed + 1) | 0;
    Atomics.store(control, C, consumed);
    Atomics.notify(control, C);
  }
} catch (error) {
  port.postMessage(String((error && error.stack) || error));
  Atomics.store(control, F, 1);
  Atomics.notify(control, C);
}
`;

/** True when the pipelined engine can run here (WebAssembly SIMD128 and threads validate). */
export function lruWasmThreadsAvailable(): boolean {
  return lruWasmModule(true) !== null;
}

/** Runs batches on two threads: `LruWasmKernel` above `boundary` here, a worker below it. */
export class LruWasmPipeline {
  private readonly kernel: LruWasmKernel;
  private readonly control: Int32Array;
  /** Int32 indices of the ring block's published, consumed and failed counts. */
  private readonly publishedIndex: number;
  private readonly consumedIndex: number;
  private readonly stopIndex: number;
  private readonly failedIndex: number;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private closed: boolean;
  /** Batches of fewer accesses run on the calling thread alone. */
  private readonly minPipelinedAccesses: number;

  /**
   * `wasmMemory` must have a ring (`LruWasmMemory.tryCreate(…, segments)`); the other arguments
   * are `LruWasmKernel`'s; `boundary` (> `dataTop`) is the first level the worker runs.
   */
  constructor(
    wasmMemory: LruWasmMemory,
    levels: readonly CacheLevel[],
    below: Int32Array,
    memory: Float64Array,
    dataTop: number,
    boundary: number,
    minPipelinedAccesses: number = PIPELINE_MIN_ACCESSES,
  ) {
    if (!(boundary > dataTop && boundary < levels.length)) {
      throw new RangeError(`the worker's first level must be below L1d, got index ${boundary}`);
    }
    this.kernel = new LruWasmKernel(wasmMemory, levels, below, memory, dataTop, boundary);
    this.control = new Int32Array(wasmMemory.memory.buffer);
    const ring = wasmMemory.ringOffset;
    this.publishedIndex = (ring + RING_PUBLISHED) / 4;
    this.consumedIndex = (ring + RING_CONSUMED) / 4;
    this.stopIndex = (ring + RING_STOP) / 4;
    this.failedIndex = (ring + RING_FAILED) / 4;
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.port.unref();
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // Not the parent's flags: under `node --input-type=module -e` the code would run as an
      // ES module, without `require`, and die before it could report.
      execArgv: [],
      workerData: {
        module: lruWasmModule(true),
        memory: wasmMemory.memory,
        header: wasmMemory.workerHeaderOffset,
        boundary,
        segments: wasmMemory.segments,
        published: this.publishedIndex,
        consumed: this.consumedIndex,
        stop: this.stopIndex,
        failed: this.failedIndex,
        spins: SPINS,
        port: channel.port2,
      },
      transferList: [channel.port2],
    });
    this.worker.unref();
    this.closed = false;
    this.minPipelinedAccesses = minPipelinedAccesses;
  }

  /**
   * Accesses `start … end - 1` of the columns (unchecked); returns when the worker has consumed
   * all of them, with every level's counters collected.
   */
  run(addresses: Float64Array, sizes: Uint32Array, kinds: Uint8Array, start: number, end: number): void {
    if (this.closed) throw new Error('this cache hierarchy is closed: its worker thread has stopped');
    if (end - start < this.minPipelinedAccesses) {
      this.kernel.runChunks(addresses, sizes, kinds, start, end, true);
      this.kernel.collectCounters();
      return;
    }
    try {
      // Before the tags are widened mid-batch, the worker drains what it has been given.
      this.kernel.runChunks(addresses, sizes, kinds, start, end, false, this.settle);
      this.kernel.finish();
    } catch (error) {
      // lru.wat's $publish traps when the worker failed while the ring was full.
      if (Atomics.load(this.control, this.failedIndex) !== 0) throw this.failure();
      throw error;
    }
    this.waitForWorker();
    this.kernel.collectCounters();
  }

  /** One access (unchecked), on the calling thread while the worker is idle. */
  accessOne(address: number, size: number, kind: number): void {
    if (this.closed) throw new Error('this cache hierarchy is closed: its worker thread has stopped');
    this.kernel.accessOne(address, size, kind, true);
  }

  /** The levels were emptied: see `LruWasmKernel.reset`. */
  reset(): void {
    this.kernel.reset();
  }

  /** Adds the counts of single accesses not yet collected to the levels' (the worker is idle). */
  collectCounters(): void {
    this.kernel.collectCounters();
  }

  /** Publishes what the producer holds and waits until the worker has consumed it all. */
  private readonly settle = (): void => {
    this.kernel.finish();
    this.waitForWorker();
  };

  /** Closes the engine and returns the error that the worker reported. */
  private failure(): Error {
    const message = receiveMessageOnPort(this.port)?.message;
    this.close();
    return new Error(`the cache simulator's worker thread failed: ${String(message)}`);
  }

  /** Waits until the worker has consumed every published segment (a short spin, then `Atomics.wait`). */
  private waitForWorker(): void {
    const control = this.control;
    const published = Atomics.load(control, this.publishedIndex);
    let spins = 0;
    for (;;) {
      const consumed = Atomics.load(control, this.consumedIndex);
      if (consumed === published) return;
      if (Atomics.load(control, this.failedIndex) !== 0) throw this.failure();
      spins++;
      // At most FAILURE_CHECK_MS, then the failed flag is checked again.
      if (spins > SPINS) Atomics.wait(control, this.consumedIndex, consumed, FAILURE_CHECK_MS);
    }
  }

  /** Stops the worker (idempotent). The engine cannot run batches afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    Atomics.store(this.control, this.stopIndex, 1);
    Atomics.notify(this.control, this.publishedIndex);
    void this.worker.terminate();
    this.port.close();
  }
}
