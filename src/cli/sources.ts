import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import picocolors from 'picocolors';
import { EXPERIMENTS } from '../experiments/index.js';
import { detectMachine, machineByName } from '../machine/index.js';
import type { EnvironmentRecord, RunSources } from '../report/index.js';
import type { CliIo } from './run-cli.js';

/**
 * What the process and host look like, for every result. A stand-in until `src/measure`'s
 * `captureEnvironment()` lands; the fields it reads are the same.
 */
function captureBasicEnvironment(): EnvironmentRecord {
  const [load1, load5, load15] = loadavg();
  return {
    node: process.versions.node,
    v8: process.versions.v8,
    platform: platform(),
    arch: arch(),
    osRelease: release(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cpus: cpus().length,
    totalMemoryBytes: totalmem(),
    loadAverage: [load1 ?? 0, load5 ?? 0, load15 ?? 0],
  };
}

/** The real experiments and host probes the binary uses. */
export const DEFAULT_SOURCES: RunSources = {
  experiments: EXPERIMENTS,
  detectMachine: () => detectMachine(),
  machineByName,
  captureEnvironment: captureBasicEnvironment,
};

/** The sources a command uses: the real ones, with whatever `io` replaces. */
export function resolveSources(io: CliIo): RunSources {
  return { ...DEFAULT_SOURCES, ...io.sources };
}

/** Whether stdout gets ANSI colours. */
export function useColor(io: CliIo): boolean {
  return io.color ?? picocolors.isColorSupported;
}
