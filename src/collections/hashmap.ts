/**
 * IntHashMap: int32 keys → float64 values, open addressing with linear probing over two
 * typed arrays, Fibonacci hashing and backward-shift deletion (no tombstones).
 *
 * Memory layout (what the trace reports, relative to `baseAddress`):
 *
 *   keys:   Int32Array(capacity)    at +0                  (0 marks an empty slot)
 *   values: Float64Array(capacity)  at +keysBytes, 8-aligned
 *
 * Key 0 cannot live in the table (0 means empty), so it is kept in two header fields
 * (`hasZero`, `zeroValue`); its accesses are not traced.
 *
 * Complexity: get/set/has/delete expected O(1) at load factor α — a hit probes about
 * (1 + 1/(1−α))/2 slots, a miss (1 + 1/(1−α)²)/2 (Knuth); growth doubles the table (amortised
 * O(1) per insert); iteration O(capacity). Deletion moves later entries of the probe run back
 * one slot, so lookups never wade through tombstones. The probe, deletion and growth loops live
 * in int-hash-core.ts, shared with `IntHashSet`.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import {
  checkGrowth,
  checkIntKey,
  deleteKey,
  growLimit,
  hashTableShape,
  type IntHashOptions,
  lookupValue,
  probeSlot,
  probeSlotTraced,
  reinsertAll,
  shiftFor,
  tableKeys,
} from './int-hash-core.js';
import { resolveTrace } from './tracing.js';

export type { IntHashOptions } from './int-hash-core.js';

/**
 * A hash map from int32 keys to numbers, stored in typed arrays (no per-entry objects).
 *
 * @example
 * ```ts
 * const counts = new IntHashMap({ capacity: 1000 });
 * counts.set(42, 1).set(-7, 2);
 * counts.set(42, counts.getOr(42, 0) + 1);
 * counts.get(42); // => 2
 * counts.delete(-7); // => true
 * counts.size; // => 1
 * [...counts.keys()]; // => [42]
 * ```
 */
export class IntHashMap {
  private keySlots: Int32Array;
  private valueSlots: Float64Array;
  private mask: number;
  private shift: number;
  private count: number;
  private growAt: number;
  readonly loadFactor: number;
  private hasZero: boolean;
  private zeroValue: number;
  readonly trace: TraceSink | null;
  readonly baseAddress: number;

  constructor(options: IntHashOptions = {}) {
    const [slots, loadFactor] = hashTableShape('IntHashMap', options);
    this.keySlots = new Int32Array(slots);
    this.valueSlots = new Float64Array(slots);
    this.mask = slots - 1;
    this.shift = shiftFor(slots);
    this.count = 0;
    this.growAt = growLimit(slots, loadFactor);
    this.loadFactor = loadFactor;
    this.hasZero = false;
    this.zeroValue = 0;
    this.trace = options.trace ?? null;
    this.baseAddress = resolveTrace(options).baseAddress;
  }

  /** Number of entries. */
  get size(): number {
    return this.count + (this.hasZero ? 1 : 0);
  }

  /** Slots in the table (a power of two). */
  get capacity(): number {
    return this.keySlots.length;
  }

  /** The value of `key`, or undefined. Expected O(1). */
  get(key: number): number | undefined {
    if (this.trace !== null) return this.tracedGet(key);
    if (key === 0) return this.hasZero ? this.zeroValue : undefined;
    return lookupValue(this.keySlots, this.valueSlots, key, this.shift, this.mask);
  }

  /** The value of `key`, or `missing` when absent (no `undefined` in hot loops). */
  getOr(key: number, missing: number): number {
    const value = this.get(key);
    return value === undefined ? missing : value;
  }

