/**
 * Checking and building hierarchy configurations: `validateConfig` (every user-facing
 * mistake becomes a one-line `UsageError`), `cachegrindConfig` (valgrind's I1/D1/LL triple)
 * and `hierarchyFromMachine` (a detected machine or a preset).
 */
import type { MachineInfo } from '../machine/types.js';
import { UsageError } from '../util/index.js';
import { type HierarchyConfig, type LevelConfig, POLICY_NAMES, type PolicyName } from './types.js';

/** Cachegrind refuses lines shorter than this (cg_arch.h `MIN_LINE_SIZE`). */
const CACHEGRIND_MIN_LINE_BYTES = 16;
/** The simulator keeps 8-byte tags plus policy state per line; beyond this a level would not fit in memory. */
const MAX_LINES_PER_LEVEL = 2 ** 26;

function isPowerOfTwo(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1 && 2 ** Math.round(Math.log2(value)) === value;
}

function checkLevel(level: LevelConfig, top: boolean): LevelConfig {
  const name = level.name;
  if (typeof name !== 'string' || name.length === 0) throw new UsageError('every cache level needs a name');
  const { sizeBytes, ways, lineBytes } = level;
  if (!Number.isSafeInteger(lineBytes) || lineBytes < 1) {
    throw new UsageError(`${name}: line size must be a positive integer, got ${String(lineBytes)}`);
  }
  if (!isPowerOfTwo(lineBytes))
    throw new UsageError(`${name}: line size must be a power of two, got ${lineBytes}`);
  if (!Number.isSafeInteger(ways) || ways < 1) {
    throw new UsageError(`${name}: ways must be an integer >= 1, got ${String(ways)}`);
  }
  if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 1) {
    throw new UsageError(
      `${name}: size must be a positive integer number of bytes, got ${String(sizeBytes)}`,
    );
  }
  if (sizeBytes % (ways * lineBytes) !== 0) {
    throw new UsageError(
      `${name}: size ${sizeBytes} is not divisible by ways × line size (${ways} × ${lineBytes} = ${ways * lineBytes})`,
    );
  }
  if (sizeBytes / lineBytes > MAX_LINES_PER_LEVEL) {
    throw new UsageError(
      `${name}: ${sizeBytes / lineBytes} lines are more than the ${MAX_LINES_PER_LEVEL} supported`,
    );
  }
  const policy: PolicyName = level.policy ?? 'lru';
  if (!POLICY_NAMES.includes(policy)) {
    throw new UsageError(`${name}: unknown policy '${String(policy)}' (expected ${POLICY_NAMES.join(', ')})`);
  }
  if (policy === 'plru' && !isPowerOfTwo(ways)) {
    throw new UsageError(`${name}: tree-PLRU needs a power-of-two number of ways, got ${ways}`);
  }
  const writePolicy = level.writePolicy ?? 'write-back';
  if (writePolicy !== 'write-back' && writePolicy !== 'write-through') {
    throw new UsageError(
      `${name}: write policy must be write-back or write-through, got '${String(writePolicy)}'`,
    );
  }
  const writeAllocate = level.writeAllocate ?? true;
  if (typeof writeAllocate !== 'boolean')
    throw new UsageError(`${name}: writeAllocate must be true or false`);
  const inclusion = level.inclusion ?? 'non-inclusive';
  if (inclusion !== 'non-inclusive' && inclusion !== 'inclusive' && inclusion !== 'exclusive') {
    throw new UsageError(
      `${name}: inclusion must be non-inclusive, inclusive or exclusive, got '${String(inclusion)}'`,
    );
  }
  if (top && inclusion !== 'non-inclusive') {
    throw new UsageError(
      `${name}: inclusion describes a level's relation to the level above; an L1 has none`,
    );
  }
  const resolved: LevelConfig = {
    name,
    sizeBytes,
    ways,
    lineBytes,
    policy,
    writePolicy,
    writeAllocate,
    inclusion,
  };
  if (level.latencyNs !== undefined) {
    if (!Number.isFinite(level.latencyNs) || level.latencyNs < 0) {
      throw new UsageError(
        `${name}: latency must be a finite number of ns >= 0, got ${String(level.latencyNs)}`,
      );
    }
    resolved.latencyNs = level.latencyNs;
  }
  return resolved;
}

