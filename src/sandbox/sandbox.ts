import type { TraceSink } from '../trace/index.js';
import { diagnoseAccess, diagnoseFree, type SpaceLayout } from './diagnose.js';
import { makeSandboxError, type SandboxError } from './errors.js';
import { Heap } from './heap.js';
import type { HeapStats } from './heap-blocks.js';
import {
  DEFAULT_GUARD_BYTES,
  DEFAULT_QUARANTINE_BYTES,
  DEFAULT_SPACE_BYTES,
  DEFAULT_STACK_BYTES,
  DEFAULT_STATIC_BYTES,
  HEAP_REDZONE_BYTES,
  MAX_SPACE_BYTES,
  NULL_PAGE_BYTES,
  Shadow,
} from './layout.js';
import { checkLeaks, type LeakReport, leakError } from './leaks.js';
import { Memory } from './memory.js';
import { type SpaceRegion, spaceRegions } from './picture.js';
import { type ElementType, type Pointer, VoidPointer } from './pointer.js';
import { type Frame, Stack } from './stack.js';

/** How a sandbox is built. Every field is optional. */
export interface SandboxOptions {
  /** Bytes of the whole address space (default 16 MiB, at most 4 GiB − 16). */
  sizeBytes?: number;
  /** Stack bytes (default 1 MiB). */
  stackBytes?: number;
  /** Static area bytes (default 64 KiB). */
  staticBytes?: number;
  /** Guard gap bytes between static area and heap, and heap and stack (default 64 KiB). */
  guardBytes?: number;
  /** Shadow memory, redzones, quarantine (default true). Off: raw speed, errors are undefined behaviour. */
  sanitize?: boolean;
  /** Report reads of never-written bytes (memcheck style; default false; needs `sanitize`). */
  detectUninitialized?: boolean;
  /** FIFO quarantine for freed blocks, bytes (default 1 MiB). */
  quarantineBytes?: number;
  /** Capture JS stacks at malloc and free for reports (default true; about 1 µs per call). */
  recordSites?: boolean;
  /** 'throw' (default) raises each error; 'log' records it in `errors`, calls `onError`, and goes on. */
  errorMode?: 'throw' | 'log';
  /** Called with each error in 'log' mode. */
  onError?: (error: SandboxError) => void;
  /** Heap exhaustion: return NULL (default, like C) or throw `OutOfMemoryError`. */
  onExhaustion?: 'null' | 'throw';
}

