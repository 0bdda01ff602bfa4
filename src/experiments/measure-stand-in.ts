/**
 * TEMPORARY stand-in for `measureKernel` from src/measure, written against the agreed
 * contract while the real harness is being built in parallel. Deleted once it lands on main.
 */
import type { Kernel, Stats } from '../measure/types.js';

export interface MeasureOptions {
  name?: string;
  minSampleNs?: number;
  samples?: number;
  maxWarmupMs?: number;
  maxTimeMs?: number;
  gc?: boolean;
  seed?: number;
}

export interface Measurement {
  name: string;
  iterationsPerSample: number;
  nsPerOp: Stats;
  samplesNsPerOp: number[];
  baselineNsPerOp: number;
  probablyOptimisedAway: boolean;
  sink: number;
}

function nowNs(): number {
  return Number(process.hrtime.bigint());
}

export function computeStats(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (q: number): number => sorted[Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))]!;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const deviations = sorted.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
  const mad = deviations[Math.floor(n / 2)] ?? 0;
  return {
    n,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    mean: sorted.reduce((a, b) => a + b, 0) / n,
    median,
    p10: at(0.1),
    p90: at(0.9),
    mad,
    ci95: [at(0.25), at(0.75)],
    outliers: [],
  };
}

export function measureKernel(kernel: Kernel, options: MeasureOptions = {}): Measurement {
  const minSampleNs = options.minSampleNs ?? 20_000;
  const samples = options.samples ?? 15;
  let iterations = 1;
  let sink = 0;
  const warmupEnd = nowNs() + (options.maxWarmupMs ?? 50) * 1e6;
  for (;;) {
    const start = nowNs();
    sink += kernel(iterations);
    const elapsed = nowNs() - start;
    if (elapsed >= minSampleNs && nowNs() >= warmupEnd) break;
    if (elapsed < minSampleNs) iterations *= 2;
  }
  const values: number[] = [];
  for (let s = 0; s < samples; s++) {
    const start = nowNs();
    sink += kernel(iterations);
    values.push((nowNs() - start) / iterations);
  }
  return {
    name: options.name ?? 'kernel',
    iterationsPerSample: iterations,
    nsPerOp: computeStats(values),
    samplesNsPerOp: values,
    baselineNsPerOp: 0,
    probablyOptimisedAway: false,
    sink,
  };
}
