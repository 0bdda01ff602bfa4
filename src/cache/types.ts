/**
 * The public vocabulary of the cache simulator: how a hierarchy is described and what it
 * reports. Plain data, JSON-friendly, so configurations can live in files and statistics
 * can be printed with `--json`.
 */

/** A replacement policy. All five share one interface (`ReplacementPolicy`) and one test suite. */
export type PolicyName = 'lru' | 'fifo' | 'random' | 'plru' | 'srrip';

/** The replacement policies softmem implements, in a stable order. */
export const POLICY_NAMES: readonly PolicyName[] = ['lru', 'fifo', 'random', 'plru', 'srrip'];

/** What a level does with a write. */
export type WritePolicy = 'write-back' | 'write-through';

/** How a level relates to the level(s) directly above it. */
export type InclusionPolicy = 'non-inclusive' | 'inclusive' | 'exclusive';

/** One cache level. */
export interface LevelConfig {
  /** A short name used in statistics and error messages: `L1d`, `I1`, `LL`, … */
  name: string;
  sizeBytes: number;
  /** Associativity; `sizeBytes / lineBytes` for a fully associative level. Sets need not be a power of two. */
  ways: number;
  /** Line size in bytes, a power of two. */
  lineBytes: number;
  /** Replacement policy; default `lru`. */
  policy?: PolicyName;
  /** Default `write-back`. */
  writePolicy?: WritePolicy;
  /** Allocate a line on a write miss; default `true`. */
  writeAllocate?: boolean;
  /** Relation to the level(s) above; default `non-inclusive`. Meaningless (and rejected) on L1. */
  inclusion?: InclusionPolicy;
  /** Cost of one access to this level, for AMAT. */
  latencyNs?: number;
}

/** A whole hierarchy. */
export interface HierarchyConfig {
  /** A split L1 instruction cache; fetches go here. Without it fetches go to `levels[0]`. */
  instruction?: LevelConfig;
  /** Data path, top first: `[L1d, L2, L3…]`. Levels below L1 are unified. */
  levels: LevelConfig[];
  /** `cachegrind` reproduces valgrind's cachegrind exactly (see `cachegrindConfig`). */
  compat?: 'cachegrind';
  /** Seed for the `random` policy (level k in stats order uses `seed + k`); default 1. */
  seed?: number;
  /** Cost of one memory access, for AMAT. */
  memoryLatencyNs?: number;
  /** Split misses into compulsory / capacity / conflict (3C). Costs a set and a shadow cache per level. */
  classifyMisses?: boolean;
  /** Record a reuse-distance histogram of the top-level line accesses. O(accesses) memory. */
  reuseHistogram?: boolean;
}

/** What one level saw. `accesses = readAccesses + writeAccesses + fetchAccesses`. */
export interface LevelStats {
  name: string;
  accesses: number;
  hits: number;
  misses: number;
  readAccesses: number;
  readMisses: number;
  /** Stores, read-for-ownership fills and write-backs arriving from above. */
  writeAccesses: number;
  writeMisses: number;
  fetchAccesses: number;
  fetchMisses: number;
  /** Valid lines replaced to make room (not invalidations). */
  evictions: number;
  /** Dirty lines written to the level below. */
  writeBacks: number;
  /** Bytes installed into this level (one line per fill). */
  bytesIn: number;
  /** Bytes written to the level below (write-backs and written-through stores). */
  bytesOut: number;
  compulsoryMisses?: number;
  capacityMisses?: number;
  conflictMisses?: number;
}

/**
 * Reuse distances of the top-level line accesses: the number of distinct lines touched since
 * the previous access to the same line.
 */
export interface ReuseHistogram {
  lineBytes: number;
  /** First accesses to a line (infinite distance). */
  coldAccesses: number;
  /** `counts[0]`: distance 0; `counts[k]` (k ≥ 1): distance in `[2^(k-1), 2^k)`. */
  counts: number[];
}

/** What the whole hierarchy saw. */
export interface HierarchyStats {
  /** One entry per level: the instruction level first when present, then the data path. */
  levels: LevelStats[];
  /** How many of `levels` are top levels fed by the trace (2 with a split L1, else 1). */
  topLevels: number;
  /** Requests that went past the last level (fills, write-throughs and write-backs). */
  memoryAccesses: number;
  /** Average access time per top-level access, when every latency is configured. */
  amatNs?: number;
  reuseHistogram?: ReuseHistogram;
}

/** Latencies for `amat`: one per entry of `HierarchyStats.levels`, plus memory. */
export interface Latencies {
  levelNs: readonly number[];
  memoryNs: number;
}
