import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DoubleFreeError,
  HeapBufferOverflowError,
  HeapUseAfterFreeError,
  MALLOC_ALIGN_BYTES,
  Sandbox,
  type SandboxOptions,
  Shadow,
  u8,
} from './index.js';

/** Random steps per configuration: ≥ 10⁴ in `npm test`, more with SOFTMEM_SANDBOX_STEPS. */
const STEPS = Math.max(10_000, Number(process.env.SOFTMEM_SANDBOX_STEPS ?? 0) || 0);
const STEPS_PER_RUN = 200;
const RUNS = Math.ceil(STEPS / STEPS_PER_RUN);

const SMALL_SPACE: SandboxOptions = {
  sizeBytes: 2 * 1024 * 1024,
  stackBytes: 64 * 1024,
  staticBytes: 4096,
  guardBytes: 4096,
  recordSites: false,
};

type Step =
  | { op: 'malloc'; bytes: number }
  | { op: 'calloc'; count: number; size: number }
  | { op: 'aligned'; alignLog2: number; bytes: number }
  | { op: 'realloc'; pick: number; bytes: number }
  | { op: 'free'; pick: number }
  | { op: 'write'; pick: number; offset: number; value: number }
  | { op: 'read'; pick: number; offset: number };

const bytesArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 256 }) },
  { weight: 2, arbitrary: fc.integer({ min: 257, max: 4096 }) },
  { weight: 1, arbitrary: fc.integer({ min: 4097, max: 40_000 }) },
);
const pickArb = fc.nat({ max: 1 << 16 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('malloc' as const), bytes: bytesArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('calloc' as const),
      count: fc.integer({ min: 0, max: 64 }),
      size: fc.integer({ min: 1, max: 16 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('aligned' as const),
      alignLog2: fc.integer({ min: 4, max: 12 }),
      bytes: bytesArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('realloc' as const), pick: pickArb, bytes: bytesArb }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('free' as const), pick: pickArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('write' as const),
      pick: pickArb,
      offset: pickArb,
      value: fc.nat({ max: 255 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('read' as const), pick: pickArb, offset: pickArb }) },
);

/** A plain assertion: `expect` costs microseconds and this runs on every step. */
function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

/** The obviously-correct model: each live block's address, size and bytes. */
interface ModelBlock {
  address: number;
  contents: Uint8Array;
  alignBytes: number;
}

function fillPattern(block: ModelBlock, seed: number): void {
  for (let i = 0; i < block.contents.length; i++) block.contents[i] = (seed + i * 31) & 255;
}

/** Runs `steps` against a sandbox and the model; returns the number of steps executed. */
function runModel(sb: Sandbox, options: SandboxOptions, steps: readonly Step[]): number {
  sb.reset();
  const live: ModelBlock[] = [];
  const expectNoOverlap = (block: ModelBlock) => {
    const end = block.address + Math.max(block.contents.length, 1);
    for (const other of live) {
      if (other === block) continue;
      const otherEnd = other.address + Math.max(other.contents.length, 1);
      check(block.address >= otherEnd || end <= other.address, `blocks overlap at ${block.address}`);
    }
  };
  const adopt = (address: number, contents: Uint8Array, alignBytes: number): void => {
    check(address % alignBytes === 0, `address ${address} not aligned to ${alignBytes}`);
    const block = { address, contents, alignBytes };
    expectNoOverlap(block);
    live.push(block);
    sb.memory.u8.set(contents, address);
    sb.memory.poison(address, address + contents.length, Shadow.Ok);
  };
  const expectContents = (block: ModelBlock) => {
    const actual = sb.memory.u8.subarray(block.address, block.address + block.contents.length);
    check(
      Buffer.from(actual).equals(Buffer.from(block.contents)),
      `contents of block ${block.address} changed`,
    );
  };
  for (const step of steps) {
    switch (step.op) {
      case 'malloc': {
        const p = sb.malloc(step.bytes);
        if (p.isNull()) break;
        const contents = new Uint8Array(step.bytes);
        const block = { address: p.address, contents, alignBytes: MALLOC_ALIGN_BYTES };
        fillPattern(block, p.address);
        adopt(p.address, contents, MALLOC_ALIGN_BYTES);
        break;
      }
      case 'calloc': {
        const p = sb.calloc(step.count, step.size);
        if (p.isNull()) break;
        const bytes = step.count * step.size;
        check(
          sb.memory.u8.subarray(p.address, p.address + bytes).every((b) => b === 0),
          'calloc not zeroed',
        );
        adopt(p.address, new Uint8Array(bytes), MALLOC_ALIGN_BYTES);
        break;
      }
      case 'aligned': {
        const alignBytes = 2 ** step.alignLog2;
        const p = sb.alignedAlloc(alignBytes, step.bytes);
        if (p.isNull()) break;
        const contents = new Uint8Array(step.bytes);
        fillPattern({ address: p.address, contents, alignBytes }, p.address + 7);
        adopt(p.address, contents, alignBytes);
        break;
      }
      case 'realloc': {
        if (live.length === 0) break;
        const index = step.pick % live.length;
        const block = live[index]!;
        expectContents(block);
        const p = sb.realloc(sb.pointer(u8, block.address), step.bytes);
        if (step.bytes === 0) {
          check(p.isNull(), 'realloc to 0 bytes must return NULL');
          live.splice(index, 1);
          break;
        }
        if (p.isNull()) break; // exhausted: the old block stays valid
        live.splice(index, 1);
        const keep = Math.min(block.contents.length, step.bytes);
        const contents = new Uint8Array(step.bytes);
        contents.set(block.contents.subarray(0, keep));
        check(
          Buffer.from(sb.memory.u8.subarray(p.address, p.address + keep)).equals(
            Buffer.from(contents.subarray(0, keep)),
          ),
          'realloc lost contents',
        );
        adopt(p.address, contents, MALLOC_ALIGN_BYTES);
        break;
      }
      case 'free': {
        if (live.length === 0) break;
        const index = step.pick % live.length;
        expectContents(live[index]!);
        sb.free(sb.pointer(u8, live[index]!.address));
        live.splice(index, 1);
        break;
      }
      case 'write': {
        const block = live.length === 0 ? undefined : live[step.pick % live.length];
        if (block === undefined || block.contents.length === 0) break;
        const offset = step.offset % block.contents.length;
        sb.pointer(u8, block.address).setAt(offset, step.value);
        block.contents[offset] = step.value;
        break;
      }
      case 'read': {
        const block = live.length === 0 ? undefined : live[step.pick % live.length];
        if (block === undefined || block.contents.length === 0) break;
        const offset = step.offset % block.contents.length;
        check(sb.pointer(u8, block.address).at(offset) === block.contents[offset], 'read differs from model');
        break;
      }
    }
    const stats = sb.stats();
    check(stats.liveBlocks === live.length, 'live block count differs from model');
    check(
      stats.liveBytes === live.reduce((sum, block) => sum + block.contents.length, 0),
      'live bytes differ',
    );
  }
  for (const block of live) expectContents(block);
  // Freed space is reusable: with everything freed (and no quarantine), the heap shrinks back to nothing.
  for (const block of live.splice(0)) sb.free(sb.pointer(u8, block.address));
  const stats = sb.stats();
  expect(stats.liveBytes).toBe(0);
  if (!sb.sanitize || options.quarantineBytes === 0) {
    expect(stats.heapBytes).toBe(0);
    expect(stats.freeBlocks).toBe(0);
  }
  return steps.length;
}

const CONFIGS: readonly [string, SandboxOptions][] = [
  ['sanitizer off', { sanitize: false }],
  ['sanitizer on, no quarantine', { sanitize: true, quarantineBytes: 0 }],
  ['sanitizer on, 16 KiB quarantine', { sanitize: true, quarantineBytes: 16 * 1024 }],
];

describe.each(CONFIGS)('allocator against a reference model (%s)', (_name, options) => {
  it(`keeps blocks disjoint, aligned and intact over ${STEPS} random steps`, () => {
    let executed = 0;
    const sb = new Sandbox({ ...SMALL_SPACE, ...options });
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: STEPS_PER_RUN, maxLength: STEPS_PER_RUN }), (steps) => {
        executed += runModel(sb, options, steps);
      }),
      { numRuns: RUNS },
    );
    expect(executed).toBeGreaterThanOrEqual(STEPS);
  });
});

