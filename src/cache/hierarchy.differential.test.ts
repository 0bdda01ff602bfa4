/**
 * Differential tests (issue 3, done-when 2): the simulator — its general path and each engine
 * of its fast LRU path (WebAssembly, JS level by level, JS access by access) — must produce
 * exactly the statistics of the slow reference model on generated hierarchies and traces, for
 * every policy × write policy × inclusion mode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccessKind } from '../trace/index.js';
import { CacheHierarchy, type HierarchyOptions, type SimulationPath } from './hierarchy.js';
import { ReferenceHierarchy } from './reference-model.test-support.js';
import type { HierarchyConfig, InclusionPolicy, LevelConfig, PolicyName, WritePolicy } from './types.js';
import { POLICY_NAMES } from './types.js';

const LINE_BYTES = 16;
const WRITE_POLICIES: WritePolicy[] = ['write-back', 'write-through'];
const INCLUSIONS: InclusionPolicy[] = ['non-inclusive', 'inclusive', 'exclusive'];

interface Access {
  address: number;
  size: number;
  kind: AccessKind;
}

function levelArbitrary(
  name: string,
  policy: fc.Arbitrary<PolicyName>,
  top: boolean,
  inclusion: fc.Arbitrary<InclusionPolicy>,
  writePolicy: fc.Arbitrary<WritePolicy>,
) {
  return fc
    .record({
      policy,
      sets: fc.integer({ min: 1, max: 5 }),
      waysIndex: fc.integer({ min: 0, max: 3 }),
      writePolicy,
      writeAllocate: fc.boolean(),
      inclusion,
    })
    .map(({ policy, sets, waysIndex, writePolicy, writeAllocate, inclusion }): LevelConfig => {
      // tree-PLRU needs power-of-two ways; the others get any count.
      const ways = policy === 'plru' ? [1, 2, 4, 4][waysIndex]! : waysIndex + 1;
      const level: LevelConfig = {
        name,
        sizeBytes: sets * ways * LINE_BYTES,
        ways,
        lineBytes: LINE_BYTES,
        policy,
        writePolicy,
        writeAllocate,
      };
      if (!top) level.inclusion = inclusion;
      return level;
    });
}

function configArbitrary(
  policy: fc.Arbitrary<PolicyName>,
  writePolicy: fc.Arbitrary<WritePolicy>,
  inclusion: fc.Arbitrary<InclusionPolicy>,
): fc.Arbitrary<HierarchyConfig> {
  return fc
    .record({
      split: fc.boolean(),
      instruction: levelArbitrary('I1', policy, true, inclusion, writePolicy),
      levels: fc.tuple(
        levelArbitrary('L1d', policy, true, inclusion, writePolicy),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 0, maxLength: 2 }),
      ),
      lower: fc.array(levelArbitrary('Lx', policy, false, inclusion, writePolicy), {
        minLength: 2,
        maxLength: 2,
      }),
      seed: fc.integer({ min: 0, max: 1000 }),
      classifyMisses: fc.boolean(),
    })
    .map(({ split, instruction, levels: [l1, extra], lower, seed, classifyMisses }) => {
      const levels = [
        l1,
        ...lower.slice(0, extra.length).map((level, i) => ({ ...level, name: `L${i + 2}` })),
      ];
      const config: HierarchyConfig = { levels, seed, classifyMisses };
      if (split) config.instruction = instruction;
      return config;
    });
}

const traceArbitrary: fc.Arbitrary<Access[]> = fc
  .tuple(
    fc.constantFrom(0, 2 ** 40, 2 ** 52),
    fc.array(
      fc.record({
        offset: fc.integer({ min: 0, max: 40 * LINE_BYTES }),
        size: fc.integer({ min: 0, max: 2 * LINE_BYTES + 3 }),
        kind: fc.integer({ min: 0, max: 3 }) as fc.Arbitrary<AccessKind>,
      }),
      { minLength: 1, maxLength: 150 },
    ),
  )
  .map(([base, accesses]) =>
    accesses.map(({ offset, size, kind }) => ({ address: base + offset, size, kind })),
  );

/** The engines of the fast LRU path, and the options that select each. */
const FAST_ENGINES = ['lru-wasm', 'lru-stream', 'lru-fast'] as const;
type FastEngine = (typeof FAST_ENGINES)[number];
const ENGINE_OPTIONS: Record<FastEngine, HierarchyOptions> = {
  'lru-wasm': {},
  'lru-stream': { wasm: false },
  'lru-fast': { streaming: false },
};

/** The path a hierarchy that fits the LRU kernel takes with `engine`'s options (JS streaming needs a level below L1d). */
function fastPathOf(config: HierarchyConfig, engine: FastEngine): SimulationPath {
  return engine === 'lru-stream' && config.levels.length === 1 ? 'lru-fast' : engine;
}

