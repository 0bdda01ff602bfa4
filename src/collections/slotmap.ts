/**
 * SlotMap: stores values under generational handles, with the values packed densely.
 *
 * Handle = version × 2^24 + slot index: the index in the low 24 bits (up to 16 777 216 live
 * slots) and the version in the upper 29 bits, so the handle is an exact integer below 2^53.
 * Versions start at 1 and increase each time a slot's value is removed, so a handle to a
 * removed value is detected (stale) even after the slot is reused. A slot whose version would
 * pass 2^29 − 1 is retired instead of reused.
 *
 * Storage ("dense" slot map, as Rust's `DenseSlotMap`): values live packed in a plain array
 * (`values`, iteration O(size) with no gaps); `slotToDense[slot]` maps a slot to its dense
 * position, `denseToSlot[d]` maps back (for swap-remove). Free slots form a free list threaded
 * through `slotToDense` (LIFO: the most recently freed slot is reused first).
 *
 * Complexity: insert, get, has, remove O(1) (remove swaps the last value into the hole).
 *
 * Tracing (`new SlotMap(initialSlots, { trace, baseAddress })`): each read or write of the
 * slot table and of the dense side is reported, laid out from `baseAddress` as: `versions`
 * (8 B per slot), `slotToDense` (4 B), `occupied` (1 B), each `slotCapacity` long; then, at the
 * next 8-byte boundary, `denseToSlot` (4 B per dense position) and the dense values as 8-byte
 * references, each `denseCapacity` long. After a growth the addresses follow the new
 * capacities, as if reallocated in place; the copy made by growth is not reported (as in `Vec`).
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import { alignAddress, resolveTrace, type TraceOptions } from './tracing.js';

/** A generational handle: a number packing slot index and version. */
export type SlotHandle = number & { readonly __slotHandle: unique symbol };

/** Bits of a handle holding the slot index. */
export const SLOT_INDEX_BITS = 24;
const INDEX_SPAN = 2 ** SLOT_INDEX_BITS;
/** Largest slot version (handles stay below 2^53). */
export const MAX_SLOT_VERSION: number = 2 ** (53 - SLOT_INDEX_BITS) - 1;
const NO_SLOT = -1;

/** The arrays of the traced layout (see the file comment). */
const VERSIONS = 0;
const SLOT_TO_DENSE = 1;
const OCCUPIED = 2;
const DENSE_TO_SLOT = 3;
const VALUES = 4;

/** The slot index a handle points at. */
export function handleIndex(handle: SlotHandle): number {
  return handle % INDEX_SPAN;
}

/** The version a handle was issued with. */
export function handleVersion(handle: SlotHandle): number {
  return Math.floor(handle / INDEX_SPAN);
}

/**
 * A map from generational handles to values; stale handles are rejected.
 *
 * @example
 * ```ts
 * const entities = new SlotMap();
 * const a = entities.insert('alice');
 * const b = entities.insert('bob');
 * entities.remove(a); // => 'alice'
 * entities.has(a); // => false
 * entities.get(b); // => 'bob'
 * [...entities.values]; // => ['bob']
 * ```
 */
export class SlotMap<T> {
  private readonly dense: T[];
  private denseToSlot: Int32Array;
  private slotToDense: Int32Array;
  private versions: Float64Array;
  private occupied: Uint8Array;
  private slotCount: number;
  private freeHead: number;
  /** The trace sink, or `null` when tracing is off. */
  readonly trace: TraceSink | null;
  /** The address `versions[0]` is reported at. */
  readonly baseAddress: number;

  constructor(initialSlots = 16, options?: TraceOptions) {
    if (!Number.isSafeInteger(initialSlots) || initialSlots < 1 || initialSlots > INDEX_SPAN) {
      throw new RangeError(
        `SlotMap initialSlots must be an integer in [1, ${INDEX_SPAN}], got ${initialSlots}`,
      );
    }
    this.dense = [];
    this.denseToSlot = new Int32Array(initialSlots);
    this.slotToDense = new Int32Array(initialSlots);
    this.versions = new Float64Array(initialSlots);
    this.occupied = new Uint8Array(initialSlots);
    this.slotCount = 0;
    this.freeHead = NO_SLOT;
    const { sink, baseAddress } = resolveTrace(options);
    this.trace = sink;
    this.baseAddress = baseAddress;
  }

  /** The live values, densely packed: iterate this for speed (order changes on remove). */
  get values(): readonly T[] {
    return this.dense;
  }

  /** Number of live values. */
  get size(): number {
    return this.dense.length;
  }

