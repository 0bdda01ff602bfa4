import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { CacheInfo, MachineInfo } from '../machine/types.js';
import { UsageError } from '../util/errors.js';
import { BANDWIDTH_KERNELS } from './bandwidth/kernels.js';
import { bandwidthExperiment } from './index.js';
import { latencyExperiment } from './latency/experiment.js';
import { chaseWarmupMs } from './latency/run.js';
import type { LatencySummary } from './latency/summary.js';
import { EXPERIMENTS, findExperiment } from './registry.js';
import type { ChartSpec, ExperimentContext } from './types.js';
import { warmUpOptions } from './working-sets.js';

const KIB = 1024;

function cache(level: number, type: CacheInfo['type'], sizeBytes: number): CacheInfo {
  return { level, type, sizeBytes, lineBytes: 64, ways: 8, sets: sizeBytes / 512, sharedByCpus: [0, 1] };
}

/** This VM as getconf describes it, with its implausible 508 MiB L3. */
const MACHINE: MachineInfo = {
  name: 'this',
  source: 'getconf',
  cpuModel: 'test CPU',
  cpus: 2,
  numaNodes: 1,
  pageBytes: 4096,
  transparentHugePages: 'madvise',
  caches: [
    cache(1, 'instruction', 32 * KIB),
    cache(1, 'data', 48 * KIB),
    cache(2, 'unified', 1024 * KIB),
    cache(3, 'unified', 508 * 1024 * KIB),
  ],
  notes: [],
};

function context(progress: [number, string][], logs: string[]): ExperimentContext {
  return {
    machine: MACHINE,
    quick: true,
    seed: 5,
    progress: (fraction, label) => progress.push([fraction, label]),
    log: (line) => logs.push(line),
  };
}

async function renderSvg(chart: ChartSpec): Promise<string> {
  const vega = compile(chart.vegaLite as unknown as TopLevelSpec).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  return view.toSVG();
}

const allowNoCc = process.env.SOFTMEM_ALLOW_NO_CC === '1';

describe('experiment registry', () => {
  it('lists latency and bandwidth first, then the seed text experiments, and finds them by id', () => {
    expect(EXPERIMENTS.map((e) => e.id)).toEqual([
      'latency',
      'bandwidth',
      'line-size',
      'access-patterns',
      'multidim',
      'vector-growth',
      'struct-layout',
      'transpose',
    ]);
    expect(findExperiment('bandwidth').title).toBe('Memory bandwidth by working-set size');
    for (const experiment of EXPERIMENTS) {
      expect(experiment.description.length).toBeGreaterThan(20);
      expect(experiment.defaults.quick).toBeDefined();
    }
  });

  it('names the known experiments when the id is unknown', () => {
    expect(() => findExperiment('x')).toThrow(UsageError);
    expect(() => findExperiment('x')).toThrow(
      "unknown experiment 'x' (known: latency, bandwidth, line-size, access-patterns, multidim, vector-growth, struct-layout, transpose)",
    );
  });

  it('rejects bad parameters with a usage error naming them', async () => {
    const params = { ...latencyExperiment.defaults.quick, runs: 3 };
    await expect(latencyExperiment.run(context([], []), params)).rejects.toThrow(/latency runs must be/);
    const noRounds = { ...latencyExperiment.defaults.quick, rounds: 0 };
    await expect(latencyExperiment.run(context([], []), noRounds)).rejects.toThrow(/latency rounds must be/);
    const noBandwidthRounds = { ...bandwidthExperiment.defaults.quick, rounds: 21 };
    await expect(bandwidthExperiment.run(context([], []), noBandwidthRounds)).rejects.toThrow(
      /bandwidth rounds must be/,
    );
    const kernels = { ...bandwidthExperiment.defaults.quick, kernels: ['nope' as 'read'] };
    await expect(bandwidthExperiment.run(context([], []), kernels)).rejects.toThrow(
      /unknown bandwidth kernel 'nope'/,
    );
  });
});

