/**
 * One cache level's storage: tags, dirty bits and a replacement policy over `sets × ways`
 * slots, plus its counters. The simulation paths (`general-path.ts`, the LRU kernels) decide
 * what a request does; this file only knows how to find, install and invalidate lines.
 *
 * Layout (slot = set * ways + way):
 * ```
 * tags:  Float64Array  line number (address / lineBytes, up to 2^53), INVALID_TAG when empty
 * dirty: Uint8Array    1 when the line differs from the level below
 * valid: Uint32Array   per set: number of valid ways (skips the free-way scan in full sets)
 * counters: Float64Array, slots named below
 * ```
 */
import { MissClassifier } from './classify.js';
import { createPolicy, type ReplacementPolicy } from './policy.js';
import type { LevelConfig, LevelStats } from './types.js';

/** The tag of an empty slot (line numbers are >= 0). */
export const INVALID_TAG = -1;

/** Statistic kinds: counter offsets for accesses and misses. */
export const KIND_READ = 0;
export const KIND_WRITE = 1;
export const KIND_FETCH = 2;

/** Counter slots. Accesses and misses are indexed by kind: `ACCESSES + kind`, `MISSES + kind`. */
export const ACCESSES = 0;
export const MISSES = 3;
export const EVICTIONS = 6;
export const WRITE_BACKS = 7;
export const BYTES_IN = 8;
export const BYTES_OUT = 9;
export const COMPULSORY = 10;
export const CAPACITY = 11;
export const CONFLICT = 12;
const COUNTER_COUNT = 13;

/** Inclusion modes as small integers for the hot path. */
export const NON_INCLUSIVE = 0;
export const INCLUSIVE = 1;
export const EXCLUSIVE = 2;

/** A cache level. Every field is assigned in the constructor, in this order. */
export class CacheLevel {
  readonly name: string;
  readonly sizeBytes: number;
  readonly ways: number;
  readonly lineBytes: number;
  readonly sets: number;
  /** `sets - 1` when `sets` is a power of two (set = line & setMask), else -1 (set = line mod sets). */
  readonly setMask: number;
  readonly tags: Float64Array;
  readonly dirty: Uint8Array;
  readonly valid: Uint32Array;
  readonly policy: ReplacementPolicy;
  readonly writeBack: boolean;
  readonly writeAllocate: boolean;
  readonly inclusion: number;
  readonly counters: Float64Array;
  /** 3C classification, or null when not asked for. */
  readonly classifier: MissClassifier | null;

  /**
   * `tagStorage`: where to keep the tags (length sets × ways, filled with INVALID_TAG here),
   * e.g. a view on the WebAssembly engine's memory (`lru-wasm.ts`); a new array by default.
   */
  constructor(config: LevelConfig, seed: number, classifyMisses: boolean, tagStorage?: Float64Array) {
    this.name = config.name;
    this.sizeBytes = config.sizeBytes;
    this.ways = config.ways;
    this.lineBytes = config.lineBytes;
    this.sets = config.sizeBytes / config.lineBytes / config.ways;
    const powerOfTwoSets = (this.sets & (this.sets - 1)) === 0;
    this.setMask = powerOfTwoSets ? this.sets - 1 : -1;
    const slots = this.sets * this.ways;
    if (tagStorage !== undefined && tagStorage.length !== slots) {
      throw new RangeError(
        `${this.name}: tag storage has ${tagStorage.length} slots, the level needs ${slots}`,
      );
    }
    this.tags = (tagStorage ?? new Float64Array(slots)).fill(INVALID_TAG);
    this.dirty = new Uint8Array(this.sets * this.ways);
    this.valid = new Uint32Array(this.sets);
    this.policy = createPolicy(config.policy ?? 'lru', this.sets, this.ways, seed);
    this.writeBack = (config.writePolicy ?? 'write-back') === 'write-back';
    this.writeAllocate = config.writeAllocate ?? true;
    this.inclusion =
      config.inclusion === 'inclusive'
        ? INCLUSIVE
        : config.inclusion === 'exclusive'
          ? EXCLUSIVE
          : NON_INCLUSIVE;
    this.counters = createCounters();
    this.classifier = classifyMisses ? new MissClassifier(this.sets * this.ways) : null;
  }

