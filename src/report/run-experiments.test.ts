import { describe, expect, it } from 'vitest';
import type { Experiment, ExperimentContext, ExperimentResult } from '../experiments/types.js';
import { measureKernel } from '../measure/index.js';
import { UsageError } from '../util/errors.js';
import { parseParamAssignment } from './param-overrides.js';
import { planExperiments, runExperiments, stallNote } from './run-experiments.js';
import { TEST_MACHINE } from './sample-report.test-support.js';
import { selectExperiments } from './select-experiments.js';

interface StepParams {
  steps: number;
  sizeBytes: number;
}

/** A fake experiment that records what it was given and reports progress per step. */
function stepExperiment(
  id: string,
  seen: { context: ExperimentContext; params: StepParams }[],
): Experiment<StepParams> {
  return {
    id,
    title: `Steps ${id}`,
    description: `steps of ${id}`,
    defaults: { full: { steps: 4, sizeBytes: 65536 }, quick: { steps: 2, sizeBytes: 4096 } },
    async run(context, params): Promise<ExperimentResult<StepParams>> {
      seen.push({ context, params });
      for (let step = 0; step <= params.steps; step++) context.progress(step / params.steps, `step ${step}`);
      context.log(`done stepping ${id}`);
      context.log(`${id}: prefixed already`);
      return {
        id,
        title: `Steps ${id}`,
        params,
        points: [{ step: params.steps }],
        summary: { steps: params.steps },
      };
    },
    explain: (result) => [`${result.id} took ${String(result.summary.steps)} steps`],
    charts: (result) => [
      { title: `${result.id} chart`, vegaLite: { mark: 'point', data: { values: result.points } } },
    ],
  };
}

describe('selectExperiments', () => {
  const seen: { context: ExperimentContext; params: StepParams }[] = [];
  const registry = [stepExperiment('a', seen), stepExperiment('b', seen)] as Experiment[];

  it('keeps the order asked for, drops duplicates, and --all takes registry order', () => {
    expect(selectExperiments(['b', 'a', 'b'], false, registry).map((e) => e.id)).toEqual(['b', 'a']);
    expect(selectExperiments([], true, registry).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('names an unknown id and the known ones, and asks for something to run', () => {
    expect(() => selectExperiments(['nope'], false, registry)).toThrow(
      new UsageError("unknown experiment 'nope' (known: a, b)"),
    );
    expect(() => selectExperiments([], false, registry)).toThrow(UsageError);
    expect(() => selectExperiments(['a'], true, registry)).toThrow(/not both/);
  });
});

describe('runExperiments', () => {
  it('runs plans in order with the context and params asked for, and gathers explanations and charts', async () => {
    const seen: { context: ExperimentContext; params: StepParams }[] = [];
    const experiments = [stepExperiment('first', seen), stepExperiment('second', seen)] as Experiment[];
    const progress: [number, string][] = [];
    const logs: string[] = [];
    const plans = planExperiments(experiments, true, [parseParamAssignment('second.steps=3')]);
    const report = await runExperiments(plans, {
      machine: TEST_MACHINE,
      quick: true,
      seed: 42,
      captureEnvironment: () => ({ probe: 'env' }),
      onProgress: (fraction, label) => progress.push([fraction, label]),
      log: (line) => logs.push(line),
    });

    expect(seen.map(({ params }) => params)).toEqual([
      { steps: 2, sizeBytes: 4096 },
      { steps: 3, sizeBytes: 4096 },
    ]);
    expect(
      seen.every(({ context }) => context.seed === 42 && context.quick && context.machine === TEST_MACHINE),
    ).toBe(true);
    expect(report.environment).toEqual({ probe: 'env' });
    expect(report.experiments.map((e) => e.explanation)).toEqual([
      ['first took 2 steps'],
      ['second took 3 steps'],
    ]);
    expect(report.experiments.map((e) => e.charts[0]!.title)).toEqual(['first chart', 'second chart']);
    expect(report.experiments.every((e) => e.elapsedMs >= 0)).toBe(true);
    // Prefixed once; a message another experiment already gave is not repeated.
    expect(logs).toEqual([
      'first: running (quick)',
      'first: done stepping first',
      'first: prefixed already',
      'second: running (quick)',
      'second: done stepping second',
    ]);

    const fractions = progress.map(([fraction]) => fraction);
    expect(
      fractions.every((fraction, i) => fraction >= 0 && fraction <= 1 && fraction >= (fractions[i - 1] ?? 0)),
    ).toBe(true);
    expect(progress.at(-1)).toEqual([1, 'done']);
    expect(progress).toContainEqual([0.5 + 0.5 / 3, 'second: step 1']);
  });

  it("says when an experiment's measurements were taken again because the machine stalled", async () => {
    const spin = (ns: number): number => {
      const until = performance.now() + ns / 1e6;
      let spins = 0;
      while (performance.now() < until) spins++;
      return spins;
    };
    const stalling = (id: string, stalls: boolean): Experiment<StepParams> => ({
      ...stepExperiment(id, []),
      async run(_context, params) {
        let calls = 0;
        const kernel = (): number => spin(stalls && calls++ < 6 ? 300_000 : 15_000);
        const m = measureKernel(kernel, {
          samples: 8,
          iterationsPerSample: 1,
          minWarmupMs: 0,
          maxWarmupMs: 0,
        });
        return { id, title: id, params, points: [{ ns: m.nsPerOp.median }], summary: { steps: 1 } };
      },
    });
    const plans = planExperiments([stalling('calm', false), stalling('stalled', true)], true);
    const report = await runExperiments(plans, {
      machine: TEST_MACHINE,
      quick: true,
      seed: 1,
      captureEnvironment: () => ({}),
    });
    expect(report.experiments[0]!.explanation).toEqual(['calm took 1 steps']);
    expect(report.experiments[1]!.explanation).toEqual(['stalled took 1 steps', ...stallNote(1)]);
    expect(stallNote(0)).toEqual([]);
    expect(stallNote(2)[0]).toMatch(
      /^The machine stalled while this ran: 2 batches of samples were set aside/,
    );
  });

  it('stops at the first experiment that throws', async () => {
    const seen: { context: ExperimentContext; params: StepParams }[] = [];
    const failing = { ...stepExperiment('bad', seen), run: async () => Promise.reject(new Error('boom')) };
    const after = stepExperiment('after', seen);
    const plans = planExperiments([failing, after] as Experiment[], false);
    await expect(
      runExperiments(plans, { machine: TEST_MACHINE, quick: false, seed: 1, captureEnvironment: () => ({}) }),
    ).rejects.toThrow('boom');
    expect(seen).toHaveLength(0);
  });
});
