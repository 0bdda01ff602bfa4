import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  type CachegrindCacheSpec,
  CacheHierarchy,
  cachegrindConfig,
  checkTraceFormat,
  type HierarchyConfig,
  hierarchyFromMachine,
  type LevelConfig,
  POLICY_NAMES,
  type PolicyName,
  readTrace,
  validateConfig,
} from '../../cache/index.js';
import { machineForSimulation } from '../../machine/index.js';
import { cachegrindTotals, formatCachegrindSummary, stringifyJson } from '../../report/index.js';
import type { TraceChunk } from '../../trace/index.js';
import { parseBytes, UsageError } from '../../util/index.js';
import type { CliIo } from '../run-cli.js';
import { resolveSources } from '../sources.js';

interface SimulateOptions {
  format?: string;
  preset?: string;
  config?: string;
  I1?: string;
  D1?: string;
  LL?: string;
  compat?: string;
  policy?: string;
  json?: true;
}

/**
 * cachegrind's own fallback caches (valgrind `cg-arch.c`, used when it cannot detect the
 * host): the hierarchy `softmem simulate` uses when given no preset and no config.
 */
const CACHEGRIND_DEFAULTS = {
  I1: [65536, 2, 64] as CachegrindCacheSpec,
  D1: [65536, 2, 64] as CachegrindCacheSpec,
  LL: [262144, 8, 64] as CachegrindCacheSpec,
};

/**
 * `softmem simulate [TRACE|-] …`: replays a trace through a cache hierarchy and prints the
 * summary in cachegrind's layout (or `--json`).
 */
export function registerSimulate(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description("replay a memory trace through a simulated cache hierarchy; prints cachegrind's summary")
    .argument('[trace]', 'trace file (lackey, din, xdin or softmem binary), or - for stdin', '-')
    .option(
      '--format <format>',
      'trace format: lackey, din, xdin or bin (default: from the extension, else the content)',
    )
    .option('--preset <name>', "hierarchy of a machine: 'this', 'athlon', 'apple-m1'")
    .option('--config <file>', 'hierarchy configuration as JSON ({ instruction?, levels: [...] })')
    .option('--I1 <size,assoc,line>', 'L1 instruction cache, as cachegrind takes it (e.g. 32768,8,64)')
    .option('--D1 <size,assoc,line>', 'L1 data cache')
    .option('--LL <size,assoc,line>', 'last-level cache')
    .option('--compat <mode>', "'cachegrind': count exactly as valgrind's cachegrind does")
    .option('--policy <policy>', `replacement policy of every level: ${POLICY_NAMES.join(', ')}`)
    .option('--json', 'print the statistics as JSON (schema softmem/1)')
    .addHelpText(
      'after',
      '\nWithout --preset or --config the hierarchy is cachegrind-shaped (I1, D1, LL; default\n' +
        `${CACHEGRIND_DEFAULTS.I1.join(',')} / ${CACHEGRIND_DEFAULTS.D1.join(',')} / ${CACHEGRIND_DEFAULTS.LL.join(',')}) and counts as cachegrind does.`,
    )
    .action(async (trace: string, options: SimulateOptions) => {
      const config = buildConfig(options, io);
      const hierarchy = new CacheHierarchy(config);
      const clampBytes = config.compat === 'cachegrind' ? minLineBytes(config) : Number.POSITIVE_INFINITY;
      const format = options.format === undefined ? undefined : checkTraceFormat(options.format);
      for await (const chunk of readTrace(trace, format === undefined ? {} : { format })) {
        if (clampBytes !== Number.POSITIVE_INFINITY) clampSizes(chunk, clampBytes);
        hierarchy.consume(chunk);
      }
      const stats = hierarchy.stats();
      if (options.json === true) {
        io.stdout(
          stringifyJson({
            schema: 'softmem/1',
            trace: trace === '-' ? '<stdin>' : trace,
            config,
            levels: stats.levels,
            memoryAccesses: stats.memoryAccesses,
            ...(stats.amatNs === undefined ? {} : { amatNs: stats.amatNs }),
            cachegrind: cachegrindTotals(stats),
          }),
        );
        return;
      }
      io.stdout(formatCachegrindSummary(cachegrindTotals(stats)));
    });
}

