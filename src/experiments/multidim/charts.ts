import type { ChartSpec, ExperimentResult } from '../types.js';
import type { MultidimParams } from './params.js';

/** Bars per variant and size, as the text's figure. */
export function multidimCharts(result: ExperimentResult<MultidimParams>): ChartSpec[] {
  return [
    {
      title: 'Multi-dimensional arrays: ns per element by layout and cube size',
      vegaLite: {
        width: 560,
        height: 280,
        data: { values: result.points.filter((p) => typeof p.measuredNs === 'number') },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'edge', type: 'ordinal', title: 'cube edge n (n³ Int32)' },
          xOffset: { field: 'variant', type: 'nominal', sort: null },
          y: {
            field: 'measuredNs',
            type: 'quantitative',
            title: 'ns per element',
            scale: { type: 'log' },
            stack: null,
          },
          color: { field: 'variant', type: 'nominal', sort: null },
        },
      },
    },
  ];
}
