/**
 * Runs the native reference's kernels and parses what they print. Each call is one short
 * child process (a few ms plus the measurement itself), so JS and native points can be
 * interleaved working set by working set.
 */
import { execFileSync } from 'node:child_process';
import type { NativeProgram } from './native-program.js';

/** One native latency point: ns per dependent access, min and median over the samples. */
export interface NativeLatencyPoint {
  variant: string;
  workingSetBytes: number;
  nsPerAccessMin: number;
  nsPerAccessMedian: number;
}

/** One native bandwidth point: ns per pass over the arrays, min and median. */
export interface NativeBandwidthPoint {
  kernel: string;
  workingSetBytes: number;
  elements: number;
  nsPerPassMin: number;
  nsPerPassMedian: number;
}

/** The bandwidth kernels both sides implement. */
export type NativeBandwidthKernel = 'read' | 'write' | 'copy' | 'triad';

/** Runs the native program with `args` and returns its parsed JSON (throws with its stderr). */
export function runNative(program: NativeProgram, args: readonly string[]): Record<string, unknown> {
  let stdout: string;
  try {
    stdout = execFileSync(program.executablePath, [...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 ** 2,
      timeout: 300_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`native reference failed (${args.slice(0, 2).join(' ')}): ${stderr || String(error)}`);
  }
  const parsed: unknown = JSON.parse(stdout);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('native reference printed no object');
  return parsed as Record<string, unknown>;
}

function numberField(row: Record<string, unknown>, key: string): number {
  const value = row[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`native reference: field '${key}' is not a finite number`);
  }
  return value;
}

function rows(output: Record<string, unknown>): Record<string, unknown>[] {
  const points = output.points;
  if (!Array.isArray(points)) throw new Error('native reference: no points array');
  return points as Record<string, unknown>[];
}

/** Options shared by the native measurements (same meaning as in `measureKernel`). */
export interface NativeTiming {
  minSampleNs: number;
  samples: number;
  /** Latency only: the least time each working set is chased before its samples (default 0). */
  warmupMs?: (workingSetBytes: number) => number;
}

/**
 * Native pointer chases over the same cycles as `buildChase(variant, bytes, pageBytes, seed)`,
 * every variant and working set in one child process (one arena: pages faulted in once).
 */
export function nativeLatency(
  program: NativeProgram,
  variants: readonly ('random' | 'page-local')[],
  seed: number,
  pageBytes: number,
  timing: NativeTiming,
  workingSetBytes: readonly number[],
): NativeLatencyPoint[] {
  const output = runNative(program, [
    'latency',
    variants.join(','),
    String(seed >>> 0),
    String(pageBytes),
    String(Math.round(timing.minSampleNs)),
    String(timing.samples),
    ...workingSetBytes.map((bytes) =>
      timing.warmupMs === undefined ? String(bytes) : `${bytes}:${Math.round(timing.warmupMs(bytes))}`,
    ),
  ]);
  return rows(output).map((row) => ({
    variant: String(row.variant),
    workingSetBytes: numberField(row, 'workingSetBytes'),
    nsPerAccessMin: numberField(row, 'nsPerAccessMin'),
    nsPerAccessMedian: numberField(row, 'nsPerAccessMedian'),
  }));
}

/** Native bandwidth kernels over the same array split as the JS kernels, in one child process. */
export function nativeBandwidth(
  program: NativeProgram,
  kernels: readonly NativeBandwidthKernel[],
  timing: NativeTiming,
  workingSetBytes: readonly number[],
): NativeBandwidthPoint[] {
  const output = runNative(program, [
    'bandwidth',
    kernels.join(','),
    String(Math.round(timing.minSampleNs)),
    String(timing.samples),
    ...workingSetBytes.map(String),
  ]);
  return rows(output).map((row) => ({
    kernel: String(row.kernel),
    workingSetBytes: numberField(row, 'workingSetBytes'),
    elements: numberField(row, 'elements'),
    nsPerPassMin: numberField(row, 'nsPerPassMin'),
    nsPerPassMedian: numberField(row, 'nsPerPassMedian'),
  }));
}

/** The successor line of every line in the native build of a cycle (for tests). */
export function nativeSuccessorLines(
  program: NativeProgram,
  variant: 'random' | 'page-local',
  seed: number,
  pageBytes: number,
  workingSetBytes: number,
): number[] {
  const output = runNative(program, [
    'permutation',
    variant,
    String(seed >>> 0),
    String(pageBytes),
    String(workingSetBytes),
  ]);
  const values = output.successorLines;
  if (!Array.isArray(values)) throw new Error('native reference: no successorLines');
  return values.map(Number);
}