  /** The set of `line` (any integer line number below 2^53). */
  setOf(line: number): number {
    const mask = this.setMask;
    // `line & mask` takes the low 32 bits of the integer-valued double: exact for any line < 2^53.
    if (mask >= 0) return line & mask;
    const sets = this.sets;
    let set = line - Math.floor(line / sets) * sets;
    // The float quotient may round up by one near 2^53; bring the remainder back into range.
    if (set < 0) set += sets;
    else if (set >= sets) set -= sets;
    return set;
  }

  /** The way of `line` in the set starting at `base`, or -1. */
  find(line: number, base: number): number {
    const tags = this.tags;
    const ways = this.ways;
    for (let way = 0; way < ways; way++) if (tags[base + way] === line) return way;
    return -1;
  }

  /** The lowest empty way of the set starting at `base`, or -1 when the set is full. */
  freeWay(set: number, base: number): number {
    if (this.valid[set] === this.ways) return -1;
    const tags = this.tags;
    const ways = this.ways;
    for (let way = 0; way < ways; way++) if (tags[base + way] === INVALID_TAG) return way;
    return -1;
  }

  /** Empties a slot (the policy keeps its history; a fill resets it). */
  invalidate(set: number, slot: number): void {
    this.tags[slot] = INVALID_TAG;
    this.dirty[slot] = 0;
    this.valid[set] = this.valid[set]! - 1;
  }

  /** Puts `line` into the empty slot `base + way`. */
  place(set: number, base: number, way: number, line: number, dirty: number): void {
    const slot = base + way;
    this.tags[slot] = line;
    this.dirty[slot] = dirty;
    this.valid[set] = this.valid[set]! + 1;
    this.policy.fill(base, way);
    this.counters[BYTES_IN] = this.counters[BYTES_IN]! + this.lineBytes;
  }

  /** Empties the level and zeroes its counters. */
  reset(): void {
    this.tags.fill(INVALID_TAG);
    this.dirty.fill(0);
    this.valid.fill(0);
    this.policy.reset();
    this.counters.fill(0);
    this.classifier?.reset();
  }

  /** The level's statistics as plain data. */
  stats(): LevelStats {
    return countersToStats(this.name, this.counters, this.classifier !== null);
  }
}

/** Creates a zeroed counter array (slots `ACCESSES` … `CONFLICT`). */
export function createCounters(): Float64Array {
  return new Float64Array(COUNTER_COUNT);
}

/** Turns a counter array into `LevelStats`. */
export function countersToStats(name: string, c: Float64Array, classified: boolean): LevelStats {
  const readAccesses = c[ACCESSES + KIND_READ]!;
  const writeAccesses = c[ACCESSES + KIND_WRITE]!;
  const fetchAccesses = c[ACCESSES + KIND_FETCH]!;
  const readMisses = c[MISSES + KIND_READ]!;
  const writeMisses = c[MISSES + KIND_WRITE]!;
  const fetchMisses = c[MISSES + KIND_FETCH]!;
  const accesses = readAccesses + writeAccesses + fetchAccesses;
  const misses = readMisses + writeMisses + fetchMisses;
  const stats: LevelStats = {
    name,
    accesses,
    hits: accesses - misses,
    misses,
    readAccesses,
    readMisses,
    writeAccesses,
    writeMisses,
    fetchAccesses,
    fetchMisses,
    evictions: c[EVICTIONS]!,
    writeBacks: c[WRITE_BACKS]!,
    bytesIn: c[BYTES_IN]!,
    bytesOut: c[BYTES_OUT]!,
  };
  if (classified) {
    stats.compulsoryMisses = c[COMPULSORY]!;
    stats.capacityMisses = c[CAPACITY]!;
    stats.conflictMisses = c[CONFLICT]!;
  }
  return stats;
}
