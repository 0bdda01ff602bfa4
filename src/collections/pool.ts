/**
 * Pool: reuses JS objects instead of allocating new ones, with a free list and a reset hook.
 *
 * Every object the pool creates gets an id (its index in `objects`); free ids sit in an
 * Int32Array stack (the free list, LIFO so the most recently released — likely still cached —
 * object is handed out first) and a Uint8Array marks which ids are out. `release` finds the
 * id through a Map (object → id), which is what detects double releases and foreign objects.
 *
 * Complexity: acquire O(1) amortised (creates an object when the free list is empty),
 * release O(1) expected (one Map lookup).
 *
 * Tracing (`{ trace, baseAddress }` in the options): the pool's own bookkeeping is reported,
 * laid out from `baseAddress` as the free list (4 B per id), the state marks (1 B per id) and,
 * at the next 8-byte boundary, the object references (8 B per id), each `capacity` long (as if
 * reallocated in place on growth). The object → id Map lookup of `release`, the objects'
 * own fields and `create`/`reset` are not reported.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import { alignAddress, resolveTrace, type TraceOptions } from './tracing.js';

/** Options of `Pool` (with, optionally, a trace sink). */
export interface PoolOptions<T> extends TraceOptions {
  /** Makes a fresh object when the free list is empty. */
  create: () => T;
  /** Called on an object as it is released, to clear its state (default: none). */
  reset?: (object: T) => void;
  /** Objects created up front (default 0). */
  initialSize?: number;
  /** Largest number of objects the pool will ever create (default unbounded). */
  maxSize?: number;
}

const FREE = 0;
const IN_USE = 1;

/** The arrays of the traced layout (see the file comment). */
const FREE_IDS = 0;
const STATE = 1;
const OBJECTS = 2;

/**
 * A pool of reusable objects.
 *
 * @example
 * ```ts
 * const pool = new Pool({ create: () => ({ x: 0, y: 0 }), reset: (p) => { p.x = 0; p.y = 0; } });
 * const p = pool.acquire();
 * p.x = 3;
 * pool.release(p);
 * pool.acquire() === p; // => true
 * p.x; // => 0
 * pool.inUse; // => 1
 * ```
 */
export class Pool<T> {
  private readonly create: () => T;
  private readonly reset: ((object: T) => void) | null;
  private readonly maxSize: number;
  private readonly objects: T[];
  private readonly ids: Map<T, number>;
  private state: Uint8Array;
  private freeIds: Int32Array;
  private freeCount: number;
  /** The trace sink, or `null` when tracing is off. */
  readonly trace: TraceSink | null;
  /** The address the free list starts at. */
  readonly baseAddress: number;

  constructor(options: PoolOptions<T>) {
    if (typeof options.create !== 'function') throw new TypeError('Pool needs a create() function');
    const maxSize = options.maxSize ?? Number.POSITIVE_INFINITY;
    if (!(maxSize === Number.POSITIVE_INFINITY || (Number.isSafeInteger(maxSize) && maxSize >= 1))) {
      throw new RangeError(`Pool maxSize must be a positive integer, got ${String(maxSize)}`);
    }
    const initialSize = options.initialSize ?? 0;
    if (!Number.isSafeInteger(initialSize) || initialSize < 0 || initialSize > maxSize) {
      throw new RangeError(`Pool initialSize must be an integer in [0, maxSize], got ${String(initialSize)}`);
    }
    const { sink, baseAddress } = resolveTrace(options);
    this.create = options.create;
    this.reset = options.reset ?? null;
    this.maxSize = maxSize;
    this.objects = [];
    this.ids = new Map();
    this.state = new Uint8Array(Math.max(16, initialSize));
    this.freeIds = new Int32Array(Math.max(16, initialSize));
    this.freeCount = 0;
    this.trace = sink;
    this.baseAddress = baseAddress;
    for (let i = 0; i < initialSize; i++) {
      const id = this.adopt(this.create());
      if (this.trace !== null) this.emit(FREE_IDS, this.freeCount, AccessKind.Store);
      this.freeIds[this.freeCount++] = id;
    }
  }

  /** Objects created so far (in use + available). */
  get size(): number {
    return this.objects.length;
  }

  /** Objects ready to be acquired without creating one. */
  get available(): number {
    return this.freeCount;
  }

  /** Objects acquired and not yet released. */
  get inUse(): number {
    return this.objects.length - this.freeCount;
  }

  /** An object from the free list, or a new one; RangeError when `maxSize` objects are all in use. */
  acquire(): T {
    let id: number;
    if (this.freeCount > 0) {
      id = this.freeIds[--this.freeCount]!;
      if (this.trace !== null) this.emit(FREE_IDS, this.freeCount, AccessKind.Load);
    } else {
      if (this.objects.length >= this.maxSize) {
        throw new RangeError(`Pool exhausted: all ${this.maxSize} objects (maxSize) are in use`);
      }
      id = this.adopt(this.create());
    }
    this.state[id] = IN_USE;
    if (this.trace !== null) {
      this.emit(STATE, id, AccessKind.Store);
      this.emit(OBJECTS, id, AccessKind.Load);
    }
    return this.objects[id]!;
  }

  /** Resets `object` and puts it back; throws on a double release or an object from elsewhere. */
  release(object: T): void {
    const id = this.ids.get(object);
    if (id === undefined) throw new Error('Pool.release: object was not created by this pool');
    if (this.state[id] === FREE) throw new Error(`Pool.release: double release of object #${id}`);
    if (this.reset !== null) this.reset(object);
    if (this.trace !== null) {
      this.emit(STATE, id, AccessKind.Load);
      this.emit(STATE, id, AccessKind.Store);
      this.emit(FREE_IDS, this.freeCount, AccessKind.Store);
    }
    this.state[id] = FREE;
    this.freeIds[this.freeCount++] = id;
  }

  private adopt(object: T): number {
    const id = this.objects.length;
    if (this.ids.has(object)) throw new Error('Pool: create() returned an object the pool already owns');
    this.objects.push(object);
    this.ids.set(object, id);
    if (id === this.state.length) {
      const state = new Uint8Array(id * 2);
      state.set(this.state);
      this.state = state;
      const freeIds = new Int32Array(id * 2);
      freeIds.set(this.freeIds);
      this.freeIds = freeIds;
    }
    if (this.trace !== null) this.emit(OBJECTS, id, AccessKind.Store);
    return id;
  }

  /** Reports an access to entry `id` of the free list, the state marks or the object references. */
  private emit(array: number, id: number, kind: AccessKind): void {
    const capacity = this.state.length;
    const address =
      array === FREE_IDS
        ? this.baseAddress + id * 4
        : array === STATE
          ? this.baseAddress + 4 * capacity + id
          : alignAddress(this.baseAddress + 5 * capacity, 8) + id * 8;
    this.trace!.access(address, array === FREE_IDS ? 4 : array === STATE ? 1 : 8, kind);
  }
}
