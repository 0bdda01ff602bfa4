import type { ChartSpec, ExperimentResult } from '../types.js';
import type { TransposeParams } from './params.js';

/** ns per element by matrix size and variant, and simulated L1d misses where simulated. */
export function transposeCharts(result: ExperimentResult<TransposeParams>): ChartSpec[] {
  return [
    {
      title: 'Transpose: ns per element by matrix edge',
      vegaLite: {
        width: 480,
        height: 260,
        data: { values: result.points },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'edge', type: 'ordinal', title: 'matrix edge (f64)' },
          xOffset: { field: 'variant', type: 'nominal', sort: null },
          y: { field: 'nsPerElement', type: 'quantitative', title: 'ns per element' },
          color: { field: 'variant', type: 'nominal', sort: null },
        },
      },
    },
    {
      title: 'Transpose: simulated L1d misses per access',
      vegaLite: {
        width: 480,
        height: 220,
        data: { values: result.points.filter((p) => typeof p.L1dMissesPerAccess === 'number') },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'edge', type: 'ordinal', title: 'matrix edge (f64)' },
          xOffset: { field: 'variant', type: 'nominal', sort: null },
          y: { field: 'L1dMissesPerAccess', type: 'quantitative', title: 'L1d misses per access' },
          color: { field: 'variant', type: 'nominal', sort: null },
        },
      },
    },
  ];
}
