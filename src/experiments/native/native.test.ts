import { describe, expect, it } from 'vitest';
import { Random } from '../../util/random.js';
import { buildChase, LINE_BYTES, WORDS_PER_LINE } from '../latency/permutation.js';
import { compileNativeProgram, type NativeProgram, prepareNativeProgram } from './native-program.js';
import { nativeBandwidth, nativeLatency, nativeSuccessorLines, runNative } from './native-run.js';

/**
 * The native reference must be tested where a C compiler exists (CI installs gcc). Without
 * one these tests fail with a clear message, unless SOFTMEM_ALLOW_NO_CC=1 says that is fine.
 */
function requireProgram(): NativeProgram | null {
  const program = prepareNativeProgram();
  if (program.available) return program;
  if (process.env.SOFTMEM_ALLOW_NO_CC === '1') {
    expect(program.reason).toMatch(/native reference skipped/);
    return null;
  }
  throw new Error(`${program.reason} — install a C compiler (cc) or set SOFTMEM_ALLOW_NO_CC=1`);
}

describe('native reference', () => {
  it('compiles and names its compiler and flags', () => {
    const program = requireProgram();
    if (program === null) return;
    expect(program.compiler.length).toBeGreaterThan(0);
    expect(program.flags).toContain('-O2');
    expect(runNative(program, ['latency', 'random', '1', '4096', '1000', '7', '4096']).flags).toContain(
      '-O2',
    );
  });

  it('draws the same numbers as Random (splitmix32 + xoshiro128** + unbiased below)', () => {
    const program = requireProgram();
    if (program === null) return;
    for (const [seed, bound] of [
      [1, 6],
      [42, 12],
      [4294967295, 1000003],
      [7, 2 ** 32],
    ] as const) {
      const random = new Random(seed);
      const expected = Array.from({ length: 50 }, () => random.below(bound));
      expect(runNative(program, ['random', String(seed), String(bound), '50']).values).toEqual(expected);
    }
  });

  it('builds the very same cycles as buildChase, for both variants', () => {
    const program = requireProgram();
    if (program === null) return;
    for (const variant of ['random', 'page-local'] as const) {
      for (const bytes of [64, 4096, 64 * 77, 3 * 4096 + 640]) {
        for (const seed of [1, 99]) {
          const next = buildChase(variant, bytes, 4096, seed);
          const lines = Math.floor(bytes / LINE_BYTES);
          const expected = Array.from(
            { length: lines },
            (_, line) => next[line * WORDS_PER_LINE]! / WORDS_PER_LINE,
          );
          expect(nativeSuccessorLines(program, variant, seed, 4096, bytes)).toEqual(expected);
        }
      }
    }
  });

  it('measures latency and bandwidth points, one per variant/kernel and size, in order', () => {
    const program = requireProgram();
    if (program === null) return;
    const timing = { minSampleNs: 20_000, samples: 7 };
    const latency = nativeLatency(program, ['random', 'page-local'], 3, 4096, timing, [4096, 16384]);
    expect(latency.map((p) => `${p.variant}:${p.workingSetBytes}`)).toEqual([
      'random:4096',
      'random:16384',
      'page-local:4096',
      'page-local:16384',
    ]);
    for (const point of latency) {
      expect(point.nsPerAccessMin).toBeGreaterThan(0);
      expect(point.nsPerAccessMedian).toBeGreaterThanOrEqual(point.nsPerAccessMin);
    }
    // A warm-up per working set goes as `bytes:ms`; the points are the same working sets.
    const warmed = nativeLatency(
      program,
      ['random'],
      3,
      4096,
      { ...timing, warmupMs: (bytes) => bytes / 4096 },
      [4096, 8192],
    );
    expect(warmed.map((p) => p.workingSetBytes)).toEqual([4096, 8192]);
    expect(warmed.every((p) => p.nsPerAccessMin > 0)).toBe(true);
    const bandwidth = nativeBandwidth(program, ['read', 'triad'], timing, [16384]);
    expect(bandwidth.map((p) => [p.kernel, p.elements])).toEqual([
      ['read', 2048],
      ['triad', 680],
    ]);
    expect(bandwidth.every((p) => p.nsPerPassMin > 0)).toBe(true);
  });

  it('says so in one line when there is no compiler, and rejects bad arguments clearly', () => {
    const missing = compileNativeProgram('softmem-no-such-compiler');
    expect(missing).toEqual({
      available: false,
      reason: 'no C compiler found (softmem-no-such-compiler): native reference skipped',
    });
    const program = requireProgram();
    if (program === null) return;
    expect(() => runNative(program, ['latency', 'zigzag', '1', '4096', '1000', '7', '4096'])).toThrow(
      /native reference failed .*bad arguments/,
    );
  });
});
