import { describe, expect, it } from 'vitest';
import type { MachineInfo } from '../machine/types.js';
import { UsageError } from '../util/index.js';
import { cachegrindConfig, hierarchyFromMachine, validateConfig } from './config.js';
import { CacheHierarchy } from './hierarchy.js';
import type { HierarchyConfig, LevelConfig } from './types.js';

const L1: LevelConfig = { name: 'L1d', sizeBytes: 32768, ways: 8, lineBytes: 64 };
const withL1 = (changes: Partial<LevelConfig>): HierarchyConfig => ({ levels: [{ ...L1, ...changes }] });

describe('validateConfig', () => {
  it('fills in the defaults', () => {
    expect(validateConfig({ levels: [L1] })).toEqual({
      levels: [
        { ...L1, policy: 'lru', writePolicy: 'write-back', writeAllocate: true, inclusion: 'non-inclusive' },
      ],
    });
  });

  it('accepts set counts that are not a power of two, and fully associative levels', () => {
    expect(() => validateConfig(withL1({ sizeBytes: 3 * 8 * 64 }))).not.toThrow();
    expect(() => validateConfig(withL1({ sizeBytes: 4096, ways: 64 }))).not.toThrow();
  });

  const cases: [string, HierarchyConfig, string][] = [
    [
      'line size not a power of two',
      withL1({ lineBytes: 48 }),
      'L1d: line size must be a power of two, got 48',
    ],
    [
      'size not divisible',
      withL1({ sizeBytes: 1000 }),
      'L1d: size 1000 is not divisible by ways × line size (8 × 64 = 512)',
    ],
    ['zero ways', withL1({ ways: 0 }), 'L1d: ways must be an integer >= 1, got 0'],
    [
      'more ways than lines',
      withL1({ sizeBytes: 128, ways: 4 }),
      'L1d: size 128 is not divisible by ways × line size',
    ],
    ['zero size', withL1({ sizeBytes: 0 }), 'L1d: size must be a positive integer number of bytes, got 0'],
    [
      'tree-PLRU with 12 ways',
      withL1({ ways: 12, sizeBytes: 12 * 64 * 4, policy: 'plru' }),
      'L1d: tree-PLRU needs a power-of-two number of ways, got 12',
    ],
    ['unknown policy', withL1({ policy: 'mru' as never }), "L1d: unknown policy 'mru'"],
    ['inclusion on L1', withL1({ inclusion: 'inclusive' }), 'L1d: inclusion describes'],
    ['no levels', { levels: [] }, 'a cache hierarchy needs at least one level'],
    [
      'mixed line sizes',
      { levels: [L1, { name: 'L2', sizeBytes: 1 << 20, ways: 8, lineBytes: 128 }] },
      "L2: line size 128 differs from L1d's 64",
    ],
    ['duplicate names', { levels: [L1, { ...L1 }] }, "two cache levels are both named 'L1d'"],
    [
      'negative latency',
      withL1({ latencyNs: -1 }),
      'L1d: latency must be a finite number of ns >= 0, got -1',
    ],
  ];
  for (const [what, config, message] of cases) {
    it(`rejects ${what} with one clear line`, () => {
      let error: unknown;
      try {
        validateConfig(config);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain(message);
      expect((error as Error).message).not.toContain('\n');
      // The constructor validates too.
      expect(() => new CacheHierarchy(config)).toThrow(UsageError);
    });
  }
});

describe('cachegrindConfig', () => {
  it('builds I1 + D1 + LL in cachegrind mode', () => {
    const config = cachegrindConfig({ I1: [32768, 8, 64], D1: [32768, 8, 64], LL: [8388608, 16, 64] });
    expect(config.compat).toBe('cachegrind');
    expect(config.instruction?.name).toBe('I1');
    expect(config.levels.map((level) => [level.name, level.sizeBytes, level.ways, level.lineBytes])).toEqual([
      ['D1', 32768, 8, 64],
      ['LL', 8388608, 16, 64],
    ]);
    expect(new CacheHierarchy(config).path).toBe('cachegrind');
  });

  it("defaults to cachegrind's fallback caches", () => {
    const config = cachegrindConfig({ LL: [1 << 20, 16, 64] });
    expect(config.instruction).toMatchObject({ sizeBytes: 65536, ways: 2, lineBytes: 64 });
    expect(config.levels.map((level) => level.sizeBytes)).toEqual([65536, 1 << 20]);
  });

  it('allows different line sizes per level, as cachegrind does', () => {
    expect(() =>
      cachegrindConfig({ I1: [32768, 8, 64], D1: [32768, 8, 32], LL: [1 << 20, 16, 128] }),
    ).not.toThrow();
  });

  it("applies cachegrind's own checks", () => {
    expect(() =>
      cachegrindConfig({ I1: [32768, 8, 64], D1: [32768, 8, 64], LL: [12582912 * 3, 16, 64] }),
    ).toThrow('LL: cachegrind needs a power-of-two set count, got 36864');
    expect(() => cachegrindConfig({ I1: [32768, 8, 8], D1: [32768, 8, 64], LL: [1 << 20, 16, 64] })).toThrow(
      'I1: cachegrind needs lines of at least 16 bytes, got 8',
    );
    expect(() => cachegrindConfig({ I1: [64, 1, 64], D1: [32768, 8, 64], LL: [1 << 20, 16, 64] })).toThrow(
      'I1: cachegrind needs size > line size',
    );
    expect(() => validateConfig({ levels: [L1], compat: 'cachegrind' })).toThrow(
      'cachegrind mode needs exactly I1, D1 and LL',
    );
  });
});

describe('hierarchyFromMachine', () => {
  const machine: MachineInfo = {
    name: 'test-box',
    source: 'preset',
    cpuModel: 'Test CPU',
    cpus: 4,
    numaNodes: 1,
    pageBytes: 4096,
    transparentHugePages: null,
    caches: [
      {
        level: 1,
        type: 'instruction',
        sizeBytes: 32768,
        lineBytes: 64,
        ways: 8,
        sets: 64,
        sharedByCpus: [0],
      },
      { level: 1, type: 'data', sizeBytes: 49152, lineBytes: 64, ways: 12, sets: 64, sharedByCpus: [0] },
      {
        level: 2,
        type: 'unified',
        sizeBytes: 1310720,
        lineBytes: 64,
        ways: 10,
        sets: 2048,
        sharedByCpus: [0],
      },
      {
        level: 3,
        type: 'unified',
        sizeBytes: 12582912,
        lineBytes: 64,
        ways: 12,
        sets: 16384,
        sharedByCpus: [0, 1, 2, 3],
      },
    ],
    notes: [],
  };

  it('builds a split L1 and the unified levels, top first', () => {
    const config = hierarchyFromMachine(machine, {
      policy: 'srrip',
      latencyNs: [1, 4, 15],
      memoryLatencyNs: 90,
    });
    expect(config.instruction).toMatchObject({
      name: 'L1i',
      sizeBytes: 32768,
      ways: 8,
      policy: 'srrip',
      latencyNs: 1,
    });
    expect(
      config.levels.map((level) => [level.name, level.sizeBytes, level.ways, level.policy, level.latencyNs]),
    ).toEqual([
      ['L1d', 49152, 12, 'srrip', 1],
      ['L2', 1310720, 10, 'srrip', 4],
      ['L3', 12582912, 12, 'srrip', 15],
    ]);
    expect(config.memoryLatencyNs).toBe(90);
  });

  it('refuses a machine without an L1 data cache', () => {
    expect(() => hierarchyFromMachine({ ...machine, caches: [] })).toThrow(
      "machine 'test-box' has no L1 data cache to simulate",
    );
  });
});