  /** Stores `value` and returns its handle. O(1) amortised. */
  insert(value: T): SlotHandle {
    let slot = this.freeHead;
    const fresh = slot === NO_SLOT;
    if (fresh) {
      slot = this.slotCount;
      if (slot === INDEX_SPAN) throw new RangeError(`SlotMap is full: ${INDEX_SPAN} slots in use or retired`);
      if (slot === this.versions.length) this.growSlots();
      this.versions[slot] = 1;
      this.slotCount = slot + 1;
    } else {
      this.freeHead = this.slotToDense[slot]!;
    }
    const dense = this.dense.length;
    this.dense.push(value);
    if (dense === this.denseToSlot.length) this.denseToSlot = grown(this.denseToSlot);
    this.denseToSlot[dense] = slot;
    this.slotToDense[slot] = dense;
    this.occupied[slot] = 1;
    if (this.trace !== null) {
      if (fresh) this.emitSlot(VERSIONS, slot, AccessKind.Store);
      else this.emitSlot(SLOT_TO_DENSE, slot, AccessKind.Load); // the next free slot
      this.emitDense(VALUES, dense, AccessKind.Store);
      this.emitDense(DENSE_TO_SLOT, dense, AccessKind.Store);
      this.emitSlot(SLOT_TO_DENSE, slot, AccessKind.Store);
      this.emitSlot(OCCUPIED, slot, AccessKind.Store);
      this.emitSlot(VERSIONS, slot, AccessKind.Load);
    }
    return (this.versions[slot]! * INDEX_SPAN + slot) as SlotHandle;
  }

  /** True when `handle` points at a live value. */
  has(handle: SlotHandle): boolean {
    return this.denseIndex(handle) !== NO_SLOT;
  }

  /** The value of `handle`; RangeError naming the problem when the handle is stale or invalid. */
  get(handle: SlotHandle): T {
    const dense = this.checkedDense(handle);
    if (this.trace !== null) this.emitDense(VALUES, dense, AccessKind.Load);
    return this.dense[dense]!;
  }

  /** The value of `handle`, or undefined when it is stale or invalid. */
  tryGet(handle: SlotHandle): T | undefined {
    const dense = this.denseIndex(handle);
    if (dense === NO_SLOT) return undefined;
    if (this.trace !== null) this.emitDense(VALUES, dense, AccessKind.Load);
    return this.dense[dense];
  }

  /** Replaces the value of a live handle. */
  set(handle: SlotHandle, value: T): void {
    const dense = this.checkedDense(handle);
    if (this.trace !== null) this.emitDense(VALUES, dense, AccessKind.Store);
    this.dense[dense] = value;
  }

  /** Removes and returns the value of `handle`; its handle (and copies) become stale. O(1). */
  remove(handle: SlotHandle): T {
    const dense = this.checkedDense(handle);
    const slot = handleIndex(handle);
    const values = this.dense;
    const value = values[dense]!;
    const last = values.length - 1;
    // Swap-remove keeps the values packed: the last value moves into the hole.
    const movedSlot = this.denseToSlot[last]!;
    values[dense] = values[last]!;
    this.denseToSlot[dense] = movedSlot;
    this.slotToDense[movedSlot] = dense;
    values.pop();
    if (this.trace !== null) {
      this.emitDense(VALUES, dense, AccessKind.Load);
      this.emitDense(DENSE_TO_SLOT, last, AccessKind.Load);
      this.emitDense(VALUES, last, AccessKind.Load);
      this.emitDense(VALUES, dense, AccessKind.Store);
      this.emitDense(DENSE_TO_SLOT, dense, AccessKind.Store);
      this.emitSlot(SLOT_TO_DENSE, movedSlot, AccessKind.Store);
    }
    this.release(slot);
    return value;
  }

  /** Removes every value; all handles issued so far become stale. O(slots). */
  clear(): void {
    for (let d = 0; d < this.dense.length; d++) {
      if (this.trace !== null) this.emitDense(DENSE_TO_SLOT, d, AccessKind.Load);
      this.release(this.denseToSlot[d]!);
    }
    this.dense.length = 0;
  }

  /** Handles of the live values, in dense order (the order of `values`). */
  *handles(): Generator<SlotHandle> {
    for (let d = 0; d < this.dense.length; d++) {
      const slot = this.denseToSlot[d]!;
      if (this.trace !== null) {
        this.emitDense(DENSE_TO_SLOT, d, AccessKind.Load);
        this.emitSlot(VERSIONS, slot, AccessKind.Load);
      }
      yield (this.versions[slot]! * INDEX_SPAN + slot) as SlotHandle;
    }
  }