function checkCachegrindLevel(level: LevelConfig): void {
  const { name, sizeBytes, ways, lineBytes } = level;
  // The same checks, in the same order, as cachegrind's check_cache (cg_arch.c).
  const sets = sizeBytes / lineBytes / ways;
  if (sizeBytes % (lineBytes * ways) !== 0 || !isPowerOfTwo(sets)) {
    throw new UsageError(`${name}: cachegrind needs a power-of-two set count, got ${sets}`);
  }
  if (lineBytes < CACHEGRIND_MIN_LINE_BYTES) {
    throw new UsageError(
      `${name}: cachegrind needs lines of at least ${CACHEGRIND_MIN_LINE_BYTES} bytes, got ${lineBytes}`,
    );
  }
  if (sizeBytes <= lineBytes) throw new UsageError(`${name}: cachegrind needs size > line size`);
  if ((level.policy ?? 'lru') !== 'lru') throw new UsageError(`${name}: cachegrind simulates LRU only`);
}

/**
 * Checks a configuration and returns it with every default filled in. Throws `UsageError`
 * with one line naming the level and the problem, e.g.
 * `L1d: line size must be a power of two, got 48`.
 *
 * @example
 * ```ts
 * validateConfig({ levels: [{ name: 'L1d', sizeBytes: 32768, ways: 8, lineBytes: 64 }] });
 * ```
 */
export function validateConfig(config: HierarchyConfig): HierarchyConfig {
  if (config === null || typeof config !== 'object' || !Array.isArray(config.levels)) {
    throw new UsageError('a cache hierarchy needs a list of levels');
  }
  if (config.levels.length === 0) throw new UsageError('a cache hierarchy needs at least one level');
  const instruction = config.instruction === undefined ? undefined : checkLevel(config.instruction, true);
  const levels = config.levels.map((level, i) => checkLevel(level, i === 0));
  const all = instruction ? [instruction, ...levels] : levels;
  const names = new Set<string>();
  for (const level of all) {
    if (names.has(level.name)) throw new UsageError(`two cache levels are both named '${level.name}'`);
    names.add(level.name);
  }
  const result: HierarchyConfig = { levels };
  if (instruction) result.instruction = instruction;
  if (config.compat !== undefined) {
    if (config.compat !== 'cachegrind') {
      throw new UsageError(`unknown compatibility mode '${String(config.compat)}' (expected cachegrind)`);
    }
    if (!instruction || levels.length !== 2) {
      throw new UsageError('cachegrind mode needs exactly I1, D1 and LL');
    }
    for (const level of all) checkCachegrindLevel(level);
    result.compat = 'cachegrind';
  } else {
    const lineBytes = levels[0]!.lineBytes;
    for (const level of all) {
      if (level.lineBytes !== lineBytes) {
        throw new UsageError(
          `${level.name}: line size ${level.lineBytes} differs from ${levels[0]!.name}'s ${lineBytes}; all levels share one line size (mixed sizes only in cachegrind mode)`,
        );
      }
    }
  }
  if (config.seed !== undefined) {
    if (!Number.isSafeInteger(config.seed))
      throw new UsageError(`seed must be an integer, got ${String(config.seed)}`);
    result.seed = config.seed;
  }
  if (config.memoryLatencyNs !== undefined) {
    if (!Number.isFinite(config.memoryLatencyNs) || config.memoryLatencyNs < 0) {
      throw new UsageError(
        `memory latency must be a finite number of ns >= 0, got ${String(config.memoryLatencyNs)}`,
      );
    }
    result.memoryLatencyNs = config.memoryLatencyNs;
  }
  if (config.classifyMisses) result.classifyMisses = true;
  if (config.reuseHistogram) result.reuseHistogram = true;
  return result;
}

/** A cache as cachegrind's `--I1=size,assoc,line` option gives it. */
export type CachegrindCacheSpec = readonly [sizeBytes: number, ways: number, lineBytes: number];