describe('chase warm-up', () => {
  it('grows by 1 ms per MiB between the harness warm-up bounds, the same for JS and native', () => {
    for (const quick of [false, true]) {
      const { minWarmupMs, maxWarmupMs } = warmUpOptions(quick);
      expect(chaseWarmupMs(4 * KIB, quick)).toBe(minWarmupMs);
      expect(chaseWarmupMs(2 ** 40, quick)).toBe(maxWarmupMs);
    }
    expect(chaseWarmupMs(64 * 1024 * KIB, false)).toBe(64);
    expect(chaseWarmupMs(64 * 1024 * KIB, true)).toBe(warmUpOptions(true).maxWarmupMs);
  });
});

describe('latency experiment, tiny end to end', () => {
  it('produces well-formed points, a summary with native ratios, sentences and a chart', async () => {
    const progress: [number, string][] = [];
    const logs: string[] = [];
    const params = {
      ...latencyExperiment.defaults.quick,
      minWorkingSetBytes: 4 * KIB,
      maxWorkingSetBytes: 256 * KIB,
      pointsPerOctave: 1,
      minSampleNs: 20_000,
      memoryRounds: 2,
    };
    const result = await latencyExperiment.run(context(progress, logs), params);
    expect(result.id).toBe('latency');
    expect(result.params.maxWorkingSetBytes).toBe(256 * KIB);
    expect(result.points).toHaveLength(2 * 7);
    const sizes = [4, 8, 16, 32, 64, 128, 256].map((k) => k * KIB);
    expect(result.points.map((p) => p.workingSetBytes)).toEqual([...sizes, ...sizes]);
    expect(result.points.map((p) => p.variant)).toEqual([
      ...sizes.map(() => 'random'),
      ...sizes.map(() => 'page-local'),
    ]);
    const summary = result.summary as unknown as LatencySummary;
    for (const point of result.points) {
      expect(point.nsPerAccessMin).toBeGreaterThan(0);
      expect(point.nsPerAccessMedian as number).toBeGreaterThanOrEqual(point.nsPerAccessMin as number);
      if (!allowNoCc) {
        expect(point.jsToNativeRatio).toBeCloseTo(
          (point.nsPerAccessMin as number) / (point.nativeNsPerAccessMin as number),
          10,
        );
      }
    }
    if (!allowNoCc) {
      expect(summary.native?.flags).toContain('-O2');
      expect(summary.jsToNativeRatio).toBeGreaterThan(0);
    }
    expect(summary.knownCaches.map((c) => c.name)).toEqual(['L1d', 'L2', 'L3']);
    expect(summary.references.map((r) => r.label)).toEqual(['L1d', 'L2', 'memory']);
    for (const level of summary.detectedLevels) {
      expect(level.sizeBytes).toBeGreaterThan(0);
      expect(level.latencyNs).toBeGreaterThan(0);
    }
    expect(progress[0]![0]).toBe(0);
    expect(progress[progress.length - 1]).toEqual([1, 'latency done']);
    expect(progress.every(([f], i) => i === 0 || f >= progress[i - 1]![0])).toBe(true);
    expect(progress.every(([f]) => f >= 0 && f <= 1)).toBe(true);
    // Two rounds: each JS point measured twice, the native reference run twice (JS first, then native first).
    expect(progress.filter(([, m]) => m === 'latency random 4 KiB')).toHaveLength(2);
    if (!allowNoCc) {
      const order = progress
        .map(([, m]) => m)
        .filter((m) => m === 'latency: native reference' || m === 'latency random 4 KiB');
      expect(order).toEqual([
        'latency random 4 KiB',
        'latency: native reference',
        'latency: native reference',
        'latency random 4 KiB',
        'latency: native reference',
        'latency: native reference',
      ]);
      // Then two memory rounds of the largest working set alone, in the same ABBA order.
      expect(progress.map(([, m]) => m).slice(-5)).toEqual([
        'latency random 256 KiB',
        'latency: native reference',
        'latency: native reference',
        'latency random 256 KiB',
        'latency done',
      ]);
      expect(progress.filter(([, m]) => m === 'latency random 256 KiB')).toHaveLength(4);
      expect(progress.filter(([, m]) => m === 'latency page-local 256 KiB')).toHaveLength(2);
    }
    expect(logs).toEqual([]);
    const sentences = latencyExperiment.explain(result);
    expect(sentences.length).toBeGreaterThan(2);
    expect(sentences.join('\n')).toMatch(/L3: 508 MiB by getconf/);
    if (!allowNoCc) expect(sentences.join('\n')).toMatch(/JS\/native \d+\.\d\d/);
    const charts = latencyExperiment.charts(result);
    expect(charts).toHaveLength(1);
    const svg = await renderSvg(charts[0]!);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('256 KiB');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('caps the sweep when the LLC is implausible, and says so', async () => {
    const logs: string[] = [];
    const params = {
      ...latencyExperiment.defaults.quick,
      maxWorkingSetBytes: 0,
      minWorkingSetBytes: 8 * 1024 ** 2,
      runs: 7,
      minSampleNs: 20_000,
      variants: ['random' as const],
      native: false,
    };
    const result = await latencyExperiment.run(context([], logs), params);
    expect(result.params.maxWorkingSetBytes).toBe(32 * 1024 ** 2);
    expect(logs).toEqual([
      'L3 is reported as 508 MiB, implausible for one cache (a VM total?), so working sets stop at 32 MiB',
    ]);
    expect((result.summary as unknown as LatencySummary).native).toBeNull();
    expect(latencyExperiment.explain(result).at(-1)).toMatch(/^Note: L3 is reported as 508 MiB/);
  });
});

describe('bandwidth experiment, tiny end to end', () => {
  it('produces GB/s for every kernel and size, native ratios, sentences and a chart', async () => {
    const progress: [number, string][] = [];
    const params = {
      ...bandwidthExperiment.defaults.quick,
      minWorkingSetBytes: 16 * KIB,
      maxWorkingSetBytes: 64 * KIB,
      minSampleNs: 20_000,
    };
    const result = await bandwidthExperiment.run(context(progress, []), params);
    expect(result.points).toHaveLength(BANDWIDTH_KERNELS.length * 3);
    for (const point of result.points) {
      expect(point.gbPerSecondBest as number).toBeGreaterThan(0);
      expect(point.gbPerSecondBest as number).toBeGreaterThanOrEqual(point.gbPerSecondMedian as number);
      expect(point.bytesPerPass).toBe(
        (point.elements as number) *
          { read: 8, write: 8, fill: 8, copy: 16, set: 16, triad: 24 }[point.kernel as 'read'],
      );
      if (!allowNoCc) {
        expect(point.nativeKernel).toBe(
          { fill: 'write', set: 'copy' }[point.kernel as 'fill'] ?? point.kernel,
        );
        expect(point.jsToNativeRatio).toBeCloseTo(
          (point.gbPerSecondBest as number) / (point.nativeGbPerSecondBest as number),
          10,
        );
      }
    }
    expect(result.summary.writeAllocateCounted).toBe(false);
    expect(progress[progress.length - 1]).toEqual([1, 'bandwidth done']);
    expect(progress.every(([f], i) => f >= 0 && f <= 1 && (i === 0 || f >= progress[i - 1]![0]))).toBe(true);
    // Two rounds: each JS point twice, the native reference twice, in ABBA order.
    const order = progress
      .map(([, m]) => m)
      .filter((m) => m === 'bandwidth: native reference' || m === 'bandwidth read 16 KiB');
    expect(order).toEqual(
      allowNoCc && !order.includes('bandwidth: native reference')
        ? ['bandwidth read 16 KiB', 'bandwidth read 16 KiB']
        : [
            'bandwidth read 16 KiB',
            'bandwidth: native reference',
            'bandwidth: native reference',
            'bandwidth read 16 KiB',
          ],
    );
    const sentences = bandwidthExperiment.explain(result).join('\n');
    expect(sentences).toMatch(/^read: peak \d+(\.\d)? GB\/s at /);
    expect(sentences).toMatch(/write-allocate traffic is not counted/);
    const svg = await renderSvg(bandwidthExperiment.charts(result)[0]!);
    expect(svg).toContain('GB/s');
  });
});