/** The hierarchy the options describe (validated: bad configs are one-line UsageErrors). */
function buildConfig(options: SimulateOptions, io: CliIo): HierarchyConfig {
  if (options.preset !== undefined && options.config !== undefined) {
    throw new UsageError('give --preset or --config, not both');
  }
  if (options.compat !== undefined && options.compat !== 'cachegrind') {
    throw new UsageError(`unknown --compat mode '${options.compat}' (known: cachegrind)`);
  }
  let policy: PolicyName | undefined;
  if (options.policy !== undefined) {
    if (!(POLICY_NAMES as readonly string[]).includes(options.policy)) {
      throw new UsageError(
        `unknown replacement policy '${options.policy}' (known: ${POLICY_NAMES.join(', ')})`,
      );
    }
    policy = options.policy as PolicyName;
  }
  if (options.compat === 'cachegrind' && policy !== undefined && policy !== 'lru') {
    throw new UsageError(`--compat cachegrind simulates LRU only, not --policy ${policy}`);
  }
  const I1 = options.I1 === undefined ? undefined : parseCacheSpec('--I1', options.I1);
  const D1 = options.D1 === undefined ? undefined : parseCacheSpec('--D1', options.D1);
  const LL = options.LL === undefined ? undefined : parseCacheSpec('--LL', options.LL);

  let config: HierarchyConfig;
  if (options.preset === undefined && options.config === undefined) {
    config = cachegrindConfig({
      I1: I1 ?? CACHEGRIND_DEFAULTS.I1,
      D1: D1 ?? CACHEGRIND_DEFAULTS.D1,
      LL: LL ?? CACHEGRIND_DEFAULTS.LL,
    });
    // A policy other than LRU leaves cachegrind's counting behind.
    if (policy !== undefined && policy !== 'lru') {
      const { compat: _compat, ...rest } = config;
      config = rest;
    }
  } else {
    if (options.config !== undefined) {
      config = readConfigFile(options.config);
    } else {
      // Unknown associativity or an implausible last level: simulate a stated assumption.
      const described = resolveSources(io).machineByName(options.preset ?? 'this');
      const { machine, assumptions } = machineForSimulation(described);
      for (const assumption of assumptions) io.stderr(`softmem: note: ${assumption}\n`);
      config = hierarchyFromMachine(machine);
    }
    config = structuredClone(config);
    if (I1 !== undefined)
      config.instruction = { ...(config.instruction ?? { name: 'I1' }), ...specToLevel(I1) };
    const first = config.levels?.[0];
    if (D1 !== undefined && first !== undefined) config.levels[0] = { ...first, ...specToLevel(D1) };
    const lastIndex = (config.levels?.length ?? 0) - 1;
    const last = config.levels?.[lastIndex];
    if (LL !== undefined && last !== undefined) {
      if (lastIndex === 0) throw new UsageError('--LL needs a hierarchy with a level below L1');
      config.levels[lastIndex] = { ...last, ...specToLevel(LL) };
    }
    if (options.compat === 'cachegrind') config.compat = 'cachegrind';
  }
  if (policy !== undefined) {
    if (config.instruction !== undefined) config.instruction = { ...config.instruction, policy };
    config.levels = config.levels.map((level) => ({ ...level, policy }));
  }
  return validateConfig(config);
}

/** `size,assoc,line` as cachegrind takes it (sizes may carry a unit: `32K`). */
function parseCacheSpec(flag: string, text: string): CachegrindCacheSpec {
  const parts = text.split(',');
  if (parts.length !== 3)
    throw new UsageError(`${flag} expects size,assoc,line (e.g. 32768,8,64), got '${text}'`);
  const [size, ways, line] = parts.map((part) => {
    try {
      return parseBytes(part.trim());
    } catch {
      throw new UsageError(`${flag} expects size,assoc,line (e.g. 32768,8,64), got '${text}'`);
    }
  }) as [number, number, number];
  return [size, ways, line];
}

function specToLevel([sizeBytes, ways, lineBytes]: CachegrindCacheSpec): Pick<
  LevelConfig,
  'sizeBytes' | 'ways' | 'lineBytes'
> {
  return { sizeBytes, ways, lineBytes };
}

function readConfigFile(file: string): HierarchyConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `cannot read config '${file}': ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  try {
    return JSON.parse(text) as HierarchyConfig;
  } catch (error) {
    throw new UsageError(`config '${file}' is not valid JSON: ${(error as Error).message}`);
  }
}

function minLineBytes(config: HierarchyConfig): number {
  const levels = config.instruction === undefined ? config.levels : [config.instruction, ...config.levels];
  return Math.min(...levels.map((level) => level.lineBytes));
}

/**
 * cachegrind's instrumentation caps the size of an access made by a helper (`fxsave`, 512
 * bytes) or a CAS at the smallest line size (cg_main.c); lackey reports them whole. Capping
 * here keeps replayed lackey traces equal to cachegrind.
 */
function clampSizes(chunk: TraceChunk, maxBytes: number): void {
  const sizes = chunk.sizes;
  for (let i = 0; i < chunk.length; i++) if (sizes[i]! > maxBytes) sizes[i] = maxBytes;
}
