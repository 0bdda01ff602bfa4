import type { ChartSpec, ExperimentResult } from '../types.js';
import type { AccessPatternsParams } from './params.js';

/** Charts of an access-patterns result, in the spirit of the text's figure. */
export function accessPatternsCharts(result: ExperimentResult<AccessPatternsParams>): ChartSpec[] {
  const text = result.points.filter((p) => p.section === 'text');
  const isolated = result.points.filter((p) => p.section === 'isolated');
  return [
    {
      title: 'As in the text: ns per touch by pattern, grouped by data size',
      vegaLite: {
        width: 560,
        height: 260,
        data: { values: text },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'pattern', type: 'nominal', sort: null, title: 'pattern' },
          xOffset: { field: 'elements', type: 'nominal' },
          y: {
            field: 'measuredNs',
            type: 'quantitative',
            title: 'ns per touch',
            scale: { type: 'log' },
            stack: null,
          },
          color: { field: 'elements', type: 'nominal', title: 'elements' },
        },
      },
    },
    {
      title: 'Memory-isolated: ns per element by working set',
      vegaLite: {
        width: 560,
        height: 260,
        data: { values: isolated },
        mark: { type: 'line', point: true, tooltip: true },
        encoding: {
          x: {
            field: 'workingSetBytes',
            type: 'quantitative',
            title: 'working set (bytes)',
            scale: { type: 'log', base: 2 },
          },
          y: { field: 'measuredNs', type: 'quantitative', title: 'ns per element', scale: { type: 'log' } },
          color: { field: 'pattern', type: 'nominal', sort: null },
        },
      },
    },
    {
      title: 'Predicted (simulated misses × measured latencies) vs measured, ns per access',
      vegaLite: {
        width: 360,
        height: 300,
        data: { values: result.points },
        mark: { type: 'point', tooltip: true },
        encoding: {
          x: { field: 'measuredNs', type: 'quantitative', title: 'measured ns', scale: { type: 'log' } },
          y: { field: 'predictedNs', type: 'quantitative', title: 'predicted ns', scale: { type: 'log' } },
          color: { field: 'verdict', type: 'nominal' },
          shape: { field: 'section', type: 'nominal' },
        },
      },
    },
  ];
}
