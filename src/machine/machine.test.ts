import { readdirSync } from 'node:fs';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../util/errors.js';
import { writeSysfsFixture } from './fixtures.test-support.js';
import {
  detectMachine,
  drawMachineTree,
  machineByName,
  machinePictureSpec,
  PRESET_NAMES,
  parseCpuList,
  parseGetconfCaches,
  parseSysfsSize,
  readSysfsCaches,
} from './index.js';

const K = 1024;

/** A 16-CPU machine with two L3 domains (0-7 and 8-15), L1/L2 private per CPU. */
function twoL3Domains(): string {
  return writeSysfsFixture(16, (cpu) => [
    { level: 1, type: 'Data', size: '32K', line: 64, ways: 8, sets: 64, shared: String(cpu) },
    { level: 1, type: 'Instruction', size: '32K', line: 64, ways: 8, sets: 64, shared: String(cpu) },
    { level: 2, type: 'Unified', size: '1024K', line: 64, ways: 8, sets: 2048, shared: String(cpu) },
    {
      level: 3,
      type: 'Unified',
      size: '32768K',
      line: 64,
      ways: 16,
      sets: 32768,
      shared: cpu < 8 ? '0-7' : '8-15',
    },
  ]);
}

describe('sysfs parsing', () => {
  it('reads CPU lists and sizes', () => {
    expect(parseCpuList('0-3,8,10-11')).toEqual([0, 1, 2, 3, 8, 10, 11]);
    expect(parseCpuList('')).toEqual([]);
    expect(parseCpuList('x')).toEqual([]);
    expect(parseSysfsSize('48K')).toBe(48 * K);
    expect(parseSysfsSize('32M')).toBe(32 * K * K);
    expect(parseSysfsSize('512')).toBe(512);
    expect(parseSysfsSize('big')).toBeNaN();
  });

  it('merges per-CPU folders into one entry per cache kind, counting L3 domains', () => {
    const caches = readSysfsCaches(twoL3Domains());
    expect(caches.map((c) => `L${c.level}${c.type[0]}`)).toEqual(['L1i', 'L1d', 'L2u', 'L3u']);
    const l3 = caches[3]!;
    expect(l3).toMatchObject({ sizeBytes: 32 * K * K, ways: 16, sets: 32768, lineBytes: 64, instances: 2 });
    expect(l3.sharedByCpus).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(caches[1]).toMatchObject({
      sizeBytes: 32 * K,
      ways: 8,
      sets: 64,
      sharedByCpus: [0],
      instances: 16,
    });
  });

  it('derives missing ways/sets and treats ways 0 as fully associative', () => {
    const root = writeSysfsFixture(1, () => [
      { level: 1, type: 'Data', size: '16K', line: 64, sets: 64, shared: '0' },
      { level: 2, type: 'Unified', size: '256K', line: 64, ways: 0, shared: '0' },
    ]);
    const [l1, l2] = readSysfsCaches(root);
    expect(l1).toMatchObject({ ways: 4, sets: 64 });
    expect(l2).toMatchObject({ ways: 4096, sets: 1 });
  });

  it('returns nothing for a tree without cache folders, and for a missing tree', () => {
    expect(readSysfsCaches(writeSysfsFixture(2, () => null))).toEqual([]);
    expect(readSysfsCaches('/nonexistent/softmem')).toEqual([]);
  });
});

