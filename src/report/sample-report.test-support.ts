import type { ExperimentResult } from '../experiments/types.js';
import type { MachineInfo } from '../machine/types.js';
import type { Report, ReportedExperiment } from './types.js';

/** Test support (not exported from the module): a small fixed machine. */
export const TEST_MACHINE: MachineInfo = {
  name: 'test',
  source: 'preset',
  cpuModel: 'Test CPU',
  cpus: 2,
  numaNodes: 1,
  pageBytes: 4096,
  transparentHugePages: null,
  caches: [
    { level: 1, type: 'data', sizeBytes: 32768, lineBytes: 64, ways: 8, sets: 64, sharedByCpus: [0] },
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
  notes: ['a note'],
};

/** Test support: an experiment result with a line chart, as the report receives it. */
export function sampleExperiment(id: string, title = `Title of ${id}`, label = 'seq'): ReportedExperiment {
  const result: ExperimentResult = {
    id,
    title,
    params: { sizesBytes: [4096, 8192], label },
    points: [
      { sizeBytes: 4096, nsPerAccess: 1.25, pattern: label },
      { sizeBytes: 8192, nsPerAccess: 2.5, pattern: label },
    ],
    summary: { levels: [{ sizeBytes: 4096, latencyNs: 1.25 }], verdict: label },
  };
  return {
    result,
    description: `What ${id} measures.`,
    explanation: [`${title} explained.`],
    charts: [
      {
        title: `${title} chart`,
        vegaLite: {
          data: { values: result.points },
          mark: 'line',
          encoding: {
            x: { field: 'sizeBytes', type: 'quantitative', scale: { type: 'log', base: 2 } },
            y: { field: 'nsPerAccess', type: 'quantitative' },
            color: { field: 'pattern', type: 'nominal' },
          },
        },
      },
    ],
    elapsedMs: 12,
  };
}

/** Test support: a report of the given experiment ids. */
export function sampleReport(ids: readonly string[], machine: MachineInfo = TEST_MACHINE): Report {
  return {
    machine,
    environment: { node: '20.0.0', loadAverage: [0.5, 0.25, 0.125] },
    startedAt: '2026-01-01T00:00:00.000Z',
    quick: true,
    seed: 7,
    experiments: ids.map((id) => sampleExperiment(id)),
  };
}