  /** True when `key` is present. */
  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets `key` to `value`; throws TypeError unless `key` is an int32. Amortised O(1). */
  set(key: number, value: number): this {
    checkIntKey('IntHashMap', key);
    if (key === 0) {
      this.hasZero = true;
      this.zeroValue = value;
      return this;
    }
    if (this.trace !== null) {
      this.tracedSet(key, value);
      return this;
    }
    const keys = this.keySlots;
    const slot = probeSlot(keys, key, this.shift, this.mask);
    if (keys[slot] === 0) {
      keys[slot] = key;
      this.count++;
    }
    this.valueSlots[slot] = value;
    if (this.count > this.growAt) this.rehash(keys.length * 2);
    return this;
  }

  /** Removes `key`; returns whether it was present. Backward-shift deletion, expected O(1). */
  delete(key: number): boolean {
    if (key === 0) {
      const had = this.hasZero;
      this.hasZero = false;
      return had;
    }
    const found = deleteKey(
      this.keySlots,
      this.valueSlots,
      key,
      this.shift,
      this.mask,
      this.trace,
      this.baseAddress,
      this.trace === null ? 0 : this.valuesAddress(),
    );
    if (found) this.count--;
    return found;
  }

  /** Removes every entry, keeping the table. O(capacity). */
  clear(): void {
    this.keySlots.fill(0);
    this.count = 0;
    this.hasZero = false;
  }

  /** Keys, in table order (key 0 first when present). */
  *keys(): Generator<number> {
    yield* tableKeys(this.keySlots, this.hasZero);
  }

  /** Calls `callback(value, key)` for every entry, in table order; no allocation per entry. */
  forEach(callback: (value: number, key: number) => void): void {
    if (this.hasZero) callback(this.zeroValue, 0);
    const keys = this.keySlots;
    const values = this.valueSlots;
    for (let slot = 0; slot < keys.length; slot++) {
      const k = keys[slot]!;
      if (k !== 0) callback(values[slot]!, k);
    }
  }

  /** Values, in table order. */
  *values(): Generator<number> {
    for (const [, value] of this.entries()) yield value;
  }

  /** [key, value] pairs, in table order. */
  *entries(): Generator<[number, number]> {
    if (this.hasZero) yield [0, this.zeroValue];
    const keys = this.keySlots;
    for (let slot = 0; slot < keys.length; slot++)
      if (keys[slot] !== 0) yield [keys[slot]!, this.valueSlots[slot]!];
  }

  [Symbol.iterator](): Generator<[number, number]> {
    return this.entries();
  }

  private tracedGet(key: number): number | undefined {
    if (key === 0) return this.hasZero ? this.zeroValue : undefined;
    const trace = this.trace!;
    const keys = this.keySlots;
    const slot = probeSlotTraced(keys, key, this.shift, this.mask, trace, this.baseAddress);
    if (keys[slot] === 0) return undefined;
    trace.access(this.valuesAddress() + slot * 8, 8, AccessKind.Load);
    return this.valueSlots[slot]!;
  }

  private tracedSet(key: number, value: number): void {
    const trace = this.trace!;
    const keys = this.keySlots;
    const slot = probeSlotTraced(keys, key, this.shift, this.mask, trace, this.baseAddress);
    if (keys[slot] === 0) {
      keys[slot] = key;
      trace.access(this.baseAddress + slot * 4, 4, AccessKind.Store);
      this.count++;
    }
    this.valueSlots[slot] = value;
    trace.access(this.valuesAddress() + slot * 8, 8, AccessKind.Store);
    if (this.count > this.growAt) this.rehash(keys.length * 2);
  }

  private valuesAddress(): number {
    return this.baseAddress + Math.ceil((this.keySlots.length * 4) / 8) * 8;
  }

  // Rehash traffic is not traced: it is a bulk copy, not element accesses of the program.
  private rehash(slots: number): void {
    checkGrowth('IntHashMap', slots);
    const keys = new Int32Array(slots);
    const values = new Float64Array(slots);
    const mask = slots - 1;
    const shift = shiftFor(slots);
    reinsertAll(this.keySlots, this.valueSlots, keys, values, shift, mask);
    this.keySlots = keys;
    this.valueSlots = values;
    this.mask = mask;
    this.shift = shift;
    this.growAt = growLimit(slots, this.loadFactor);
  }
}
