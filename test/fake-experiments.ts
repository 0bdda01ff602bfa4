import type { Experiment, ExperimentResult } from '../src/experiments/types.js';
import type { MachineInfo } from '../src/machine/types.js';
import type { RunSources } from '../src/report/index.js';
import { Random } from '../src/util/random.js';

/** Parameters of the fake experiment: a few sizes, a count and a label. */
export interface FakeParams {
  sizesBytes: number[];
  repeats: number;
  label: string;
}

/** A string that breaks HTML, Markdown and CSV if any writer forgets to escape or quote. */
export const HOSTILE = `<script>alert("x")</script> & 'quotes', | pipes *stars*\nnew line`;

/**
 * A fast, deterministic experiment that obeys the `Experiment` contract: one point per size
 * (values derived from the seed), a summary with a list of records, two charts (one on a
 * log₂ axis). Knows nothing about the hardware, so CLI tests take milliseconds.
 */
export function fakeExperiment(id = 'fake', title = 'Fake experiment'): Experiment<FakeParams> {
  return {
    id,
    title,
    description: `A fake experiment (${id}) for tests.`,
    defaults: {
      full: { sizesBytes: [4096, 8192, 16384, 32768], repeats: 3, label: 'full' },
      quick: { sizesBytes: [4096, 65536], repeats: 1, label: 'quick' },
    },
    async run(context, params): Promise<ExperimentResult<FakeParams>> {
      const rng = new Random(context.seed);
      const points = params.sizesBytes.map((sizeBytes, index) => {
        context.progress(index / params.sizesBytes.length, `size ${sizeBytes}`);
        return {
          sizeBytes,
          nsPerAccess: 1 + Math.log2(sizeBytes) / 4 + rng.next() / 100,
          label: params.label,
          fitsL1: sizeBytes <= (context.machine.caches[0]?.sizeBytes ?? 0),
          note: index === 0 ? null : `${params.repeats} repeats`,
        };
      });
      context.log(`measured ${points.length} sizes`);
      return {
        id,
        title,
        params,
        points,
        summary: {
          seed: context.seed,
          quick: context.quick,
          detectedLevels: [{ sizeBytes: params.sizesBytes[0] ?? 0, latencyNs: 1.5 }],
          label: params.label,
        },
      };
    },
    explain(result) {
      return [`${result.points.length} sizes measured; label ${String(result.summary.label)}.`];
    },
    charts(result) {
      return [
        {
          title: `${title}: time per access`,
          vegaLite: {
            data: { values: result.points },
            mark: { type: 'line', point: true },
            width: 360,
            height: 200,
            encoding: {
              x: { field: 'sizeBytes', type: 'quantitative', scale: { type: 'log', base: 2 } },
              y: { field: 'nsPerAccess', type: 'quantitative' },
              color: { field: 'label', type: 'nominal' },
            },
          },
        },
        {
          title: `${title}: bars`,
          vegaLite: {
            data: { values: result.points },
            mark: 'bar',
            encoding: {
              x: { field: 'label', type: 'nominal' },
              y: { field: 'nsPerAccess', type: 'quantitative', aggregate: 'mean' },
            },
          },
        },
      ];
    },
  };
}

/** A small, fixed machine so tests do not depend on the host. */
export const FAKE_MACHINE: MachineInfo = {
  name: 'fake',
  source: 'preset',
  cpuModel: 'Fake CPU 3000',
  cpus: 2,
  numaNodes: 1,
  pageBytes: 4096,
  transparentHugePages: 'madvise',
  caches: [
    { level: 1, type: 'data', sizeBytes: 32768, lineBytes: 64, ways: 8, sets: 64, sharedByCpus: [0] },
    { level: 1, type: 'instruction', sizeBytes: 32768, lineBytes: 64, ways: 8, sets: 64, sharedByCpus: [0] },
    {
      level: 2,
      type: 'unified',
      sizeBytes: 1048576,
      lineBytes: 64,
      ways: 16,
      sets: 1024,
      sharedByCpus: [0, 1],
    },
  ],
  notes: [],
};

/** Sources for in-process CLI tests: fake experiments and a fixed environment. */
export function fakeSources(experiments: readonly Experiment[] = [fakeExperiment()]): Partial<RunSources> {
  return {
    experiments: experiments as readonly Experiment[],
    captureEnvironment: () => ({ node: process.versions.node, loadAverage: [0.5, 0.25, 0.1] }),
  };
}
