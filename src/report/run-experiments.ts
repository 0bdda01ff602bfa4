import type { Experiment, ExperimentContext } from '../experiments/types.js';
import type { MachineInfo } from '../machine/types.js';
import { STALLED_MEDIAN_TO_MIN, stalledBatchCount } from '../measure/index.js';
import { checkAssignmentsApply, type ParamAssignment, resolveParams } from './param-overrides.js';
import type { EnvironmentRecord, Report, ReportedExperiment } from './types.js';

/**
 * The sentence that says a run's measurements were taken again because the machine stalled
 * (none when nothing was set aside).
 */
export function stallNote(stalledBatches: number): string[] {
  if (stalledBatches <= 0) return [];
  const batches =
    stalledBatches === 1 ? '1 batch of samples was' : `${stalledBatches} batches of samples were`;
  return [
    `The machine stalled while this ran: ${batches} set aside (median over ${STALLED_MEDIAN_TO_MIN}× the minimum) and taken again; treat close results with care.`,
  ];
}

/** One experiment and the parameters it will run with. */
export interface ExperimentPlan {
  experiment: Experiment;
  params: object;
}

/**
 * Resolves the parameters of every experiment before anything runs, so a bad `--param` is a
 * usage error at once rather than after a minute of measuring.
 */
export function planExperiments(
  experiments: readonly Experiment[],
  quick: boolean,
  assignments: readonly ParamAssignment[] = [],
): ExperimentPlan[] {
  checkAssignmentsApply(experiments, assignments);
  return experiments.map((experiment) => ({
    experiment,
    params: resolveParams(experiment, quick, assignments),
  }));
}

/** What `runExperiments` needs besides the plans. */
export interface RunOptions {
  machine: MachineInfo;
  quick: boolean;
  seed: number;
  captureEnvironment: () => EnvironmentRecord;
  /** Overall progress in [0, 1] across every experiment, with a label naming the current one. */
  onProgress?: (fraction: number, label: string) => void;
  /** Information lines for the user (the CLI writes them to stderr, or drops them with --json). */
  log?: (line: string) => void;
}

/**
 * Runs the planned experiments one after another (never concurrently: they time the
 * hardware) and gathers results, explanations and charts into a `Report`. An experiment that
 * throws stops the run: a report with a silently missing experiment would mislead.
 */
export async function runExperiments(plans: readonly ExperimentPlan[], options: RunOptions): Promise<Report> {
  const onProgress = options.onProgress ?? (() => {});
  const log = options.log ?? (() => {});
  // Experiments that simulate the same machine state the same assumptions: say each once.
  const said = new Set<string>();
  const logOnce = (id: string, line: string): void => {
    const message = line.startsWith(`${id}: `) ? line.slice(id.length + 2) : line;
    if (said.has(message)) return;
    said.add(message);
    log(`${id}: ${message}`);
  };
  const startedAt = new Date().toISOString();
  const environment = options.captureEnvironment();
  const experiments: ReportedExperiment[] = [];
  const count = plans.length;
  for (const [index, { experiment, params }] of plans.entries()) {
    const context: ExperimentContext = {
      machine: options.machine,
      quick: options.quick,
      seed: options.seed,
      progress: (fraction, label) => {
        const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
        onProgress((index + clamped) / count, `${experiment.id}: ${label}`);
      },
      log: (line) => logOnce(experiment.id, line),
    };
    onProgress(index / count, `${experiment.id}: starting`);
    log(`${experiment.id}: running (${options.quick ? 'quick' : 'full'})`);
    const startMs = performance.now();
    const stalledBefore = stalledBatchCount();
    const result = await experiment.run(context, params);
    const elapsedMs = performance.now() - startMs;
    experiments.push({
      result,
      description: experiment.description,
      explanation: [...experiment.explain(result), ...stallNote(stalledBatchCount() - stalledBefore)],
      charts: experiment.charts(result),
      elapsedMs,
    });
  }
  onProgress(1, 'done');
  return {
    machine: options.machine,
    environment,
    startedAt,
    quick: options.quick,
    seed: options.seed,
    experiments,
  };
}