  /** [handle, value] pairs in dense order. */
  *entries(): Generator<[SlotHandle, T]> {
    let d = 0;
    for (const handle of this.handles()) {
      if (this.trace !== null) this.emitDense(VALUES, d, AccessKind.Load);
      yield [handle, this.dense[d++]!];
    }
  }

  [Symbol.iterator](): Generator<[SlotHandle, T]> {
    return this.entries();
  }

  private release(slot: number): void {
    this.occupied[slot] = 0;
    const version = this.versions[slot]! + 1;
    this.versions[slot] = version;
    const retired = version > MAX_SLOT_VERSION; // retired: never handed out again
    if (this.trace !== null) {
      this.emitSlot(OCCUPIED, slot, AccessKind.Store);
      this.emitSlot(VERSIONS, slot, AccessKind.Modify);
      if (!retired) this.emitSlot(SLOT_TO_DENSE, slot, AccessKind.Store);
    }
    if (retired) return;
    this.slotToDense[slot] = this.freeHead;
    this.freeHead = slot;
  }

  private denseIndex(handle: SlotHandle): number {
    const slot = handle % INDEX_SPAN;
    if (this.trace !== null) this.traceLookup(handle, slot);
    if (!(slot >= 0 && slot < this.slotCount) || this.occupied[slot] === 0) return NO_SLOT;
    return this.versions[slot] === Math.floor(handle / INDEX_SPAN) ? this.slotToDense[slot]! : NO_SLOT;
  }

  /** Reports the slot-table reads `denseIndex` makes for `handle`: occupied, version, dense position. */
  private traceLookup(handle: SlotHandle, slot: number): void {
    if (!(slot >= 0 && slot < this.slotCount)) return;
    this.emitSlot(OCCUPIED, slot, AccessKind.Load);
    if (this.occupied[slot] === 0) return;
    this.emitSlot(VERSIONS, slot, AccessKind.Load);
    if (this.versions[slot] === Math.floor(handle / INDEX_SPAN))
      this.emitSlot(SLOT_TO_DENSE, slot, AccessKind.Load);
  }

  /** Reports an access to slot `slot` of one slot-table array (`VERSIONS`, `SLOT_TO_DENSE`, `OCCUPIED`). */
  private emitSlot(array: number, slot: number, kind: AccessKind): void {
    const capacity = this.versions.length;
    const start = array === VERSIONS ? 0 : array === SLOT_TO_DENSE ? 8 * capacity : 12 * capacity;
    const bytes = array === VERSIONS ? 8 : array === SLOT_TO_DENSE ? 4 : 1;
    this.trace!.access(this.baseAddress + start + slot * bytes, bytes, kind);
  }

  /** Reports an access to position `dense` of `denseToSlot` or of the dense values (8-byte references). */
  private emitDense(array: number, dense: number, kind: AccessKind): void {
    const denseToSlotAddress = alignAddress(this.baseAddress + 13 * this.versions.length, 8);
    const address =
      array === DENSE_TO_SLOT
        ? denseToSlotAddress + dense * 4
        : alignAddress(denseToSlotAddress + 4 * this.denseToSlot.length, 8) + dense * 8;
    this.trace!.access(address, array === DENSE_TO_SLOT ? 4 : 8, kind);
  }

  private checkedDense(handle: SlotHandle): number {
    const dense = this.denseIndex(handle);
    if (dense !== NO_SLOT) return dense;
    if (!Number.isSafeInteger(handle) || handle < INDEX_SPAN) {
      throw new RangeError(`invalid handle ${String(handle)}: not a SlotMap handle`);
    }
    const slot = handleIndex(handle);
    if (slot >= this.slotCount) throw new RangeError(`invalid handle: slot ${slot} was never allocated`);
    throw new RangeError(
      `stale handle: slot ${slot} is at version ${this.versions[slot]}, handle has version ${handleVersion(handle)}`,
    );
  }

  private growSlots(): void {
    const slots = Math.min(this.versions.length * 2, INDEX_SPAN);
    this.slotToDense = grown(this.slotToDense, slots);
    const versions = new Float64Array(slots);
    versions.set(this.versions);
    this.versions = versions;
    const occupied = new Uint8Array(slots);
    occupied.set(this.occupied);
    this.occupied = occupied;
  }
}

function grown(array: Int32Array, length = array.length * 2): Int32Array {
  const copy = new Int32Array(length);
  copy.set(array);
  return copy;
}
