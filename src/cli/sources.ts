import picocolors from 'picocolors';
import { EXPERIMENTS } from '../experiments/index.js';
import { detectMachine, machineByName } from '../machine/index.js';
import { captureEnvironment } from '../measure/index.js';
import type { RunSources } from '../report/index.js';
import type { CliIo } from './run-cli.js';

/** The real experiments and host probes the binary uses. */
export const DEFAULT_SOURCES: RunSources = {
  experiments: EXPERIMENTS,
  detectMachine: () => detectMachine(),
  machineByName,
  captureEnvironment,
};

/** The sources a command uses: the real ones, with whatever `io` replaces. */
export function resolveSources(io: CliIo): RunSources {
  return { ...DEFAULT_SOURCES, ...io.sources };
}

/** Whether stdout gets ANSI colours. */
export function useColor(io: CliIo): boolean {
  return io.color ?? picocolors.isColorSupported;
}