function runBoth(config: HierarchyConfig, trace: readonly Access[], options: HierarchyOptions) {
  const simulator = new CacheHierarchy(config, options);
  const reference = new ReferenceHierarchy(config);
  // Half through the per-access API, half through the batch API.
  const half = trace.length >> 1;
  for (const { address, size, kind } of trace.slice(0, half)) {
    simulator.access(address, size, kind);
    reference.access(address, size, kind);
  }
  const rest = trace.slice(half);
  simulator.accessBatch(
    Float64Array.from(rest, (a) => a.address),
    Uint32Array.from(rest, (a) => a.size),
    Uint8Array.from(rest, (a) => a.kind),
    0,
    rest.length,
  );
  for (const { address, size, kind } of rest) reference.access(address, size, kind);
  const stats = simulator.stats();
  return {
    simulator: { levels: stats.levels, memoryAccesses: stats.memoryAccesses },
    reference: reference.stats(),
    path: simulator.path,
  };
}

describe('CacheHierarchy equals the reference model', () => {
  for (const policy of POLICY_NAMES) {
    for (const writePolicy of WRITE_POLICIES) {
      for (const inclusion of INCLUSIONS) {
        it(`${policy}, ${writePolicy}, ${inclusion} (general path)`, () => {
          fc.assert(
            fc.property(
              configArbitrary(fc.constant(policy), fc.constant(writePolicy), fc.constant(inclusion)),
              traceArbitrary,
              (config, trace) => {
                const { simulator, reference, path } = runBoth(config, trace, { fastPath: false });
                expect(path).toBe('general');
                expect(simulator).toEqual(reference);
              },
            ),
            { numRuns: 25 },
          );
        });
      }
    }
  }

  it('mixed policies, write policies and inclusion modes per level', () => {
    fc.assert(
      fc.property(
        configArbitrary(
          fc.constantFrom(...POLICY_NAMES),
          fc.constantFrom(...WRITE_POLICIES),
          fc.constantFrom(...INCLUSIONS),
        ),
        traceArbitrary,
        (config, trace) => {
          const { simulator, reference } = runBoth(config, trace, {});
          expect(simulator).toEqual(reference);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the fast LRU kernel (taken for LRU, write-back, write-allocate, non-inclusive) equals it too, with each engine (WebAssembly, JS level by level, JS access by access)', () => {
    const lruDefault = configArbitrary(
      fc.constant('lru'),
      fc.constant('write-back'),
      fc.constant('non-inclusive'),
    ).map((config) => ({
      ...config,
      classifyMisses: false,
      levels: config.levels.map((level) => ({ ...level, writeAllocate: true })),
      ...(config.instruction ? { instruction: { ...config.instruction, writeAllocate: true } } : {}),
    }));
    fc.assert(
      fc.property(lruDefault, traceArbitrary, (config, trace) => {
        for (const engine of FAST_ENGINES) {
          const { simulator, reference, path } = runBoth(config, trace, ENGINE_OPTIONS[engine]);
          expect(path).toBe(fastPathOf(config, engine));
          expect(simulator).toEqual(reference);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the fast LRU kernel equals it with wide sets (5–16 ways), where its one-pass find-and-shift runs long', () => {
    const wideLevel = (name: string) =>
      fc.record({ sets: fc.integer({ min: 1, max: 3 }), ways: fc.integer({ min: 5, max: 16 }) }).map(
        ({ sets, ways }): LevelConfig => ({
          name,
          sizeBytes: sets * ways * LINE_BYTES,
          ways,
          lineBytes: LINE_BYTES,
        }),
      );
    const wideConfig = fc
      .tuple(wideLevel('L1d'), fc.array(wideLevel('Lx'), { minLength: 0, maxLength: 2 }))
      .map(
        ([l1, lower]): HierarchyConfig => ({
          levels: [l1, ...lower.map((level, i) => ({ ...level, name: `L${i + 2}` }))],
        }),
      );
    const wideTrace = fc
      .tuple(
        fc.constantFrom(0, 2 ** 46, 2 ** 52),
        fc.array(
          fc.record({
            line: fc.integer({ min: 0, max: 80 }),
            kind: fc.integer({ min: 0, max: 1 }) as fc.Arbitrary<AccessKind>,
          }),
          { minLength: 1, maxLength: 400 },
        ),
      )
      .map(([base, accesses]) =>
        accesses.map(({ line, kind }) => ({ address: base + line * LINE_BYTES, size: 8, kind })),
      );
    fc.assert(
      fc.property(wideConfig, wideTrace, (config, trace) => {
        for (const engine of FAST_ENGINES) {
          const { simulator, reference, path } = runBoth(config, trace, ENGINE_OPTIONS[engine]);
          expect(path).toBe(fastPathOf(config, engine));
          expect(simulator).toEqual(reference);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the fast kernel handles sets that are not a power of two and big addresses', () => {
    const config: HierarchyConfig = {
      levels: [
        { name: 'L1d', sizeBytes: 3 * 2 * 64, ways: 2, lineBytes: 64 },
        { name: 'L2', sizeBytes: 5 * 4 * 64, ways: 4, lineBytes: 64 },
      ],
    };
    const trace: Access[] = [];
    for (let i = 0; i < 400; i++) {
      trace.push({
        address: 2 ** 52 + ((i * 7919) % 61) * 64 + (i % 3) * 30,
        size: 8 + (i % 50),
        kind: (i % 4) as AccessKind,
      });
    }
    for (const engine of FAST_ENGINES) {
      const { simulator, reference, path } = runBoth(config, trace, ENGINE_OPTIONS[engine]);
      expect(path).toBe(fastPathOf(config, engine));
      expect(simulator).toEqual(reference);
    }
  });
});
