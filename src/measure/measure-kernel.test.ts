import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyKernel, MAX_RESAMPLES, MIN_SAMPLES, measureKernel } from './measure-kernel.js';
import { MAX_ITERATIONS, type MeasureOptions } from './options.js';
import { blackhole } from './sink.js';
import { nowNs } from './timer.js';

/** Small budgets keep this file fast; nothing here asserts an absolute time. */
const QUICK: MeasureOptions = {
  samples: 7,
  minSampleNs: 20_000,
  minWarmupMs: 5,
  maxWarmupMs: 30,
  maxTimeMs: 300,
};

/**
 * A kernel filling `elements` doubles per iteration. The fill is a builtin, so its cost does not
 * depend on whether the JIT has optimised the kernel yet: the 10× ordering holds in every tier.
 */
function makeFillKernel(elements: number) {
  const data = new Float64Array(elements);
  return function fill(iterations: number): number {
    for (let r = 0; r < iterations; r++) data.fill(r);
    return data[elements - 1]!;
  };
}

describe('measureKernel', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('orders a 10× workload above a 1× workload', () => {
    const light = measureKernel(makeFillKernel(4096), QUICK);
    const heavy = measureKernel(makeFillKernel(40960), QUICK);
    expect(heavy.nsPerOp.median).toBeGreaterThan(light.nsPerOp.median);
    expect(light.probablyOptimisedAway).toBe(false);
    expect(heavy.probablyOptimisedAway).toBe(false);
    // Calibration gave the cheaper kernel at least as many iterations per sample.
    expect(light.iterationsPerSample).toBeGreaterThanOrEqual(heavy.iterationsPerSample);
  });

  it('flags the empty kernel as probably optimised away, and reports the baseline', () => {
    // The default warm-up, so the kernel is as warm as the baseline whatever ran before. The
    // margin is 1.42×, and on a shared machine the other vCPU can halve our speed for a few ms,
    // so a measurement may be retried; a flag that never fires fails all attempts.
    let flagged = false;
    for (let attempt = 0; attempt < 5 && !flagged; attempt++) {
      const measurement = measureKernel(emptyKernel, { samples: 9, minSampleNs: 20_000, seed: attempt });
      expect(measurement.baselineNsPerOp).toBeGreaterThan(0);
      expect(measurement.name).toBe('emptyKernel');
      flagged = measurement.probablyOptimisedAway;
    }
    expect(flagged).toBe(true);
  });

  it('flags a kernel whose time does not grow with iterations, after calibration hits the cap', () => {
    const measurement = measureKernel(() => 42, { ...QUICK, name: 'constant' });
    expect(measurement.iterationsPerSample).toBe(MAX_ITERATIONS);
    expect(measurement.probablyOptimisedAway).toBe(true);
    expect(measurement.name).toBe('constant');
  });

  it('keeps every sample, sinks every return value and honours fixed iterations', () => {
    const kernel = (iterations: number): number => {
      blackhole(iterations);
      return 1;
    };
    const measurement = measureKernel(kernel, { ...QUICK, iterationsPerSample: 100, samples: 6 });
    expect(measurement.iterationsPerSample).toBe(100);
    expect(measurement.samplesNsPerOp).toHaveLength(6);
    expect(measurement.nsPerOp.n).toBe(6);
    expect(measurement.budgetExhausted).toBe(false);
    // Each call returned 1: warm-up calls plus measured calls.
    expect(measurement.sink).toBe(measurement.warmupSamples + 6);
    expect(measurement.nsPerOp.min).toBe(Math.min(...measurement.samplesNsPerOp));
  });

  it('stops at the overall budget but always takes MIN_SAMPLES samples', () => {
    const slow = (): number => {
      const until = nowNs() + 2e6;
      let spins = 0;
      while (nowNs() < until) spins++;
      return spins;
    };
    const measurement = measureKernel(slow, {
      samples: 50,
      iterationsPerSample: 1,
      maxWarmupMs: 0,
      maxTimeMs: 1,
    });
    expect(measurement.budgetExhausted).toBe(true);
    expect(measurement.samplesNsPerOp.length).toBe(MIN_SAMPLES);
    // Fewer asked for than the floor: exactly those.
    expect(
      measureKernel(slow, { samples: 2, iterationsPerSample: 1, maxWarmupMs: 0, maxTimeMs: 1 })
        .samplesNsPerOp,
    ).toHaveLength(2);
  });

  it('sets aside a batch taken during a stall and samples again; a steady kernel is taken in one go', () => {
    const spin = (ns: number): number => {
      const until = nowNs() + ns;
      let spins = 0;
      while (nowNs() < until) spins++;
      return spins;
    };
    // No warm-up: the first 10 calls are the first batch's first 10 samples, 20× slower.
    let calls = 0;
    const stallsFirst = (): number => spin(calls++ < 10 ? 400_000 : 20_000);
    const settings = { samples: 15, iterationsPerSample: 1, minWarmupMs: 0, maxWarmupMs: 0, maxTimeMs: 5000 };
    const stalled = measureKernel(stallsFirst, settings);
    expect(stalled.stalledBatches).toHaveLength(1);
    expect(stalled.stalledBatches[0]).toHaveLength(15);
    expect(stalled.samplesNsPerOp).toHaveLength(15);
    expect(stalled.nsPerOp.median).toBeLessThan(100_000);
    // Always unstable: set aside MAX_RESAMPLES times, then the last batch is reported anyway.
    let flip = 0;
    const alwaysUnstable = (): number => spin(flip++ % 3 === 2 ? 20_000 : 200_000);
    const unstable = measureKernel(alwaysUnstable, { ...settings, samples: 6 });
    expect(unstable.stalledBatches).toHaveLength(MAX_RESAMPLES);
    expect(unstable.samplesNsPerOp).toHaveLength(6);
    const steady = measureKernel(() => spin(20_000), { ...settings, samples: 6 });
    expect(steady.stalledBatches).toEqual([]);
  });

  it('collects garbage before each sample only when asked and when gc exists', () => {
    const gc = vi.fn();
    vi.stubGlobal('gc', gc);
    const options: MeasureOptions = { ...QUICK, samples: 4, iterationsPerSample: 10 };
    const without = measureKernel((n) => n, options);
    expect(without.gcBetweenSamples).toBe(false);
    expect(gc).not.toHaveBeenCalled();
    const withGc = measureKernel((n) => n, { ...options, gc: true });
    expect(withGc.gcBetweenSamples).toBe(true);
    // The baseline is measured the same way, so it collects too: 4 samples each.
    expect(gc.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(gc.mock.calls.length).toBeLessThanOrEqual(8);
  });

  it('reports gcBetweenSamples false when gc is asked for but not exposed', () => {
    vi.stubGlobal('gc', undefined);
    expect(
      measureKernel((n) => n, { ...QUICK, samples: 2, iterationsPerSample: 10, gc: true }).gcBetweenSamples,
    ).toBe(false);
  });

  it('is reproducible in its statistics for a seed', () => {
    const measurement = measureKernel(makeFillKernel(1024), { ...QUICK, seed: 3 });
    expect(measurement.nsPerOp.ci95[0]).toBeLessThanOrEqual(measurement.nsPerOp.median);
    expect(measurement.nsPerOp.ci95[1]).toBeGreaterThanOrEqual(measurement.nsPerOp.median);
  });

  it('rejects bad options and a non-function kernel with precise errors', () => {
    expect(() => measureKernel((n) => n, { samples: 0 })).toThrow(
      /samples must be a positive integer, got 0/,
    );
    expect(() => measureKernel((n) => n, { minSampleNs: -1 })).toThrow(
      /minSampleNs must be a positive number/,
    );
    expect(() => measureKernel((n) => n, { maxWarmupMs: Number.NaN })).toThrow(/maxWarmupMs/);
    expect(() => measureKernel((n) => n, { maxTimeMs: 0 })).toThrow(/maxTimeMs/);
    expect(() => measureKernel((n) => n, { iterationsPerSample: 1.5 })).toThrow(/iterationsPerSample/);
    expect(() => measureKernel(42 as unknown as (n: number) => number)).toThrow(TypeError);
  });
});
