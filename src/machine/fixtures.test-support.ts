import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One cache index folder of a fixture CPU. */
export interface FixtureCache {
  level: number;
  type: 'Data' | 'Instruction' | 'Unified';
  size: string;
  line?: number;
  ways?: number;
  sets?: number;
  shared: string;
}

/**
 * Writes a fake `/sys/devices/system/cpu` tree: `caches(cpu)` gives each CPU's cache folders
 * (or null for a CPU without a cache folder). Returns the root.
 */
export function writeSysfsFixture(cpus: number, caches: (cpu: number) => FixtureCache[] | null): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'softmem-sysfs-'));
  writeFileSync(path.join(root, 'online'), cpus === 1 ? '0\n' : `0-${cpus - 1}\n`);
  for (let cpu = 0; cpu < cpus; cpu++) {
    const cpuDir = path.join(root, `cpu${cpu}`);
    mkdirSync(cpuDir, { recursive: true });
    const list = caches(cpu);
    if (list === null) continue;
    list.forEach((cache, index) => {
      const dir = path.join(cpuDir, 'cache', `index${index}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'level'), `${cache.level}\n`);
      writeFileSync(path.join(dir, 'type'), `${cache.type}\n`);
      writeFileSync(path.join(dir, 'size'), `${cache.size}\n`);
      if (cache.line !== undefined) writeFileSync(path.join(dir, 'coherency_line_size'), `${cache.line}\n`);
      if (cache.ways !== undefined) writeFileSync(path.join(dir, 'ways_of_associativity'), `${cache.ways}\n`);
      if (cache.sets !== undefined) writeFileSync(path.join(dir, 'number_of_sets'), `${cache.sets}\n`);
      writeFileSync(path.join(dir, 'shared_cpu_list'), `${cache.shared}\n`);
    });
  }
  return root;
}
