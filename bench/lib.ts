/**
 * Shared helpers for `npm run bench`: every bench file compares candidates in ONE process
 * and ONE run, interleaving them (A B C A B C …) so that machine noise hits all alike, and
 * reports medians and ratios. Results go into BENCHMARKS.md through bench/run.ts.
 */

import os from 'node:os';
import { do_not_optimize, measure } from 'mitata';
import { median } from '../src/measure/index.js';

/** One candidate: `fn` performs `opsPerCall` operations per call (batch to make a call ≥ 10 µs). */
export interface BenchCase {
  name: string;
  fn: () => unknown;
  opsPerCall?: number;
}

export interface BenchRow {
  name: string;
  /** Median over rounds of mitata's p50, in ns per operation. */
  medianNsPerOp: number;
  /** Smallest and largest round median, ns per operation: the spread. */
  minNsPerOp: number;
  maxNsPerOp: number;
  /** Each round's p50, ns per operation, in round order (the cases of a round run back to back). */
  roundNsPerOp: number[];
}

/**
 * How many times slower `a` is than `b` (time ratio, > 1 = slower): the median over rounds of
 * each round's ratio. A round measures every case back to back, so a slow period of the host
 * that spans a round weighs on both sides of its ratio, where a ratio of the overall medians
 * can set one case's slow round against the other's fast one.
 */
export function roundRatio(rows: readonly BenchRow[], a: string, b: string): number {
  const fast = findRow(rows, b).roundNsPerOp;
  return median(findRow(rows, a).roundNsPerOp.map((value, round) => value / fast[round]!));
}

/** The row named `name`; throws when there is none (a renamed case). */
export function findRow(rows: readonly BenchRow[], name: string): BenchRow {
  const found = rows.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no bench row ${name}`);
  return found;
}

/** A target's verdict in bold, as the bench bodies print it. */
export function metVerdict(met: boolean): string {
  return met ? '**met**' : '**not met**';
}

export interface CompareOptions {
  /** Interleaved rounds per case (default 5). */
  rounds?: number;
  /** mitata's minimum CPU time per measurement, ns (default 150 ms). */
  minCpuTimeNs?: number;
  /**
   * Collect garbage before every timed iteration, outside the timing (mitata's `inner_gc`; needs
   * `--expose-gc`, which bench/run.ts gives each bench process): for allocating kernels, so one
   * case does not pay for the garbage of another.
   */
  innerGc?: boolean;
}

/** Measures every case, interleaved, and returns rows in the given order. */
export async function compare(
  cases: readonly BenchCase[],
  options: CompareOptions = {},
): Promise<BenchRow[]> {
  const rounds = options.rounds ?? 5;
  const perCase: number[][] = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let c = 0; c < cases.length; c++) {
      const bench = cases[c]!;
      const fn = bench.fn;
      const stats = await measure(() => do_not_optimize(fn()), {
        min_cpu_time: options.minCpuTimeNs ?? 150e6,
        inner_gc: options.innerGc ?? false,
      });
      perCase[c]!.push(stats.p50 / (bench.opsPerCall ?? 1));
    }
  }
  return cases.map((bench, c) => {
    const values = [...perCase[c]!].sort((a, b) => a - b);
    return {
      name: bench.name,
      medianNsPerOp: values[Math.floor(values.length / 2)]!,
      minNsPerOp: values[0]!,
      maxNsPerOp: values[values.length - 1]!,
      roundNsPerOp: perCase[c]!,
    };
  });
}

/** Formats a number of nanoseconds with 3 significant digits. */
export function ns(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

/** A Markdown table of rows, with each row's speed relative to `baseline` (default first row). */
export function table(rows: readonly BenchRow[], baseline = 0, unit = 'ns/op'): string {
  const base = rows[baseline]?.medianNsPerOp ?? 1;
  const lines = [
    `| candidate | median ${unit} | spread (min–max of rounds) | relative speed |`,
    '|---|---:|---:|---:|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.name} | ${ns(row.medianNsPerOp)} | ${ns(row.minNsPerOp)}–${ns(row.maxNsPerOp)} | ${(base / row.medianNsPerOp).toFixed(2)}× |`,
    );
  }
  return lines.join('\n');
}

/** What one bench file contributes to BENCHMARKS.md. */
export interface BenchSection {
  /** A stable id: the section is replaced in BENCHMARKS.md when this file runs again. */
  id: string;
  title: string;
  /** Markdown body: tables, targets met or missed, notes. */
  body: string;
}

/** The machine line printed with every section. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} logical CPUs, Node ${process.version} (V8 ${process.versions.v8}), ${new Date().toISOString().slice(0, 10)}`;
}
