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
 * one slot, so lookups never wade through tombstones.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import { resolveTrace, type TraceOptions } from './tracing.js';

/** Options of `IntHashMap` (and `IntHashSet`). */
export interface IntHashOptions extends TraceOptions {
  /** Entries to hold without growing (default 0: the minimum table). */
  capacity?: number;
  /** Grow when size exceeds this fraction of the table, in [0.1, 0.9] (default 0.5). */
  loadFactor?: number;
}

// Hot code reads this module-private copy: an exported binding is a live cell that the JIT
// reloads on every use, a private const is folded into the machine code.
const PHI = 0x9e3779b1 | 0;
/** Golden-ratio multiplier of Fibonacci hashing: `imul(key, φ·2^32) >>> (32 − log2 capacity)`. */
export const FIBONACCI_MULTIPLIER: number = PHI;
/** Smallest table, in slots. */
export const MIN_TABLE_SLOTS = 8;
/** Largest table, in slots (2^30: the Int32Array index range stays int31). */
export const MAX_TABLE_SLOTS: number = 2 ** 30;
// Chosen in bench/collections-structs.bench.ts, section "IntHashMap load factor" (insert +
// hit + miss, 10^5 keys): over four runs 0.5 was fastest or tied with 0.75 (which was 0-18%
// slower); 0.25 was always slowest (1.3-1.9x, larger tables), 0.9 up to 10% slower.
const DEFAULT_LOAD_FACTOR = 0.5;

/** Validates the shared options; returns [tableSlots, loadFactor]. */
export function hashTableShape(what: string, options: IntHashOptions): [number, number] {
  const loadFactor = options.loadFactor ?? DEFAULT_LOAD_FACTOR;
  if (!(loadFactor >= 0.1 && loadFactor <= 0.9)) {
    throw new RangeError(`${what} loadFactor must be in [0.1, 0.9], got ${String(loadFactor)}`);
  }
  const entries = options.capacity ?? 0;
  if (!Number.isSafeInteger(entries) || entries < 0) {
    throw new RangeError(`${what} capacity must be a non-negative integer, got ${String(entries)}`);
  }
  let slots = MIN_TABLE_SLOTS;
  while (Math.floor(slots * loadFactor) < entries) {
    if (slots >= MAX_TABLE_SLOTS)
      throw new RangeError(`${what} capacity ${entries} exceeds the largest table`);
    slots *= 2;
  }
  return [slots, loadFactor];
}

/**
 * The right shift that keeps the top log2(slots) bits of the hash (slots a power of two).
 * Integer math on purpose (`Math.log2` returns a float): hot fields stay small integers.
 */
export function shiftFor(slots: number): number {
  return (Math.clz32(slots) + 1) | 0;
}

/** Entries a table of `slots` holds before it grows (kept an int, like `shiftFor`). */
export function growLimit(slots: number, loadFactor: number): number {
  return Math.floor(slots * loadFactor) | 0;
}

