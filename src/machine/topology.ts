import { formatBytes } from '../util/units.js';
import type { CacheInfo, MachineInfo } from './types.js';

/** A node of the drawn hierarchy: the machine, a cache instance, or a core with its CPU. */
export interface TopologyNode {
  kind: 'machine' | 'cache' | 'core';
  label: string;
  /** Logical CPUs below this node. */
  cpus: number[];
  /** The cache this node stands for, when `kind` is 'cache'. */
  cache?: CacheInfo;
  children: TopologyNode[];
}

/** `L2`, `L1d`, `L1i`: the name lstopo gives a cache. */
export function cacheName(cache: CacheInfo): string {
  const suffix = cache.type === 'data' ? 'd' : cache.type === 'instruction' ? 'i' : '';
  return `L${cache.level}${suffix}`;
}

/** `L1d 48 KiB, 12-way, 64 B lines` (associativity left out when unknown). */
export function describeCache(cache: CacheInfo): string {
  const ways =
    cache.ways === 0
      ? ''
      : cache.ways * cache.lineBytes === cache.sizeBytes
        ? ', fully assoc.'
        : `, ${cache.ways}-way`;
  return `${cacheName(cache)} ${formatBytes(cache.sizeBytes)}${ways}, ${cache.lineBytes} B lines`;
}

/** How many CPUs share one instance; unknown sharing: private L1/L2, shared L3 and beyond. */
function domainSize(cache: CacheInfo, cpus: number): number {
  if (cache.sharedByCpus.length > 0) return Math.min(cache.sharedByCpus.length, cpus);
  return cache.level >= 3 ? cpus : 1;
}

/**
 * Turns a machine into a tree as lstopo draws it: the largest caches at the top, split into
 * instances by the CPUs that share them, down to one core per CPU. CPU sharing is assumed to be
 * in contiguous blocks of equal size (true of the machines sysfs describes in practice).
 */
export function buildTopology(machine: MachineInfo): TopologyNode {
  // Highest level first; at one level, unified, then data before instruction (lstopo's order).
  const order = { unified: 0, data: 1, instruction: 2 } as const;
  const chain = [...machine.caches].sort((a, b) => b.level - a.level || order[a.type] - order[b.type]);
  const allCpus = Array.from({ length: Math.max(1, machine.cpus) }, (_, i) => i);

  const grow = (cpus: number[], depth: number): TopologyNode[] => {
    const cache = chain[depth];
    if (cache === undefined) {
      return cpus.map((cpu) => ({ kind: 'core', label: `Core + PU P#${cpu}`, cpus: [cpu], children: [] }));
    }
    const size = domainSize(cache, machine.cpus);
    const nodes: TopologyNode[] = [];
    for (let start = 0; start < cpus.length; start += size) {
      const part = cpus.slice(start, start + size);
      nodes.push({
        kind: 'cache',
        label: describeCache(cache),
        cpus: part,
        cache,
        children: grow(part, depth + 1),
      });
    }
    return nodes;
  };

  return {
    kind: 'machine',
    label: `Machine '${machine.name}': ${machine.cpuModel}, ${machine.cpus} CPU${machine.cpus === 1 ? '' : 's'}, ${machine.numaNodes} NUMA node${machine.numaNodes === 1 ? '' : 's'}, ${formatBytes(machine.pageBytes)} pages`,
    cpus: allCpus,
    children: grow(allCpus, 0),
  };
}
