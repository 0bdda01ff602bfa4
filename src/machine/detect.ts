import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatBytes } from '../util/units.js';
import { parseGetconfCaches, runGetconf } from './getconf.js';
import { MAX_PLAUSIBLE_CACHE_BYTES } from './simulable.js';
import { parseCpuList, readSysfsCaches, SYSFS_CPU_ROOT } from './sysfs.js';
import type { CacheInfo, MachineInfo, MachineSource } from './types.js';

/** Where `detectMachine` looks; tests point these at fixture trees. */
export interface DetectOptions {
  /** The sysfs CPU folder (default `/sys/devices/system/cpu`). */
  cpuRoot?: string;
  /** The sysfs NUMA folder (default `/sys/devices/system/node`). */
  nodeRoot?: string;
  /** The transparent huge pages `enabled` file. */
  thpFile?: string;
  /** `getconf -a` output, or null when getconf is unavailable (default: run it). */
  getconf?: () => string | null;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Detects this machine's memory hierarchy: caches from sysfs, else from `getconf` (CPUID via
 * glibc), else none; plus CPUs, NUMA nodes, page size and transparent huge pages. Whatever cannot
 * be read is said in `notes`, and detection goes on.
 *
 * @example
 * ```ts
 * const machine = detectMachine();
 * machine.caches.find((c) => c.level === 1 && c.type === 'data')?.sizeBytes; // 49152 here
 * ```
 */
export function detectMachine(options: DetectOptions = {}): MachineInfo {
  const cpuRoot = options.cpuRoot ?? SYSFS_CPU_ROOT;
  const notes: string[] = [];
  let getconfOutput: string | null | undefined;
  const getconf = (): string | null => {
    if (getconfOutput === undefined) getconfOutput = (options.getconf ?? runGetconf)();
    return getconfOutput;
  };
  let source: MachineSource = 'sysfs';
  let caches: CacheInfo[] = readSysfsCaches(cpuRoot);
  if (caches.length === 0) {
    notes.push(`sysfs has no cache information (${path.join(cpuRoot, 'cpu*/cache')})`);
    const text = getconf();
    caches = text === null ? [] : parseGetconfCaches(text);
    if (caches.length > 0) {
      source = 'getconf';
      notes.push('caches from getconf (CPUID via glibc): sharing between CPUs is unknown');
      for (const cache of caches) {
        if (cache.ways === 0)
          notes.push(`getconf does not give the associativity of L${cache.level} ${cache.type}`);
      }
    } else {
      notes.push('no cache information is readable on this machine (neither sysfs nor getconf)');
    }
  }
  const last = caches[caches.length - 1];
  if (last !== undefined && last.sizeBytes > MAX_PLAUSIBLE_CACHE_BYTES) {
    notes.push(
      `the reported L${last.level} size (${formatBytes(last.sizeBytes)}) is implausible; a hypervisor may be reporting a made-up value`,
    );
  }

  const online = parseCpuList(readText(path.join(cpuRoot, 'online')) ?? '');
  const cpus = online.length > 0 ? online.length : os.availableParallelism();

  let numaNodes = 1;
  try {
    const nodes = readdirSync(options.nodeRoot ?? '/sys/devices/system/node').filter((n) =>
      /^node\d+$/.test(n),
    );
    if (nodes.length > 0) numaNodes = nodes.length;
    else notes.push('no NUMA information in sysfs; assuming 1 node');
  } catch {
    notes.push('no NUMA information in sysfs; assuming 1 node');
  }

  const thpText = readText(options.thpFile ?? '/sys/kernel/mm/transparent_hugepage/enabled');
  const transparentHugePages = thpText === null ? null : (/\[(\w+)\]/.exec(thpText)?.[1] ?? null);
  if (transparentHugePages === null) notes.push('transparent huge pages: unknown');

  return {
    name: 'this',
    source,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus,
    numaNodes,
    pageBytes: pageBytes(getconf()),
    transparentHugePages,
    caches,
    notes,
  };
}

/** The page size from getconf output (`PAGESIZE` / `PAGE_SIZE`), else 4096 (x86-64 Linux). */
function pageBytes(getconfText: string | null): number {
  const match = /^PAGE_?SIZE\s+(\d+)\s*$/m.exec(getconfText ?? '');
  return match ? Number(match[1]) : 4096;
}
