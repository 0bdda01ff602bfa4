/**
 * Replacement policies. Every policy implements `ReplacementPolicy` over one flat per-level
 * state array indexed by `slot = set * ways + way` (`base = set * ways`):
 *
 * ```
 * slot:   | set 0: way 0 … way w-1 | set 1: way 0 … | …
 * lru:    last-use stamp (Float64, level clock)
 * fifo:   fill stamp     (Float64, level clock)
 * plru:   tree bits: node n of the set at base + n (n = 1 … w-1; node 0 unused)
 * srrip:  re-reference prediction value (RRPV), 0 … 3
 * random: no state; a seeded `Random`
 * ```
 *
 * The level asks for a victim only when every way of the set is valid (it fills invalid
 * ways first, lowest way first), and calls `touch` on a hit and `fill` after installing.
 * A simulation uses one policy class per level, chosen once in the constructor, so the
 * call sites in the inner loop stay monomorphic.
 */
import { Random } from '../util/index.js';
import type { PolicyName } from './types.js';

/** The interface every replacement policy implements. */
export interface ReplacementPolicy {
  readonly name: PolicyName;
  /** The line in `base + way` was hit. */
  touch(base: number, way: number): void;
  /** A line was just installed in `base + way`. */
  fill(base: number, way: number): void;
  /** The way to evict from the full set starting at `base`. */
  victim(base: number): number;
  /** Forgets all history (the level is emptied). */
  reset(): void;
}

/** Index of the level clock in the stamp policies' `clock` array. */
const CLOCK = 0;

/** Least recently used: a stamp per line, the victim has the oldest. O(ways) victim, O(1) touch. */
export class LruPolicy implements ReplacementPolicy {
  readonly name: PolicyName = 'lru';
  readonly ways: number;
  readonly stamps: Float64Array;
  /** The level clock lives in a typed array so that it is never a boxed double field. */
  readonly clock: Float64Array;

  constructor(sets: number, ways: number) {
    this.ways = ways;
    this.stamps = new Float64Array(sets * ways);
    this.clock = new Float64Array(1);
  }

  touch(base: number, way: number): void {
    const now = this.clock[CLOCK]! + 1;
    this.clock[CLOCK] = now;
    this.stamps[base + way] = now;
  }

  fill(base: number, way: number): void {
    this.touch(base, way);
  }

  victim(base: number): number {
    const stamps = this.stamps;
    const ways = this.ways;
    let best = 0;
    let oldest = stamps[base]!;
    for (let way = 1; way < ways; way++) {
      const stamp = stamps[base + way]!;
      if (stamp < oldest) {
        oldest = stamp;
        best = way;
      }
    }
    return best;
  }

  reset(): void {
    this.stamps.fill(0);
    this.clock[CLOCK] = 0;
  }
}

/** First in, first out: like LRU but hits do not refresh the stamp. */
export class FifoPolicy implements ReplacementPolicy {
  readonly name: PolicyName = 'fifo';
  readonly ways: number;
  readonly stamps: Float64Array;
  readonly clock: Float64Array;

  constructor(sets: number, ways: number) {
    this.ways = ways;
    this.stamps = new Float64Array(sets * ways);
    this.clock = new Float64Array(1);
  }

  touch(_base: number, _way: number): void {}

  fill(base: number, way: number): void {
    const now = this.clock[CLOCK]! + 1;
    this.clock[CLOCK] = now;
    this.stamps[base + way] = now;
  }

  victim(base: number): number {
    const stamps = this.stamps;
    const ways = this.ways;
    let best = 0;
    let oldest = stamps[base]!;
    for (let way = 1; way < ways; way++) {
      const stamp = stamps[base + way]!;
      if (stamp < oldest) {
        oldest = stamp;
        best = way;
      }
    }
    return best;
  }

  reset(): void {
    this.stamps.fill(0);
    this.clock[CLOCK] = 0;
  }
}