function checkSize(what: string, value: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

function alignUp16(value: number): number {
  return Math.ceil(value / 16) * 16;
}

/**
 * A C-like address space on one ArrayBuffer: null page, static area, heap, stack, with an
 * AddressSanitizer-style checker on every access.
 *
 * @example
 * ```ts
 * const sb = new Sandbox();
 * const a = sb.malloc(42 * i32.sizeBytes).cast(i32);
 * a.setAt(41, 7);
 * a.setAt(42, 7); // throws HeapBufferOverflowError: "… 0 bytes after 168-byte region …"
 * ```
 */
export class Sandbox {
  readonly memory: Memory;
  readonly heap: Heap;
  readonly stack: Stack;
  readonly layout: SpaceLayout;
  readonly sanitize: boolean;
  readonly errorMode: 'throw' | 'log';
  readonly onExhaustion: 'null' | 'throw';
  /** Errors recorded in 'log' mode, oldest first. */
  readonly errors: SandboxError[];
  /** The address space as it was when the first error was raised (before frames unwound), or null. */
  faultRegions: SpaceRegion[] | null;
  /** Names of heap blocks for reports and pictures (Box, Rc, or `label()`), by address. */
  readonly labels: Map<number, string>;
  private readonly onError: ((error: SandboxError) => void) | null;
  private staticTop: number;

  constructor(options: SandboxOptions = {}) {
    const sizeBytes = checkSize(
      'sizeBytes',
      options.sizeBytes ?? DEFAULT_SPACE_BYTES,
      1 << 16,
      MAX_SPACE_BYTES,
    );
    if (sizeBytes % 16 !== 0) throw new RangeError(`sizeBytes must be a multiple of 16, got ${sizeBytes}`);
    const stackBytes = alignUp16(
      checkSize('stackBytes', options.stackBytes ?? DEFAULT_STACK_BYTES, 256, sizeBytes),
    );
    const staticBytes = alignUp16(
      checkSize('staticBytes', options.staticBytes ?? DEFAULT_STATIC_BYTES, 0, sizeBytes),
    );
    const guardBytes = alignUp16(
      checkSize('guardBytes', options.guardBytes ?? DEFAULT_GUARD_BYTES, 0, sizeBytes),
    );
    const staticStart = NULL_PAGE_BYTES;
    const staticEnd = staticStart + staticBytes;
    const heapStart = staticEnd + guardBytes;
    const stackLimit = sizeBytes - stackBytes;
    const heapLimit = stackLimit - guardBytes;
    if (heapLimit - heapStart < 4096) {
      throw new RangeError(
        `sizeBytes ${sizeBytes} leaves ${heapLimit - heapStart} bytes of heap after null page, static area (${staticBytes}), stack (${stackBytes}) and guards (2 × ${guardBytes}); at least 4096 needed`,
      );
    }
    this.sanitize = options.sanitize ?? true;
    const detectUninitialized = this.sanitize && (options.detectUninitialized ?? false);
    this.memory = new Memory(sizeBytes, this.sanitize);
    this.layout = {
      sizeBytes,
      nullPageBytes: NULL_PAGE_BYTES,
      staticStart,
      staticEnd,
      heapStart,
      heapLimit,
      stackLimit,
    };
    this.heap = new Heap(this.memory, {
      heapStart,
      heapLimit,
      sanitize: this.sanitize,
      redzoneBytes: HEAP_REDZONE_BYTES,
      quarantineBytes: checkSize(
        'quarantineBytes',
        options.quarantineBytes ?? DEFAULT_QUARANTINE_BYTES,
        0,
        2 ** 32,
      ),
      recordSites: options.recordSites ?? true,
      detectUninitialized,
    });
    this.stack = new Stack(this.memory, sizeBytes, stackLimit, this.sanitize, detectUninitialized);
    this.errorMode = options.errorMode ?? 'throw';
    this.onExhaustion = options.onExhaustion ?? 'null';
    this.errors = [];
    this.labels = new Map();
    this.faultRegions = null;
    this.onError = options.onError ?? null;
    this.staticTop = staticStart;
    const memory = this.memory;
    memory.poison(staticStart, staticEnd, Shadow.Ok);
    memory.poison(stackLimit, sizeBytes, Shadow.StackUnused);
    memory.onFault = (address, accessBytes, isWrite, code) => {
      this.raise(diagnoseAccess(this.layout, this.heap, this.stack, address, accessBytes, isWrite, code));
    };
    this.heap.onBadFree = (address, kind) => this.raise(diagnoseFree(this.heap, address, kind));
  }

  /**
   * Returns the sandbox to its state after construction (empty heap and stack, zeroed static
   * area, no errors, no labels), reusing the buffers: cheaper than a new sandbox, whose
   * ArrayBuffers cost about 2 ms per MiB to allocate on this machine. Pointers into the old
   * state must not be used.
   */
  reset(): void {
    this.heap.reset();
    this.stack.reset();
    this.memory.u8.fill(0, this.layout.staticStart, this.staticTop);
    this.staticTop = this.layout.staticStart;
    this.errors.length = 0;
    this.labels.clear();
    this.faultRegions = null;
  }

  /** Throws `error` ('throw' mode) or records it and returns ('log' mode). */
  raise(error: SandboxError): void {
    this.faultRegions ??= spaceRegions(this);
    if (this.errorMode === 'throw') throw error;
    this.errors.push(error);
    this.onError?.(error);
  }

  /** Streams every load and store into `sink` (null detaches; then tracing costs one branch). */
  trace(sink: TraceSink | null): void {
    this.memory.setSink(sink);
  }

  private checkBytes(what: string, bytes: number): number {
    return checkSize(what, bytes, 0, this.layout.heapLimit - this.layout.heapStart);
  }

  private allocated(address: number, bytes: number): VoidPointer {
    if (address === 0 && this.onExhaustion === 'throw') {
      const stats = this.heap.stats();
      throw makeSandboxError('out-of-memory', {
        address: 0,
        accessBytes: bytes,
        access: 'none',
        region: null,
        allocationSite: null,
        freeSite: null,
        notes: [
          `requested ${bytes} bytes; heap ${stats.heapBytes} of ${this.layout.heapLimit - this.layout.heapStart} bytes in use, largest free chunk ${stats.largestFreeBytes}`,
        ],
      });
    }
    return new VoidPointer(this.memory, address);
  }

  /** `malloc(bytes)`: 16-byte aligned; NULL (address 0) when the heap is exhausted. */
  malloc(bytes: number): VoidPointer {
    this.checkBytes('malloc size', bytes);
    return this.allocated(this.heap.malloc(bytes), bytes);
  }

  /** `calloc(count, size)`: zeroed; NULL when exhausted or when `count × size` is too large. */
  calloc(count: number, sizeBytes: number): VoidPointer {
    const limit = this.layout.heapLimit - this.layout.heapStart;
    checkSize('calloc count', count, 0, limit);
    checkSize('calloc size', sizeBytes, 0, limit);
    const bytes = count * sizeBytes;
    if (bytes > limit) return this.allocated(0, bytes);
    const address = this.heap.malloc(bytes);
    if (address !== 0) {
      this.memory.u8.fill(0, address, address + bytes);
      this.memory.poison(address, address + bytes, Shadow.Ok);
    }
    return this.allocated(address, bytes);
  }

  /** `malloc(count * sizeof(T))` as a typed pointer. */
  mallocArray<P extends Pointer>(type: ElementType<P>, count: number): P {
    checkSize('element count', count, 0, this.layout.heapLimit - this.layout.heapStart);
    return this.malloc(count * type.sizeBytes).cast(type);
  }

  /** `realloc(p, bytes)`: contents kept up to the smaller size; NULL when exhausted (p stays valid). */
  realloc(pointer: Pointer | null, bytes: number): VoidPointer {
    this.checkBytes('realloc size', bytes);
    const address = this.heap.realloc(pointer === null ? 0 : pointer.address, bytes);
    if (address === 0 && bytes === 0) return new VoidPointer(this.memory, 0);
    return this.allocated(address, bytes);
  }

  /** `aligned_alloc(alignBytes, bytes)`: `alignBytes` a power of two. */
  alignedAlloc(alignBytes: number, bytes: number): VoidPointer {
    checkSize('alignment', alignBytes, 1, 1 << 30);
    if ((alignBytes & (alignBytes - 1)) !== 0)
      throw new RangeError(`alignment must be a power of two, got ${alignBytes}`);
    this.checkBytes('aligned_alloc size', bytes);
    return this.allocated(this.heap.alignedAlloc(alignBytes, bytes), bytes);
  }

  /** `free(p)`: NULL is a no-op; errors for anything but a live allocation start. */
  free(pointer: Pointer | null): void {
    if (pointer === null) return;
    this.heap.free(pointer.address);
    this.labels.delete(pointer.address);
  }

  /** Names a heap block in leak reports and pictures. */
  label(pointer: Pointer, name: string): void {
    this.labels.set(pointer.address, name);
  }

  /** LeakSanitizer: blocks not reachable from the static area or live frames (see `LeakReport`). */
  checkLeaks(): LeakReport {
    return checkLeaks(this);
  }

  /** Raises a `MemoryLeakError` (throw or log mode) when `checkLeaks()` finds leaks. */
  assertNoLeaks(): void {
    const report = checkLeaks(this);
    if (report.leaks.length > 0) this.raise(leakError(report));
  }

  /** A static (global) object: zero-initialised, never freed, a leak-checker root. */
  staticAlloc(bytes: number, alignBytes = 16): VoidPointer {
    checkSize('static size', bytes, 0, this.layout.staticEnd - this.layout.staticStart);
    const address = Math.ceil(this.staticTop / alignBytes) * alignBytes;
    if (address + bytes > this.layout.staticEnd) {
      throw new RangeError(
        `static area full: ${bytes} bytes requested, ${this.layout.staticEnd - address} left`,
      );
    }
    this.staticTop = address + bytes;
    return new VoidPointer(this.memory, address);
  }

  /** Bytes of the static area handed out so far end here. */
  get staticUsedEnd(): number {
    return this.staticTop;
  }

  /** A typed pointer at a raw address (`(T*)0x1234`). */
  pointer<P extends Pointer>(type: ElementType<P>, address: number): P {
    checkSize('address', address, 0, 0xffffffff);
    return type.pointer(this.memory, address);
  }

  /** NULL of a type. */
  nullPointer<P extends Pointer>(type: ElementType<P>): P {
    return type.pointer(this.memory, 0);
  }

  /** Pushes a frame; pop it with `frame.leave()` or `using frame = sb.enter('f')`. */
  enter(name: string): Frame {
    return this.stack.enter(name);
  }

  /** Runs `body` in a new frame and pops it on return or throw (a C function call). */
  call<R>(name: string, body: (frame: Frame) => R): R {
    const frame = this.stack.enter(name);
    try {
      return body(frame);
    } catch (error) {
      this.faultRegions ??= spaceRegions(this); // the innermost frame sees the error first
      throw error;
    } finally {
      if (frame.active) this.stack.leave(frame);
    }
  }

  /** Raw byte load (checked address). */
  loadByte(address: number): number {
    checkSize('address', address, 0, 0xffffffff);
    return this.memory.loadU8(address);
  }

  /** Raw byte store (checked address; the value is truncated to 8 bits). */
  storeByte(address: number, value: number): void {
    checkSize('address', address, 0, 0xffffffff);
    this.memory.storeU8(address, value);
  }

  /** `memset(p, value, bytes)`. */
  memset(pointer: Pointer, value: number, bytes: number): void {
    this.checkBytes('memset size', bytes);
    this.memory.fill(pointer.address, value, bytes);
  }

  /** `memmove(target, source, bytes)`. */
  memcpy(target: Pointer, source: Pointer, bytes: number): void {
    this.checkBytes('memcpy size', bytes);
    this.memory.copy(target.address, source.address, bytes);
  }

  /** Heap statistics: live bytes, peak, free blocks, fragmentation. */
  stats(): HeapStats {
    return this.heap.stats();
  }
}
