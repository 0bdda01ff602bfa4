import type { ChartSpec, ExperimentResult } from '../types.js';
import type { LineSizeParams } from './params.js';
import type { LineSizeSummary } from './summary.js';

const strideAxis = {
  field: 'strideBytes',
  type: 'quantitative',
  title: 'stride (bytes)',
  scale: { type: 'log', base: 2 },
  axis: { values: [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096] },
};

/** Charts of a line-size result: measured ns per access with the knee, simulated misses. */
export function lineSizeCharts(result: ExperimentResult<LineSizeParams>): ChartSpec[] {
  const summary = result.summary as unknown as LineSizeSummary;
  const knee = summary.detectedLineBytes === null ? [] : [{ strideBytes: summary.detectedLineBytes }];
  return [
    {
      title:
        'ns per dependent load by stride (fastest sample; band: spread over rounds); the rule marks the detected line size',
      vegaLite: {
        width: 520,
        height: 260,
        layer: [
          {
            data: { values: result.points },
            mark: { type: 'errorband', opacity: 0.25 },
            encoding: {
              x: strideAxis,
              y: { field: 'measuredNsRoundMin', type: 'quantitative', title: 'ns per access' },
              y2: { field: 'measuredNsRoundMax' },
            },
          },
          {
            data: { values: result.points },
            mark: { type: 'line', point: true, tooltip: true },
            encoding: {
              x: strideAxis,
              y: { field: 'measuredNsMin', type: 'quantitative', title: 'ns per access' },
            },
          },
          {
            data: { values: knee },
            mark: { type: 'rule', color: 'firebrick', strokeDash: [4, 3] },
            encoding: { x: { field: 'strideBytes', type: 'quantitative' } },
          },
        ],
      },
    },
    {
      title: 'Simulated L1d misses per access by stride, same chain',
      vegaLite: {
        width: 520,
        height: 200,
        data: { values: result.points },
        mark: { type: 'line', point: true, tooltip: true },
        encoding: {
          x: strideAxis,
          y: { field: 'simulatedL1dMissesPerAccess', type: 'quantitative', title: 'L1d misses per access' },
        },
      },
    },
    {
      title: 'For comparison: the naive sweep, ns per load in address order through a buffer larger than L2',
      vegaLite: {
        width: 520,
        height: 200,
        data: { values: result.points },
        mark: { type: 'line', point: true, tooltip: true },
        encoding: {
          x: strideAxis,
          y: { field: 'naiveNs', type: 'quantitative', title: 'ns per load', scale: { type: 'log' } },
        },
      },
    },
  ];
}
