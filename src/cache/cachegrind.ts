/**
 * Cachegrind compatibility: a line-for-line model of valgrind's `cachegrind/cg_sim.c`, so that
 * softmem's miss counts equal cachegrind's exactly.
 *
 * What cachegrind does, and so what this does:
 * - I1, D1 and a unified LL; LRU kept as a move-to-front list per set; write-allocate; no
 *   dirty state, so no write-backs.
 * - The set is `line & (sets - 1)` (cachegrind insists on a power-of-two set count) and the
 *   tag is the whole line number.
 * - Tags start as 0, not invalid (cachegrind `calloc`s them): line 0 hits in a cold cache.
 * - An access touching two lines is ONE access: both lines are looked up (in order, both
 *   updating LRU), and it misses if either missed. LL sees an access only when L1 missed, with
 *   the same address and size, measured in LL's own lines.
 * - A modify (read-modify-write) counts as one read.
 * - An access over more than two lines makes cachegrind panic ("item straddles more than two
 *   cache sets"); valgrind never produces one. Here it is a `RangeError` raised before anything
 *   is simulated: `accessBatch` checks the whole batch first, so a bad access leaves no part of
 *   its batch applied.
 */
import { AccessKind } from '../trace/index.js';
import {
  ACCESSES,
  countersToStats,
  createCounters,
  KIND_FETCH,
  KIND_READ,
  KIND_WRITE,
  MISSES,
} from './level.js';
import type { LevelConfig, LevelStats } from './types.js';

/** One cachegrind cache (`cache_t2`). */
export class CachegrindCache {
  readonly name: string;
  readonly ways: number;
  readonly lineBytes: number;
  readonly invLineBytes: number;
  readonly setMask: number;
  /** `sets × ways` line numbers, most recently used first within each set. */
  readonly tags: Float64Array;

  constructor(config: LevelConfig) {
    this.name = config.name;
    this.ways = config.ways;
    this.lineBytes = config.lineBytes;
    this.invLineBytes = 1 / config.lineBytes;
    const sets = config.sizeBytes / config.lineBytes / config.ways;
    this.setMask = sets - 1;
    this.tags = new Float64Array(sets * config.ways);
  }

  /** `cachesim_setref_is_miss`: looks `line` up in its set and makes it the most recent. */
  setRefIsMiss(line: number): boolean {
    const tags = this.tags;
    const ways = this.ways;
    const base = (line & this.setMask) * ways;
    if (tags[base] === line) return false;
    let found = ways - 1;
    for (let way = 1; way < ways; way++) {
      if (tags[base + way] === line) {
        found = way;
        break;
      }
    }
    const hit = tags[base + found] === line;
    // Shift the more recent lines down one way and put `line` in front (dropping the LRU on a miss).
    for (let way = found; way > 0; way--) tags[base + way] = tags[base + way - 1]!;
    tags[base] = line;
    return !hit;
  }

  /** Why cachegrind cannot simulate an access of `size` (>= 1) bytes at `address` here, or null when it can. */
  problem(address: number, size: number): string | null {
    const first = Math.floor(address * this.invLineBytes);
    const last = Math.floor((address + size - 1) * this.invLineBytes);
    if (last - first <= 1) return null;
    return `an access of ${size} bytes at 0x${address.toString(16)} spans more than two ${this.lineBytes}-byte ${this.name} lines`;
  }

  /** `cachesim_ref_is_miss`: an access of `size` bytes at `address`, at most two lines (see `problem`). */
  refIsMiss(address: number, size: number): boolean {
    const first = Math.floor(address * this.invLineBytes);
    const last = Math.floor((address + size - 1) * this.invLineBytes);
    if (first === last) return this.setRefIsMiss(first);
    if (first + 1 === last) {
      // Always look both up: the LRU state changes as a side effect.
      const firstMissed = this.setRefIsMiss(first);
      const secondMissed = this.setRefIsMiss(last);
      return firstMissed || secondMissed;
    }
    throw new RangeError(`cachegrind: ${this.problem(address, size)}`);
  }

  reset(): void {
    this.tags.fill(0);
  }
}