/** Caches of a cachegrind run: `--I1`, `--D1` and `--LL` as `[sizeBytes, ways, lineBytes]`. */
export interface CachegrindCaches {
  I1: CachegrindCacheSpec;
  D1: CachegrindCacheSpec;
  LL: CachegrindCacheSpec;
}

/**
 * Cachegrind's own fallback when it cannot detect the caches (cg_arch.c `configure_caches`,
 * "defaults are for a model 3 or 4 Athlon"): 64 KiB 2-way I1 and D1, 256 KiB 8-way LL, 64 B lines.
 */
export const CACHEGRIND_DEFAULT_CACHES: Readonly<CachegrindCaches> = {
  I1: [65536, 2, 64],
  D1: [65536, 2, 64],
  LL: [262144, 8, 64],
};

/**
 * The configuration that reproduces `valgrind --tool=cachegrind --cache-sim=yes --I1=… --D1=… --LL=…`.
 * Caches not given take cachegrind's defaults (`CACHEGRIND_DEFAULT_CACHES`).
 *
 * @example
 * ```ts
 * const config = cachegrindConfig({ I1: [32768, 8, 64], D1: [32768, 8, 64], LL: [8388608, 16, 64] });
 * ```
 */
export function cachegrindConfig(options: Partial<CachegrindCaches> = {}): HierarchyConfig {
  const caches = { ...CACHEGRIND_DEFAULT_CACHES, ...options };
  const level = (name: string, [sizeBytes, ways, lineBytes]: CachegrindCacheSpec): LevelConfig => ({
    name,
    sizeBytes,
    ways,
    lineBytes,
  });
  return validateConfig({
    instruction: level('I1', caches.I1),
    levels: [level('D1', caches.D1), level('LL', caches.LL)],
    compat: 'cachegrind',
  });
}

/** Settings applied on top of a machine description by `hierarchyFromMachine`. */
export interface MachineOverrides {
  /** Replacement policy for every level. */
  policy?: PolicyName;
  seed?: number;
  classifyMisses?: boolean;
  reuseHistogram?: boolean;
  /** Per-level latencies, top (L1) first; the instruction cache shares the L1 entry. */
  latencyNs?: readonly number[];
  memoryLatencyNs?: number;
}

/**
 * A hierarchy shaped like a machine (`softmem machine`, or a preset such as `athlon` or
 * `apple-m1`): split L1 when the machine has an L1 instruction cache, then every data or
 * unified level, top first.
 */
export function hierarchyFromMachine(
  machine: MachineInfo,
  overrides: MachineOverrides = {},
): HierarchyConfig {
  const sorted = [...machine.caches].sort((a, b) => a.level - b.level);
  const toLevel = (cache: MachineInfo['caches'][number], name: string): LevelConfig => {
    const level: LevelConfig = {
      name,
      sizeBytes: cache.sizeBytes,
      ways: cache.ways,
      lineBytes: cache.lineBytes,
    };
    if (overrides.policy) level.policy = overrides.policy;
    const latency = overrides.latencyNs?.[cache.level - 1];
    if (latency !== undefined) level.latencyNs = latency;
    return level;
  };
  const instructionCache = sorted.find((c) => c.level === 1 && c.type === 'instruction');
  const dataCaches = sorted.filter((c) => c.type !== 'instruction');
  if (!dataCaches.some((c) => c.level === 1)) {
    throw new UsageError(`machine '${machine.name}' has no L1 data cache to simulate`);
  }
  const config: HierarchyConfig = {
    levels: dataCaches.map((cache) => toLevel(cache, cache.level === 1 ? 'L1d' : `L${cache.level}`)),
  };
  if (instructionCache) config.instruction = toLevel(instructionCache, 'L1i');
  if (overrides.seed !== undefined) config.seed = overrides.seed;
  if (overrides.classifyMisses) config.classifyMisses = true;
  if (overrides.reuseHistogram) config.reuseHistogram = true;
  if (overrides.memoryLatencyNs !== undefined) config.memoryLatencyNs = overrides.memoryLatencyNs;
  return validateConfig(config);
}