/** Uniformly random victim from a seeded generator (`Random.below`: unbiased for any way count). */
export class RandomPolicy implements ReplacementPolicy {
  readonly name: PolicyName = 'random';
  readonly ways: number;
  private readonly seed: number;
  private random: Random;

  constructor(_sets: number, ways: number, seed: number) {
    this.ways = ways;
    this.seed = seed;
    this.random = new Random(seed);
  }

  touch(_base: number, _way: number): void {}

  fill(_base: number, _way: number): void {}

  victim(_base: number): number {
    return this.random.below(this.ways);
  }

  reset(): void {
    this.random = new Random(this.seed);
  }
}

/**
 * Tree pseudo-LRU for a power-of-two number of ways: a binary tree of `ways - 1` bits per
 * set, node `n` has children `2n` and `2n + 1`, leaves `ways … 2·ways - 1` are the ways.
 * A bit of 0 means "the victim is on the left". An access flips the bits on its path to
 * point away from it; the victim follows the bits from the root.
 */
export class PlruPolicy implements ReplacementPolicy {
  readonly name: PolicyName = 'plru';
  readonly ways: number;
  readonly bits: Uint8Array;

  constructor(sets: number, ways: number) {
    if (ways < 1 || (ways & (ways - 1)) !== 0) {
      throw new RangeError(`tree-PLRU needs a power-of-two number of ways, got ${ways}`);
    }
    this.ways = ways;
    this.bits = new Uint8Array(sets * ways);
  }

  touch(base: number, way: number): void {
    const bits = this.bits;
    let node = (this.ways + way) | 0;
    while (node > 1) {
      const parent = node >>> 1;
      // Came from the left child → the victim should be looked for on the right (bit 1).
      bits[base + parent] = (node & 1) === 0 ? 1 : 0;
      node = parent;
    }
  }

  fill(base: number, way: number): void {
    this.touch(base, way);
  }

  victim(base: number): number {
    const bits = this.bits;
    const ways = this.ways;
    let node = 1;
    while (node < ways) node = (node << 1) | bits[base + node]!;
    return node - ways;
  }

  reset(): void {
    this.bits.fill(0);
  }
}

/** The largest re-reference prediction value of 2-bit SRRIP ("distant re-reference"). */
export const SRRIP_MAX_RRPV = 3;

/**
 * Static re-reference interval prediction (Jaleel et al., ISCA 2010), 2-bit, hit priority:
 * a new line gets RRPV 2 ("long"), a hit sets 0, the victim is the first way with RRPV 3,
 * ageing the whole set until one exists.
 */
export class SrripPolicy implements ReplacementPolicy {
  readonly name: PolicyName = 'srrip';
  readonly ways: number;
  readonly rrpv: Uint8Array;

  constructor(sets: number, ways: number) {
    this.ways = ways;
    this.rrpv = new Uint8Array(sets * ways);
  }

  touch(base: number, way: number): void {
    this.rrpv[base + way] = 0;
  }

  fill(base: number, way: number): void {
    this.rrpv[base + way] = SRRIP_MAX_RRPV - 1;
  }

  victim(base: number): number {
    const rrpv = this.rrpv;
    const ways = this.ways;
    for (;;) {
      for (let way = 0; way < ways; way++) if (rrpv[base + way] === SRRIP_MAX_RRPV) return way;
      for (let way = 0; way < ways; way++) rrpv[base + way] = rrpv[base + way]! + 1;
    }
  }

  reset(): void {
    this.rrpv.fill(0);
  }
}

/** Creates the policy named `name` for a level of `sets × ways` lines. */
export function createPolicy(name: PolicyName, sets: number, ways: number, seed: number): ReplacementPolicy {
  switch (name) {
    case 'lru':
      return new LruPolicy(sets, ways);
    case 'fifo':
      return new FifoPolicy(sets, ways);
    case 'random':
      return new RandomPolicy(sets, ways, seed);
    case 'plru':
      return new PlruPolicy(sets, ways);
    case 'srrip':
      return new SrripPolicy(sets, ways);
  }
}