describe('detectMachine', () => {
  const getconf = () =>
    'LEVEL1_DCACHE_SIZE 49152\nLEVEL1_DCACHE_ASSOC 12\nLEVEL1_DCACHE_LINESIZE 64\nPAGESIZE 4096\n';

  it('prefers sysfs, with CPUs from the online list', () => {
    const machine = detectMachine({ cpuRoot: twoL3Domains(), getconf });
    expect(machine.source).toBe('sysfs');
    expect(machine.cpus).toBe(16);
    expect(machine.caches).toHaveLength(4);
  });

  it('falls back to getconf and says so when sysfs has no caches', () => {
    const machine = detectMachine({ cpuRoot: writeSysfsFixture(2, () => null), getconf });
    expect(machine.source).toBe('getconf');
    expect(machine.caches).toEqual([
      {
        level: 1,
        type: 'data',
        sizeBytes: 49152,
        lineBytes: 64,
        ways: 12,
        sets: 64,
        sharedByCpus: [],
        instances: 1,
      },
    ]);
    expect(machine.notes.join('\n')).toMatch(/sysfs has no cache information/);
  });

  it('says so and continues when nothing is readable', () => {
    const machine = detectMachine({
      cpuRoot: '/nonexistent/cpu',
      nodeRoot: '/nonexistent/node',
      thpFile: '/nonexistent/thp',
      getconf: () => null,
    });
    expect(machine.caches).toEqual([]);
    expect(machine.cpus).toBeGreaterThan(0);
    expect(machine.pageBytes).toBe(4096);
    expect(machine.transparentHugePages).toBeNull();
    expect(machine.notes.join('\n')).toMatch(/no cache information is readable/);
  });

  it('flags an implausible last-level cache size', () => {
    const text =
      'LEVEL2_CACHE_SIZE 1048576\nLEVEL2_CACHE_ASSOC 8\nLEVEL3_CACHE_SIZE 532676608\nLEVEL3_CACHE_ASSOC 0\n';
    expect(parseGetconfCaches(text)[1]).toMatchObject({ level: 3, ways: 0, sets: 0, lineBytes: 64 });
    const machine = detectMachine({ cpuRoot: '/nonexistent/cpu', getconf: () => text });
    expect(machine.notes.join('\n')).toMatch(/L3 size \(508 MiB\) is implausible/);
  });

  it('on this machine agrees with sysfs when sysfs has cache information', () => {
    const machine = detectMachine();
    const sysfs = readSysfsCaches();
    const hasSysfsCaches = readdirSync('/sys/devices/system/cpu').some((cpu) => {
      try {
        return readdirSync(`/sys/devices/system/cpu/${cpu}/cache`).length > 0;
      } catch {
        return false;
      }
    });
    expect(machine.source === 'sysfs').toBe(hasSysfsCaches);
    if (machine.source === 'sysfs') expect(machine.caches).toEqual(sysfs);
    else expect(sysfs).toEqual([]);
  });
});

describe('presets', () => {
  it('include the Athlon 64 of the seed text and the Apple M1', () => {
    expect(PRESET_NAMES).toEqual(['this', 'athlon', 'apple-m1']);
    const athlon = machineByName('athlon');
    expect(athlon.caches.map((c) => [c.level, c.type, c.sizeBytes, c.ways, c.lineBytes])).toEqual([
      [1, 'instruction', 64 * K, 2, 64],
      [1, 'data', 64 * K, 2, 64],
      [2, 'unified', 512 * K, 16, 64],
    ]);
    for (const cache of machineByName('apple-m1').caches) {
      expect(cache.sets * cache.ways * cache.lineBytes).toBe(cache.sizeBytes);
    }
  });

  it('are copies, and unknown names are a UsageError', () => {
    machineByName('athlon').caches.pop();
    expect(machineByName('athlon').caches).toHaveLength(3);
    expect(() => machineByName('pentium')).toThrow(UsageError);
    expect(() => machineByName('pentium')).toThrow(
      /unknown machine preset 'pentium' \(known: this, athlon, apple-m1\)/,
    );
  });
});

describe('drawing', () => {
  it('draws lstopo-style text with one line per L3 domain and per core', () => {
    const machine = detectMachine({ cpuRoot: twoL3Domains(), getconf: () => null });
    const lines = drawMachineTree(machine).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Machine 'this': .*16 CPUs/);
    expect(lines.filter((l) => /^ {2}L3 32 MiB, 16-way, 64 B lines$/.test(l))).toHaveLength(2);
    const cores = lines.filter((l) =>
      /^ {4}L2 1 MiB.* \+ L1d 32 KiB.* \+ L1i 32 KiB.* \+ Core \+ PU P#\d+$/.test(l),
    );
    expect(cores).toHaveLength(16);
    expect(cores[15]).toMatch(/P#15$/);
  });

  it('gives a Vega-Lite picture that renders to SVG with every box labelled', async () => {
    const machine = machineByName('apple-m1');
    const spec = machinePictureSpec(machine);
    const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: 'none' });
    const svg = await view.toSVG();
    view.finalize();
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('L2 12 MiB, 12-way, 128 B lines');
    expect(svg.match(/>Core \+ PU P#\d<\/text>/g)).toHaveLength(4);
  });
});
