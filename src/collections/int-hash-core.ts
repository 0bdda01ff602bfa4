/**
 * The table core shared by `IntHashMap` and `IntHashSet`: open addressing with linear probing
 * over an `Int32Array` of keys (0 marks an empty slot), Fibonacci hashing, and backward-shift
 * deletion (no tombstones). The map passes its `Float64Array` of values beside the keys so
 * that deletion and growth move a value with its key; the set passes `null`.
 *
 * Plain functions over typed arrays, not a base class: each call site sees one argument shape
 * (Int32Array, Float64Array or null, small integers), the functions are small enough to
 * inline, and nothing is allocated. Callers hoist `keys`, `shift` and `mask` from their own
 * fields and pass them in. Internal: not exported from the collections entry point.
 */
import { AccessKind, type TraceSink } from '../trace/index.js';
import type { TraceOptions } from './tracing.js';

/** Options of `IntHashMap` and `IntHashSet`. */
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

/** Validates the shared options; returns [tableSlots, loadFactor]. `what` names the class in errors. */
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

/** Throws when a table of `slots` would pass the largest table. */
export function checkGrowth(what: string, slots: number): void {
  if (slots > MAX_TABLE_SLOTS) throw new RangeError(`${what} cannot grow past ${MAX_TABLE_SLOTS} slots`);
}

/**
 * Where the probe for non-zero `key` stops: the slot holding `key`, or else the empty slot
 * where an insert puts it (`keys[slot] === 0` tells which). The table has an empty slot.
 */
// One exit and one kind of result (no `~slot` for "absent"): the caller's test of `keys[slot]`
// reads a slot the probe has just loaded.
export function probeSlot(keys: Int32Array, key: number, shift: number, mask: number): number {
  let slot = Math.imul(key, PHI) >>> shift;
  for (;;) {
    const k = keys[slot]!;
    if (k === key || k === 0) return slot;
    slot = (slot + 1) & mask;
  }
}

/**
 * The value of non-zero `key` in the map `keys`/`values`, or undefined: the probe of
 * `probeSlot` with the value read at the hit, so that the caller needs no second test.
 */
// IntHashMap.get's hot path. Through probeSlot and a second test of `keys[slot]`, lookups
// took 10-15% longer than the loop written inside get (fastest rounds of in-process A/B runs,
// 10^5 random keys, the hit + miss workload of bench/collections-structs.bench.ts). What is
// left is the call through an ESM import, which TurboFan inlines but guards (cell load, hole
// check, target check, a few spills: ~20 more instructions per lookup under cachegrind):
// within noise at 10^5 keys, 10-15% at 2,000 keys (L1-resident) in the same A/B.
export function lookupValue(
  keys: Int32Array,
  values: Float64Array,
  key: number,
  shift: number,
  mask: number,
): number | undefined {
  let slot = Math.imul(key, PHI) >>> shift;
  for (;;) {
    const k = keys[slot]!;
    if (k === key) return values[slot]!;
    if (k === 0) return undefined;
    slot = (slot + 1) & mask;
  }
}

/** `probeSlot` that reports a 4-byte key load at `keysAddress + slot * 4` for every probed slot. */
export function probeSlotTraced(
  keys: Int32Array,
  key: number,
  shift: number,
  mask: number,
  trace: TraceSink,
  keysAddress: number,
): number {
  let slot = Math.imul(key, PHI) >>> shift;
  for (;;) {
    trace.access(keysAddress + slot * 4, 4, AccessKind.Load);
    const k = keys[slot]!;
    if (k === key || k === 0) return slot;
    slot = (slot + 1) & mask;
  }
}

/**
 * Removes non-zero `key` by backward shift: every later entry of its probe run whose home slot
 * is not after the hole moves back into it (its value too, when `values` is given), so lookups
 * never wade through tombstones. Returns whether `key` was present. With a `trace`, reports
 * every key load, and per move the value load, key store and value store, then the key store
 * that empties the last hole (`valuesAddress` is unused when `values` is null).
 */
export function deleteKey(
  keys: Int32Array,
  values: Float64Array | null,
  key: number,
  shift: number,
  mask: number,
  trace: TraceSink | null,
  keysAddress: number,
  valuesAddress: number,
): boolean {
  let hole = Math.imul(key, PHI) >>> shift;
  for (;;) {
    if (trace !== null) trace.access(keysAddress + hole * 4, 4, AccessKind.Load);
    const k = keys[hole]!;
    if (k === key) break;
    if (k === 0) return false;
    hole = (hole + 1) & mask;
  }
  // Walk the rest of the probe run; pull back every entry whose home slot is not after the hole.
  let next = hole;
  for (;;) {
    next = (next + 1) & mask;
    if (trace !== null) trace.access(keysAddress + next * 4, 4, AccessKind.Load);
    const k = keys[next]!;
    if (k === 0) break;
    const home = Math.imul(k, PHI) >>> shift;
    if (((next - home) & mask) >= ((next - hole) & mask)) {
      keys[hole] = k;
      if (values !== null) values[hole] = values[next]!;
      if (trace !== null) traceMove(trace, values !== null, next, hole, keysAddress, valuesAddress);
      hole = next;
    }
  }
  keys[hole] = 0;
  if (trace !== null) trace.access(keysAddress + hole * 4, 4, AccessKind.Store);
  return true;
}

function traceMove(
  trace: TraceSink,
  withValues: boolean,
  from: number,
  to: number,
  keysAddress: number,
  valuesAddress: number,
): void {
  if (withValues) trace.access(valuesAddress + from * 8, 8, AccessKind.Load);
  trace.access(keysAddress + to * 4, 4, AccessKind.Store);
  if (withValues) trace.access(valuesAddress + to * 8, 8, AccessKind.Store);
}

/**
 * Inserts every entry of `oldKeys` (and `oldValues`, when given) into the empty, larger table
 * `keys`/`values` of `shift`/`mask`. O(old capacity). Not traced: it is a bulk copy, not
 * element accesses of the program.
 */
export function reinsertAll(
  oldKeys: Int32Array,
  oldValues: Float64Array | null,
  keys: Int32Array,
  values: Float64Array | null,
  shift: number,
  mask: number,
): void {
  for (let old = 0; old < oldKeys.length; old++) {
    const k = oldKeys[old]!;
    if (k === 0) continue;
    let slot = Math.imul(k, PHI) >>> shift;
    while (keys[slot] !== 0) slot = (slot + 1) & mask;
    keys[slot] = k;
    if (values !== null) values[slot] = oldValues![old]!;
  }
}

/** The occupied keys of `keys` in table order (key 0, kept outside the table, first when `hasZero`). */
export function* tableKeys(keys: Int32Array, hasZero: boolean): Generator<number> {
  if (hasZero) yield 0;
  for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== 0) yield keys[slot]!;
}
