/**
 * IntHashSet: a set of int32 keys in one Int32Array — the key half of `IntHashMap`, on the
 * same table core (int-hash-core.ts: probing, hashing, growth and backward-shift deletion; see
 * hashmap.ts for the layout and complexity). The trace reports key-slot accesses at
 * `baseAddress + slot * 4`.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import {
  checkGrowth,
  checkIntKey,
  deleteKey,
  growLimit,
  hashTableShape,
  type IntHashOptions,
  probeSlot,
  probeSlotTraced,
  reinsertAll,
  shiftFor,
  tableKeys,
} from './int-hash-core.js';
import { resolveTrace } from './tracing.js';

/**
 * A set of int32 numbers in a typed array. Expected O(1) add/has/delete.
 *
 * @example
 * ```ts
 * const seen = new IntHashSet();
 * seen.add(3).add(5).add(3);
 * seen.size; // => 2
 * seen.has(5); // => true
 * seen.delete(5); // => true
 * seen.has(5); // => false
 * ```
 */
export class IntHashSet {
  private keySlots: Int32Array;
  private mask: number;
  private shift: number;
  private count: number;
  private growAt: number;
  readonly loadFactor: number;
  private hasZero: boolean;
  readonly trace: TraceSink | null;
  readonly baseAddress: number;

  constructor(options: IntHashOptions = {}) {
    const [slots, loadFactor] = hashTableShape('IntHashSet', options);
    this.keySlots = new Int32Array(slots);
    this.mask = slots - 1;
    this.shift = shiftFor(slots);
    this.count = 0;
    this.growAt = growLimit(slots, loadFactor);
    this.loadFactor = loadFactor;
    this.hasZero = false;
    this.trace = options.trace ?? null;
    this.baseAddress = resolveTrace(options).baseAddress;
  }

  /** Number of keys. */
  get size(): number {
    return this.count + (this.hasZero ? 1 : 0);
  }

  /** Slots in the table (a power of two). */
  get capacity(): number {
    return this.keySlots.length;
  }

  /** True when `key` is in the set. */
  has(key: number): boolean {
    if (key === 0) return this.hasZero;
    const keys = this.keySlots;
    return keys[this.probe(keys, key)] !== 0;
  }

  /** Adds `key` (an int32; TypeError otherwise). Amortised O(1). */
  add(key: number): this {
    checkIntKey('IntHashSet', key);
    if (key === 0) {
      this.hasZero = true;
      return this;
    }
    const keys = this.keySlots;
    const slot = this.probe(keys, key);
    if (keys[slot] !== 0) return this;
    keys[slot] = key;
    if (this.trace !== null) this.trace.access(this.baseAddress + slot * 4, 4, AccessKind.Store);
    this.count++;
    if (this.count > this.growAt) this.rehash(keys.length * 2);
    return this;
  }

  /** Removes `key`; returns whether it was present. Backward-shift deletion. */
  delete(key: number): boolean {
    if (key === 0) {
      const had = this.hasZero;
      this.hasZero = false;
      return had;
    }
    const found = deleteKey(this.keySlots, null, key, this.shift, this.mask, this.trace, this.baseAddress, 0);
    if (found) this.count--;
    return found;
  }

  /** Removes every key, keeping the table. O(capacity). */
  clear(): void {
    this.keySlots.fill(0);
    this.count = 0;
    this.hasZero = false;
  }

  /** Keys in table order (0 first when present). */
  *keys(): Generator<number> {
    yield* tableKeys(this.keySlots, this.hasZero);
  }

  [Symbol.iterator](): Generator<number> {
    return this.keys();
  }

  /** `probeSlot` of `key` in `keys` (this set's table), traced when this set is. */
  private probe(keys: Int32Array, key: number): number {
    const trace = this.trace;
    return trace === null
      ? probeSlot(keys, key, this.shift, this.mask)
      : probeSlotTraced(keys, key, this.shift, this.mask, trace, this.baseAddress);
  }

  private rehash(slots: number): void {
    checkGrowth('IntHashSet', slots);
    const keys = new Int32Array(slots);
    const mask = slots - 1;
    const shift = shiftFor(slots);
    reinsertAll(this.keySlots, null, keys, null, shift, mask);
    this.keySlots = keys;
    this.mask = mask;
    this.shift = shift;
    this.growAt = growLimit(slots, this.loadFactor);
  }
}