type Bug = 'one-past-end' | 'one-before-start' | 'use-after-free' | 'double-free';

describe('injected bugs', () => {
  it('every injected bug after random valid steps is caught with its kind', () => {
    const bugArb = fc.constantFrom<Bug>('one-past-end', 'one-before-start', 'use-after-free', 'double-free');
    const sb = new Sandbox(SMALL_SPACE);
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 0, maxLength: 60 }),
        bugArb,
        bytesArb,
        (steps, bug, bytes) => {
          sb.reset();
          // Valid prefix: the steps only touch blocks they own (runModel would check them; here they set the scene).
          for (const step of steps) {
            if (step.op === 'malloc') sb.malloc(step.bytes);
          }
          const p = sb.malloc(bytes).cast(u8);
          if (p.isNull()) return;
          const attempt = (): void => {
            switch (bug) {
              case 'one-past-end':
                p.setAt(bytes, 1);
                break;
              case 'one-before-start':
                p.setAt(-1, 1);
                break;
              case 'use-after-free':
                sb.free(p);
                p.at(0);
                break;
              case 'double-free':
                sb.free(p);
                sb.free(p);
                break;
            }
          };
          const expected = {
            'one-past-end': HeapBufferOverflowError,
            'one-before-start': HeapBufferOverflowError,
            'use-after-free': HeapUseAfterFreeError,
            'double-free': DoubleFreeError,
          }[bug];
          expect(attempt).toThrow(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
