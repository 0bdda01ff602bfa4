/**
 * The two-thread WebAssembly engine (`SimulationPath` 'lru-wasm-threads', opt-in with
 * `new CacheHierarchy(config, { threads: 2 })`): the single-threaded engine of `lru-wasm.ts`
 * split by sets. The calling thread simulates every level for the lines of even address
 * (line number even), a `worker_threads` worker every level for the odd ones. Both run instances
 * of the same module (lru.wat built with its memory import shared) over one shared
 * `WebAssembly.Memory`: the same tags, each instance with its own header, level records, streams
 * and counters (lru.wat's `header` import), and a line filter in its header (`run` takes the lines
 * with line & 1 == its parity).
 *
 * Why it is exact: with an even set count, a line's set index (line & mask, or line mod sets)
 * has the line's parity, at every level; the hierarchy qualifies only when every level's set
 * count is even. A set's contents depend only on the requests for its lines, in order; the
 * requests for one line come from the accesses that touch it (each access is split into line
 * requests, each counted on its own) and from fills and write-backs of lines of the same
 * parity, since a victim shares its set with the line that evicts it. So the requests for even
 * lines form a simulation of their own, with the same tags, counters and victims as in the whole
 * one, and so do the odd ones: the counters add up. Each thread keeps every request of its half
 * in trace order. Sets of the two halves never share a tag, so the two threads never write the
 * same memory (a 2-way set, 16 bytes, may share a host cache line with its neighbour: a cost,
 * not a race).
 *
 * How a batch runs: the calling thread copies each chunk of CHUNK_ACCESSES accesses into the
 * next of THREAD_SLOTS trace slots, publishes it (`Atomics.store` of the published count, then
 * `Atomics.notify`), and runs its instance over the same slot. The worker waits for a published
 * slot (a short spin, then `Atomics.wait`), runs its instance over it and advances the consumed
 * count. The calling thread reuses a slot only after the worker has consumed it, and returns when
 * the worker has consumed every slot of the batch, then collects both instances' counters.
 * Between batches the worker waits in `Atomics.wait`, so the per-access API (the JS kernel on
 * the same tags), `reset()` and `stats()` see one consistent state. Batches below
 * `minParallelAccesses` run on the calling thread alone (its filter off), as in the
 * single-threaded engine. The differential tests check every counter against the reference
 * model.
 *
 * Speed: see THREAD_SLOTS, PARALLEL_MIN_ACCESSES and bench/cache.bench.ts (three-level random
 * trace: the two-thread row against the single-threaded one, same run).
 *
 * Lifecycle: the worker starts in the constructor and is `unref`'d (it never keeps the process
 * alive); `close()` stops it (the hierarchy's `close()` / `[Symbol.dispose]()`); using the engine
 * after that throws.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { CacheLevel } from './level.js';
import {
  CHUNK_ACCESSES,
  CONTROL_CONSUMED,
  CONTROL_FAILED,
  CONTROL_LENGTHS,
  CONTROL_PUBLISHED,
  CONTROL_STOP,
  HEADER_ADDRESSES,
  HEADER_KINDS,
  HEADER_SIZES,
  LruWasmKernel,
  type LruWasmLevelShape,
  type LruWasmMemory,
  lruWasmModule,
  SLOT_BYTES,
  SLOT_KINDS,
  SLOT_SIZES,
} from './lru-wasm.js';

/**
 * Batches of fewer accesses run on the calling thread alone: a batch that finds the worker
 * asleep pays tens of µs to wake it (measured for the earlier level-pipelined engine on this VM:
 * batches 1 ms apart broke even at ~4096 accesses, back-to-back ones at ~256), which a small batch
 * does not win back.
 */
export const PARALLEL_MIN_ACCESSES = 2048;

/**
 * Times a waiting thread re-reads the other's count before it sleeps in `Atomics.wait`: the
 * calling thread at the end of a batch or when every slot is taken, the worker between chunks (and
 * so for a short while after a batch: back-to-back batches then find it awake). A wake-up from
 * `Atomics.wait` costs tens of µs on this VM. Measured for the earlier level-pipelined engine
 * (three-level random trace of bench/cache.bench.ts, windows of 2048, loaded machine): 2000 spins
 * 11.3–13.2 M accesses/s, 20000 12.6–14.3, 100000 13.7–15.3.
 */
const SPINS = 20000;

/** Longest sleep of a waiting calling thread before it checks whether the worker failed. */
const FAILURE_CHECK_MS = 100;