/** I1 + D1 + LL with cachegrind's counting. */
export class CachegrindSimulator {
  readonly I1: CachegrindCache;
  readonly D1: CachegrindCache;
  readonly LL: CachegrindCache;
  readonly i1Counters: Float64Array;
  readonly d1Counters: Float64Array;
  readonly llCounters: Float64Array;

  constructor(i1: LevelConfig, d1: LevelConfig, ll: LevelConfig) {
    this.I1 = new CachegrindCache(i1);
    this.D1 = new CachegrindCache(d1);
    this.LL = new CachegrindCache(ll);
    this.i1Counters = createCounters();
    this.d1Counters = createCounters();
    this.llCounters = createCounters();
  }

  /**
   * One access from the trace. Throws `RangeError`, before changing anything, for a size below 1
   * or an access over more than two lines of its L1 or of LL (see `problem`).
   */
  access(address: number, size: number, kind: AccessKind): void {
    const problem = this.problem(address, size, kind);
    if (problem !== null) throw new RangeError(`cachegrind: ${problem}`);
    this.accessUnchecked(address, size, kind);
  }

  /**
   * Accesses `start … end - 1` of three columns. Checks every access first (as `access` does) and
   * throws a `RangeError` naming the first bad one before simulating any: nothing of a rejected
   * batch is applied. O(end - start) extra for the check.
   */
  accessBatch(
    addresses: Float64Array,
    sizes: Uint32Array,
    kinds: Uint8Array,
    start: number,
    end: number,
  ): void {
    for (let i = start; i < end; i++) {
      const problem = this.problem(addresses[i]!, sizes[i]!, kinds[i]!);
      if (problem !== null) {
        throw new RangeError(
          `cachegrind: access ${i} of the batch: ${problem}; nothing of the batch was simulated`,
        );
      }
    }
    for (let i = start; i < end; i++) this.accessUnchecked(addresses[i]!, sizes[i]!, kinds[i]!);
  }

  /** Why cachegrind cannot simulate this access (it would panic), or null when it can. */
  problem(address: number, size: number, kind: number): string | null {
    if (size < 1) return `an access of ${size} bytes at 0x${address.toString(16)} is not simulated`;
    return (
      (kind === AccessKind.Fetch ? this.I1 : this.D1).problem(address, size) ?? this.LL.problem(address, size)
    );
  }

  private accessUnchecked(address: number, size: number, kind: number): void {
    if (kind === AccessKind.Fetch) this.reference(this.I1, this.i1Counters, address, size, KIND_FETCH);
    else if (kind === AccessKind.Store) this.reference(this.D1, this.d1Counters, address, size, KIND_WRITE);
    // Loads and modifies (cachegrind merges a load and a store to the same address into one Dm,
    // which it logs as a read).
    else this.reference(this.D1, this.d1Counters, address, size, KIND_READ);
  }

  /** `cachesim_I1_doref_Gen` / `cachesim_D1_doref`. */
  private reference(
    l1: CachegrindCache,
    l1Counters: Float64Array,
    address: number,
    size: number,
    kind: number,
  ): void {
    l1Counters[ACCESSES + kind] = l1Counters[ACCESSES + kind]! + 1;
    if (!l1.refIsMiss(address, size)) return;
    l1Counters[MISSES + kind] = l1Counters[MISSES + kind]! + 1;
    const ll = this.llCounters;
    ll[ACCESSES + kind] = ll[ACCESSES + kind]! + 1;
    if (this.LL.refIsMiss(address, size)) ll[MISSES + kind] = ll[MISSES + kind]! + 1;
  }

  reset(): void {
    this.I1.reset();
    this.D1.reset();
    this.LL.reset();
    this.i1Counters.fill(0);
    this.d1Counters.fill(0);
    this.llCounters.fill(0);
  }

  /** I1, D1, LL statistics (accesses and misses only: cachegrind counts nothing else). */
  stats(): LevelStats[] {
    return [
      countersToStats(this.I1.name, this.i1Counters, false),
      countersToStats(this.D1.name, this.d1Counters, false),
      countersToStats(this.LL.name, this.llCounters, false),
    ];
  }
}
