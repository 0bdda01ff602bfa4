import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CacheInfo } from './types.js';

/** Default location of the CPU tree in Linux sysfs. */
export const SYSFS_CPU_ROOT = '/sys/devices/system/cpu';

const CACHE_TYPES: Readonly<Record<string, CacheInfo['type']>> = {
  Data: 'data',
  Instruction: 'instruction',
  Unified: 'unified',
};

/**
 * Parses a Linux CPU list such as `0-3,8,10-11` into `[0, 1, 2, 3, 8, 10, 11]`.
 * Returns an empty list for empty or malformed text.
 */
export function parseCpuList(text: string): number[] {
  const cpus: number[] = [];
  for (const part of text.trim().split(',')) {
    if (part === '') continue;
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) return [];
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    for (let cpu = first; cpu <= last; cpu++) cpus.push(cpu);
  }
  return cpus;
}

/** Parses a sysfs cache size (`48K`, `1024K`, `32M`, `512`) into bytes; NaN when unreadable. */
export function parseSysfsSize(text: string): number {
  const match = /^(\d+)\s*([KMG]?)$/i.exec(text.trim());
  if (!match) return Number.NaN;
  const factor = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(match[2] ?? '').toUpperCase()] ?? 1;
  return Number(match[1]) * factor;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}

/** One cache instance as seen from one CPU's `cache/indexN` folder. */
interface SysfsCacheEntry {
  level: number;
  type: CacheInfo['type'];
  sizeBytes: number;
  lineBytes: number;
  ways: number;
  sets: number;
  sharedByCpus: number[];
}

function readCacheEntry(folder: string): SysfsCacheEntry | null {
  const level = Number(readText(path.join(folder, 'level')));
  const type = CACHE_TYPES[readText(path.join(folder, 'type')) ?? ''];
  const sizeBytes = parseSysfsSize(readText(path.join(folder, 'size')) ?? '');
  if (!Number.isInteger(level) || level < 1 || type === undefined || !(sizeBytes > 0)) return null;
  const lineBytes = Number(readText(path.join(folder, 'coherency_line_size')) ?? Number.NaN);
  let ways = Number(readText(path.join(folder, 'ways_of_associativity')) ?? Number.NaN);
  let sets = Number(readText(path.join(folder, 'number_of_sets')) ?? Number.NaN);
  const line = lineBytes > 0 ? lineBytes : 64;
  // Derive what a partial description leaves out; ways 0 means fully associative in sysfs.
  if (!(ways > 0) && sets > 0) ways = sizeBytes / (line * sets);
  if (!(ways > 0)) ways = sizeBytes / line;
  if (!(sets > 0)) sets = Math.max(1, Math.round(sizeBytes / (line * ways)));
  const shared = parseCpuList(readText(path.join(folder, 'shared_cpu_list')) ?? '');
  return { level, type, sizeBytes, lineBytes: line, ways, sets, sharedByCpus: shared };
}

/**
 * Reads every CPU's caches from a sysfs tree (`root` = `/sys/devices/system/cpu` or a fixture)
 * and merges identical instances. Returns one `CacheInfo` per kind of cache (level + type),
 * described from the lowest-numbered CPU that has it, with `instances` counting the distinct
 * CPU sets sharing a copy. Returns `[]` when the tree has no cache information.
 */
export function readSysfsCaches(root: string = SYSFS_CPU_ROOT): CacheInfo[] {
  let cpuFolders: string[];
  try {
    cpuFolders = readdirSync(root).filter((name) => /^cpu\d+$/.test(name));
  } catch {
    return [];
  }
  cpuFolders.sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  const kinds = new Map<string, { info: CacheInfo; domains: Set<string> }>();
  for (const cpuFolder of cpuFolders) {
    const cacheRoot = path.join(root, cpuFolder, 'cache');
    let indexFolders: string[];
    try {
      indexFolders = readdirSync(cacheRoot).filter((name) => /^index\d+$/.test(name));
    } catch {
      continue;
    }
    for (const indexFolder of indexFolders) {
      const entry = readCacheEntry(path.join(cacheRoot, indexFolder));
      if (entry === null) continue;
      const key = `${entry.level}/${entry.type}`;
      const domain = entry.sharedByCpus.join(',') || cpuFolder;
      const known = kinds.get(key);
      if (known === undefined) {
        kinds.set(key, { info: { ...entry, instances: 1 }, domains: new Set([domain]) });
      } else {
        known.domains.add(domain);
        known.info.instances = known.domains.size;
      }
    }
  }
  return sortCaches([...kinds.values()].map((kind) => kind.info));
}

const TYPE_ORDER: Readonly<Record<CacheInfo['type'], number>> = { instruction: 0, data: 1, unified: 2 };

/** Sorts caches by level, then instruction before data before unified. */
export function sortCaches(caches: CacheInfo[]): CacheInfo[] {
  return caches.sort((a, b) => a.level - b.level || TYPE_ORDER[a.type] - TYPE_ORDER[b.type]);
}