/** The worker's code (CommonJS, run with `eval: true`, so it loads the same from src/ and dist/). */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, header, slots, slotsOffset, slotBytes, slotSizes, slotKinds, headerAddresses, headerSizes, headerKinds, published: P, consumed: C, stop: S, failed: F, lengths: L, spins, port } = workerData;
const control = new Int32Array(memory.buffer);
try {
  const run = new WebAssembly.Instance(module, { env: { memory, header } }).exports.run;
  let consumed = Atomics.load(control, C);
  for (;;) {
    if (Atomics.load(control, S) !== 0) break;
    if (Atomics.load(control, P) === consumed) {
      for (let i = 0; i < spins && Atomics.load(control, P) === consumed; i++);
      if (Atomics.load(control, P) === consumed) Atomics.wait(control, P, consumed);
      continue;
    }
    const slot = (consumed >>> 0) % slots;
    const at = slotsOffset + slot * slotBytes;
    control[(header + headerAddresses) >> 2] = at;
    control[(header + headerSizes) >> 2] = at + slotSizes;
    control[(header + headerKinds) >> 2] = at + slotKinds;
    run(control[L + slot]);
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

/** True when the two-thread engine can run here (WebAssembly SIMD128 and threads validate). */
export function lruWasmThreadsAvailable(): boolean {
  return lruWasmModule(true) !== null;
}

/** True when levels of these shapes split exactly by line parity: every set count is even. */
export function splitsByParity(shapes: readonly LruWasmLevelShape[]): boolean {
  return shapes.every((shape) => shape.sets % 2 === 0);
}

/** Runs batches on two threads: the even lines here (`LruWasmKernel`), the odd ones on a worker. */
export class LruWasmThreads {
  private readonly kernel: LruWasmKernel;
  private readonly control: Int32Array;
  /** Int32 indices of the control block's counts, flags and slot lengths. */
  private readonly publishedIndex: number;
  private readonly consumedIndex: number;
  private readonly stopIndex: number;
  private readonly failedIndex: number;
  private readonly lengthsIndex: number;
  private readonly slots: number;
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private closed: boolean;
  /** Batches of fewer accesses run on the calling thread alone. */
  private readonly minParallelAccesses: number;

  /**
   * `wasmMemory` must have two instances (`LruWasmMemory.tryCreate(…, 2)`) and its levels' set
   * counts must all be even (`splitsByParity`); the other arguments are `LruWasmKernel`'s.
   */
  constructor(
    wasmMemory: LruWasmMemory,
    levels: readonly CacheLevel[],
    below: Int32Array,
    memory: Float64Array,
    dataTop: number,
    minParallelAccesses: number = PARALLEL_MIN_ACCESSES,
  ) {
    if (wasmMemory.instances !== 2 || !splitsByParity(wasmMemory.shapes)) {
      throw new RangeError(
        'the two-thread engine needs a two-instance memory and an even set count at every level',
      );
    }
    this.kernel = new LruWasmKernel(wasmMemory, levels, below, memory, dataTop);
    this.kernel.setFilter(true);
    this.control = new Int32Array(wasmMemory.memory.buffer);
    const control = wasmMemory.controlOffset;
    this.publishedIndex = (control + CONTROL_PUBLISHED) >> 2;
    this.consumedIndex = (control + CONTROL_CONSUMED) >> 2;
    this.stopIndex = (control + CONTROL_STOP) >> 2;
    this.failedIndex = (control + CONTROL_FAILED) >> 2;
    this.lengthsIndex = (control + CONTROL_LENGTHS) >> 2;
    this.slots = wasmMemory.slots;
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
        header: wasmMemory.headerOffsets[1]!,
        slots: wasmMemory.slots,
        slotsOffset: wasmMemory.slotsOffset,
        slotBytes: SLOT_BYTES,
        slotSizes: SLOT_SIZES,
        slotKinds: SLOT_KINDS,
        headerAddresses: HEADER_ADDRESSES,
        headerSizes: HEADER_SIZES,
        headerKinds: HEADER_KINDS,
        published: this.publishedIndex,
        consumed: this.consumedIndex,
        stop: this.stopIndex,
        failed: this.failedIndex,
        lengths: this.lengthsIndex,
        spins: SPINS,
        port: channel.port2,
      },
      transferList: [channel.port2],
    });
    this.worker.unref();
    this.closed = false;
    this.minParallelAccesses = minParallelAccesses;
  }

  /**
   * Accesses `start … end - 1` of the columns (unchecked); returns when the worker has run all of
   * them, with every level's counters collected.
   */
  run(addresses: Float64Array, sizes: Uint32Array, kinds: Uint8Array, start: number, end: number): void {
    if (this.closed) throw new Error('this cache hierarchy is closed: its worker thread has stopped');
    const kernel = this.kernel;
    if (end - start < this.minParallelAccesses) {
      kernel.setFilter(false);
      kernel.run(addresses, sizes, kinds, start, end);
      kernel.setFilter(true);
      return;
    }
    const control = this.control;
    const slots = this.slots;
    let published = Atomics.load(control, this.publishedIndex);
    for (let chunkStart = start; chunkStart < end; chunkStart += CHUNK_ACCESSES) {
      const chunkEnd = Math.min(chunkStart + CHUNK_ACCESSES, end);
      // The slot is free once the worker has consumed what it held `slots` chunks ago.
      this.waitUntilConsumed((published - slots + 1) | 0);
      const slot = (published >>> 0) % slots;
      kernel.copyChunk(slot, addresses, sizes, kinds, chunkStart, chunkEnd);
      control[this.lengthsIndex + slot] = chunkEnd - chunkStart;
      published = (published + 1) | 0;
      Atomics.store(control, this.publishedIndex, published);
      Atomics.notify(control, this.publishedIndex);
      kernel.runSlot(slot, chunkEnd - chunkStart);
    }
    this.waitUntilConsumed(published);
    kernel.collectCounters();
  }

  /** Waits until the worker has consumed at least `target` chunks (counts wrap as int32). */
  private waitUntilConsumed(target: number): void {
    const control = this.control;
    let spins = 0;
    for (;;) {
      const consumed = Atomics.load(control, this.consumedIndex);
      if (((consumed - target) | 0) >= 0) return;
      if (Atomics.load(control, this.failedIndex) !== 0) throw this.failure();
      spins++;
      // At most FAILURE_CHECK_MS, then the failed flag is checked again.
      if (spins > SPINS) Atomics.wait(control, this.consumedIndex, consumed, FAILURE_CHECK_MS);
    }
  }

  /** Closes the engine and returns the error that the worker reported. */
  private failure(): Error {
    const message = receiveMessageOnPort(this.port)?.message;
    this.close();
    return new Error(`the cache simulator's worker thread failed: ${String(message)}`);
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
