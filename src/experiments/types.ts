import type { MachineInfo } from '../machine/types.js';

/** A flat result row: one point of an experiment (one working set, one pattern, …). */
export type ExperimentPoint = Record<string, number | string | boolean | null>;

/** A chart in the report: a Vega-Lite specification (plain JSON) and its title. */
export interface ChartSpec {
  title: string;
  /** A Vega-Lite spec whose data is inlined (`data.values`). */
  vegaLite: Record<string, unknown>;
}

/** What one run of an experiment produced. Serialised as-is into `softmem run --json`. */
export interface ExperimentResult<P extends object = object> {
  id: string;
  title: string;
  params: P;
  points: ExperimentPoint[];
  summary: Record<string, unknown>;
}

/** What an experiment may use while it runs. */
export interface ExperimentContext {
  machine: MachineInfo;
  quick: boolean;
  seed: number;
  /** Reports progress in [0, 1] with a short label; the CLI draws a bar on stderr. */
  progress(fraction: number, label: string): void;
  /** A line of information for the user (stderr in the CLI, hidden with --json). */
  log(line: string): void;
}

/**
 * An experiment: a question about the memory hierarchy, asked by timing kernels and
 * answered with numbers, a summary, charts and plain sentences.
 */
export interface Experiment<P extends object = object> {
  id: string;
  title: string;
  /** One sentence: what it measures. */
  description: string;
  /** Parameters for full runs and for `--quick`. */
  defaults: { full: P; quick: P };
  run(context: ExperimentContext, params: P): Promise<ExperimentResult<P>>;
  /** Plain sentences explaining the result ("L1d: 48 KiB detected at 1.1 ns…"). */
  explain(result: ExperimentResult<P>): string[];
  /** Charts for the HTML report. */
  charts(result: ExperimentResult<P>): ChartSpec[];
}
