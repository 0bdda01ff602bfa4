/**
 * The environment a measurement ran in, captured with every result so numbers can be
 * compared honestly later. Cache geometry lives in `softmem/machine` (a sibling module);
 * experiments attach it next to this.
 */
import os from 'node:os';
import { timer } from './timer.js';

/** Where and when a measurement ran. */
export interface EnvironmentInfo {
  /** Node.js version, e.g. `v20.19.0`. */
  node: string;
  /** V8 version. */
  v8: string;
  platform: NodeJS.Platform;
  arch: string;
  /** Model string of the first CPU, or `"unknown"`. */
  cpuModel: string;
  /** Logical CPUs. */
  cpus: number;
  /** 1, 5 and 15 minute load averages (zeros on Windows). */
  loadAverage: [number, number, number];
  totalMemoryBytes: number;
  /** Whether `global.gc` exists (Node started with `--expose-gc`). */
  gcExposed: boolean;
  /** The harness clock's resolution and per-read overhead, ns. */
  timerResolutionNs: number;
  timerOverheadNs: number;
  /** ISO 8601 time of capture. */
  timestamp: string;
}

/**
 * Captures the current environment. Cheap (the timer figures are measured once per process,
 * in well under a millisecond).
 *
 * @example
 * ```ts
 * const env = captureEnvironment();
 * `${env.cpuModel}, Node ${env.node}, load ${env.loadAverage[0]}`;
 * ```
 */
export function captureEnvironment(): EnvironmentInfo {
  const cpus = os.cpus();
  const [one = 0, five = 0, fifteen = 0] = os.loadavg();
  return {
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    cpuModel: cpus[0]?.model.trim() || 'unknown',
    cpus: cpus.length,
    loadAverage: [one, five, fifteen],
    totalMemoryBytes: os.totalmem(),
    gcExposed: typeof globalThis.gc === 'function',
    timerResolutionNs: timer.resolutionNs,
    timerOverheadNs: timer.overheadNs,
    timestamp: new Date().toISOString(),
  };
}
