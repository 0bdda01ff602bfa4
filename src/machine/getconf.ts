import { execFileSync } from 'node:child_process';
import { sortCaches } from './sysfs.js';
import type { CacheInfo } from './types.js';

/** Runs `getconf -a` (glibc answers cache questions from CPUID); null when unavailable. */
export function runGetconf(): string | null {
  try {
    return execFileSync('getconf', ['-a'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    });
  } catch {
    return null;
  }
}

const GETCONF_CACHES: ReadonlyArray<{ prefix: string; level: number; type: CacheInfo['type'] }> = [
  { prefix: 'LEVEL1_ICACHE', level: 1, type: 'instruction' },
  { prefix: 'LEVEL1_DCACHE', level: 1, type: 'data' },
  { prefix: 'LEVEL2_CACHE', level: 2, type: 'unified' },
  { prefix: 'LEVEL3_CACHE', level: 3, type: 'unified' },
  { prefix: 'LEVEL4_CACHE', level: 4, type: 'unified' },
];

/**
 * Parses the cache lines of `getconf -a` output. Unknown associativity gives `ways: 0` and
 * `sets: 0`; CPU sharing is not known from getconf (`sharedByCpus: []`).
 */
export function parseGetconfCaches(text: string): CacheInfo[] {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+)\s+(\d+)\s*$/.exec(line.trim());
    if (match) values.set(match[1]!, Number(match[2]));
  }
  const caches: CacheInfo[] = [];
  for (const { prefix, level, type } of GETCONF_CACHES) {
    const sizeBytes = values.get(`${prefix}_SIZE`) ?? 0;
    if (!(sizeBytes > 0)) continue;
    const lineBytes = values.get(`${prefix}_LINESIZE`) || 64;
    const ways = values.get(`${prefix}_ASSOC`) ?? 0;
    const sets = ways > 0 ? Math.round(sizeBytes / (ways * lineBytes)) : 0;
    caches.push({ level, type, sizeBytes, lineBytes, ways, sets, sharedByCpus: [], instances: 1 });
  }
  return sortCaches(caches);
}
