/**
 * IntHashSet: a set of int32 keys in one Int32Array — the key half of `IntHashMap`, with the
 * same probing, hashing, growth and backward-shift deletion (see hashmap.ts for the layout and
 * complexity). The trace reports key-slot accesses at `baseAddress + slot * 4`.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import {
  checkIntKey,
  growLimit,
  hashTableShape,
  type IntHashOptions,
  MAX_TABLE_SLOTS,
  shiftFor,
} from './hashmap.js';
import { resolveTrace } from './tracing.js';

// FIBONACCI_MULTIPLIER as a module-private const, which the JIT folds (see hashmap.ts).
const PHI = 0x9e3779b1 | 0;

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
    const mask = this.mask;
    const trace = this.trace;
    let slot = Math.imul(key, PHI) >>> this.shift;
    for (;;) {
      if (trace !== null) trace.access(this.baseAddress + slot * 4, 4, AccessKind.Load);
      const k = keys[slot]!;
      if (k === key) return true;
      if (k === 0) return false;
      slot = (slot + 1) & mask;
    }
  }

  /** Adds `key` (an int32; TypeError otherwise). Amortised O(1). */
  add(key: number): this {
    checkIntKey('IntHashSet', key);
    if (key === 0) {
      this.hasZero = true;
      return this;
    }
    const keys = this.keySlots;
    const mask = this.mask;
    const trace = this.trace;
    let slot = Math.imul(key, PHI) >>> this.shift;
    for (;;) {
      if (trace !== null) trace.access(this.baseAddress + slot * 4, 4, AccessKind.Load);
      const k = keys[slot]!;
      if (k === key) return this;
      if (k === 0) break;
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    if (trace !== null) trace.access(this.baseAddress + slot * 4, 4, AccessKind.Store);
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
    const keys = this.keySlots;
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
    let next = hole;
    for (;;) {
      next = (next + 1) & mask;
      if (trace !== null) trace.access(this.baseAddress + next * 4, 4, AccessKind.Load);
      const k = keys[next]!;
      if (k === 0) break;
      const home = Math.imul(k, PHI) >>> shift;
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        keys[hole] = k;
        if (trace !== null) trace.access(this.baseAddress + hole * 4, 4, AccessKind.Store);
        hole = next;
      }
    }
    keys[hole] = 0;
    if (trace !== null) trace.access(this.baseAddress + hole * 4, 4, AccessKind.Store);
    this.count--;
    return true;
  }

  /** Removes every key, keeping the table. O(capacity). */
  clear(): void {
    this.keySlots.fill(0);
    this.count = 0;
    this.hasZero = false;
  }

  /** Keys in table order (0 first when present). */
  *keys(): Generator<number> {
    if (this.hasZero) yield 0;
    const keys = this.keySlots;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== 0) yield keys[slot]!;
  }

  [Symbol.iterator](): Generator<number> {
    return this.keys();
  }

  private rehash(slots: number): void {
    if (slots > MAX_TABLE_SLOTS) throw new RangeError(`IntHashSet cannot grow past ${MAX_TABLE_SLOTS} slots`);
    const oldKeys = this.keySlots;
    const keys = new Int32Array(slots);
    const mask = slots - 1;
    const shift = shiftFor(slots);
    for (let old = 0; old < oldKeys.length; old++) {
      const k = oldKeys[old]!;
      if (k === 0) continue;
      let slot = Math.imul(k, PHI) >>> shift;
      while (keys[slot] !== 0) slot = (slot + 1) & mask;
      keys[slot] = k;
    }
    this.keySlots = keys;
    this.mask = mask;
    this.shift = shift;
    this.growAt = growLimit(slots, this.loadFactor);
  }
}