/** Throws unless `key` is an int32. */
export function checkIntKey(what: string, key: number): void {
  if ((key | 0) !== key) throw new TypeError(`${what} keys must be int32 integers, got ${String(key)}`);
}

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
    const keys = this.keySlots;
    const mask = this.mask;
    let slot = Math.imul(key, PHI) >>> this.shift;
    for (;;) {
      const k = keys[slot]!;
      if (k === key) return this.valueSlots[slot]!;
      if (k === 0) return undefined;
      slot = (slot + 1) & mask;
    }
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
    const mask = this.mask;
    let slot = Math.imul(key, PHI) >>> this.shift;
    for (;;) {
      const k = keys[slot]!;
      if (k === key) break;
      if (k === 0) {
        keys[slot] = key;
        this.count++;
        break;
      }
      slot = (slot + 1) & mask;
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
    const keys = this.keySlots;
    const values = this.valueSlots;
    const mask = this.mask;
    const shift = this.shift;
    const trace = this.trace;
    let hole = Math.imul(key, PHI) >>> shift;
    for (;;) {
      if (trace !== null) trace.access(this.baseAddress + hole * 4, 4, AccessKind.Load);
      const k = keys[hole]!;
      if (k === key) break;
      if (k === 0) return false;
      hole = (hole + 1) & mask;
    }
    // Walk the rest of the probe run; pull back every entry whose home slot is not after the hole.
    let next = hole;
    for (;;) {
      next = (next + 1) & mask;
      if (trace !== null) trace.access(this.baseAddress + next * 4, 4, AccessKind.Load);
      const k = keys[next]!;
      if (k === 0) break;
      const home = Math.imul(k, PHI) >>> shift;
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        keys[hole] = k;
        values[hole] = values[next]!;
        if (trace !== null) this.traceMove(next, hole);
        hole = next;
      }
    }
    keys[hole] = 0;
    if (trace !== null) trace.access(this.baseAddress + hole * 4, 4, AccessKind.Store);
    this.count--;
    return true;
  }

  /** Removes every entry, keeping the table. O(capacity). */
  clear(): void {
    this.keySlots.fill(0);
    this.count = 0;
    this.hasZero = false;
  }

  /** Keys, in table order (key 0 first when present). */
  *keys(): Generator<number> {
    if (this.hasZero) yield 0;
    const keys = this.keySlots;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== 0) yield keys[slot]!;
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
    const mask = this.mask;
    let slot = Math.imul(key, PHI) >>> this.shift;
    for (;;) {
      trace.access(this.baseAddress + slot * 4, 4, AccessKind.Load);
      const k = keys[slot]!;
      if (k === key) {
        trace.access(this.valuesAddress() + slot * 8, 8, AccessKind.Load);
        return this.valueSlots[slot]!;
      }
      if (k === 0) return undefined;
      slot = (slot + 1) & mask;
    }
  }

  private tracedSet(key: number, value: number): void {
    const trace = this.trace!;
    const keys = this.keySlots;
    const mask = this.mask;
    let slot = Math.imul(key, PHI) >>> this.shift;
    for (;;) {
      trace.access(this.baseAddress + slot * 4, 4, AccessKind.Load);
      const k = keys[slot]!;
      if (k === key) break;
      if (k === 0) {
        keys[slot] = key;
        trace.access(this.baseAddress + slot * 4, 4, AccessKind.Store);
        this.count++;
        break;
      }
      slot = (slot + 1) & mask;
    }
    this.valueSlots[slot] = value;
    trace.access(this.valuesAddress() + slot * 8, 8, AccessKind.Store);
    if (this.count > this.growAt) this.rehash(keys.length * 2);
  }

  private traceMove(from: number, to: number): void {
    const trace = this.trace!;
    const values = this.valuesAddress();
    trace.access(values + from * 8, 8, AccessKind.Load);
    trace.access(this.baseAddress + to * 4, 4, AccessKind.Store);
    trace.access(values + to * 8, 8, AccessKind.Store);
  }

  private valuesAddress(): number {
    return this.baseAddress + Math.ceil((this.keySlots.length * 4) / 8) * 8;
  }

  // Rehash traffic is not traced: it is a bulk copy, not element accesses of the program.
  private rehash(slots: number): void {
    if (slots > MAX_TABLE_SLOTS) throw new RangeError(`IntHashMap cannot grow past ${MAX_TABLE_SLOTS} slots`);
    const oldKeys = this.keySlots;
    const oldValues = this.valueSlots;
    const keys = new Int32Array(slots);
    const values = new Float64Array(slots);
    const mask = slots - 1;
    const shift = shiftFor(slots);
    for (let old = 0; old < oldKeys.length; old++) {
      const k = oldKeys[old]!;
      if (k === 0) continue;
      let slot = Math.imul(k, PHI) >>> shift;
      while (keys[slot] !== 0) slot = (slot + 1) & mask;
      keys[slot] = k;
      values[slot] = oldValues[old]!;
    }
    this.keySlots = keys;
    this.valueSlots = values;
    this.mask = mask;
    this.shift = shift;
    this.growAt = growLimit(slots, this.loadFactor);
  }
}
