import type { ChartSpec, Experiment, ExperimentResult } from '../experiments/types.js';
import type { MachineInfo } from '../machine/types.js';

/** The version tag of every JSON document softmem writes (`softmem machine --json`, `run --json`). */
export const SCHEMA = 'softmem/1';

/**
 * What the runner captured about the process and the host: in the CLI, `captureEnvironment()`
 * of `softmem/measure` (Node/V8 versions, CPU model, load average, timer resolution, …).
 * Rendered generically as key/value pairs, so new fields need no report change.
 */
export type EnvironmentRecord = object;

/** One experiment's result together with what the report shows beside it. */
export interface ReportedExperiment {
  result: ExperimentResult;
  /** The experiment's one-sentence description. */
  description: string;
  /** `experiment.explain(result)`: plain sentences. */
  explanation: string[];
  /** `experiment.charts(result)`: Vega-Lite specs with their titles. */
  charts: ChartSpec[];
  /** Wall-clock time the experiment took, in milliseconds. */
  elapsedMs: number;
}

/**
 * Everything one run produced, independent of the output format: every renderer (terminal,
 * JSON, CSV, Markdown, HTML) reads this and nothing else.
 */
export interface Report {
  machine: MachineInfo;
  environment: EnvironmentRecord;
  /** ISO 8601 time the run started. */
  startedAt: string;
  quick: boolean;
  seed: number;
  experiments: ReportedExperiment[];
}

/** The experiments and host probes a run draws on; the CLI binds the real ones, tests pass fakes. */
export interface RunSources {
  /** Every experiment, in the order `softmem list` shows and the main job runs them. */
  experiments: readonly Experiment[];
  detectMachine(): MachineInfo;
  /** A preset (`this`, `athlon`, `apple-m1`, …); throws `UsageError` for an unknown name. */
  machineByName(name: string): MachineInfo;
  captureEnvironment(): EnvironmentRecord;
}
