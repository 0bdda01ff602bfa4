import type { ChartSpec, ExperimentResult } from '../types.js';
import type { VectorGrowthParams } from './params.js';

/** Charts of a vector-growth result: ns/push, bytes copied, and the exercise's length/capacity timeline. */
export function vectorGrowthCharts(result: ExperimentResult<VectorGrowthParams>): ChartSpec[] {
  const growth = result.points.filter((p) => p.section === 'growth');
  const copies = growth.filter((p) => typeof p.bytesCopied === 'number');
  const exercise = result.points.filter((p) => p.section === 'exercise');
  return [
    {
      title: 'ns per push by number of pushes (each sample builds a fresh vector)',
      vegaLite: {
        width: 560,
        height: 260,
        data: { values: growth },
        mark: { type: 'line', point: true, tooltip: true },
        encoding: {
          x: { field: 'pushes', type: 'quantitative', title: 'pushes', scale: { type: 'log' } },
          y: { field: 'nsPerPush', type: 'quantitative', title: 'ns per push', scale: { type: 'log' } },
          color: { field: 'variant', type: 'nominal', sort: null },
        },
      },
    },
    {
      title: 'Bytes copied by reallocations per byte pushed (Vec counters; unknown for JS Array)',
      vegaLite: {
        width: 560,
        height: 220,
        data: { values: copies },
        transform: [{ calculate: 'datum.bytesCopied / datum.bytesPushed', as: 'copiedPerPushedByte' }],
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'pushes', type: 'ordinal', title: 'pushes' },
          xOffset: { field: 'variant', type: 'nominal', sort: null },
          y: { field: 'copiedPerPushedByte', type: 'quantitative', title: 'bytes copied / bytes pushed' },
          color: { field: 'variant', type: 'nominal', sort: null },
        },
      },
    },
    {
      title: "The text's exercise on a Vec of capacity 4: length and capacity after each step",
      vegaLite: {
        width: 560,
        height: 220,
        data: { values: exercise },
        transform: [{ fold: ['length', 'capacity'], as: ['quantity', 'elements'] }],
        layer: [
          {
            mark: { type: 'line', interpolate: 'step-after' },
            encoding: {
              x: { field: 'step', type: 'quantitative', title: 'step', axis: { tickMinStep: 1 } },
              y: { field: 'elements', type: 'quantitative', title: 'elements' },
              color: { field: 'quantity', type: 'nominal', title: null },
            },
          },
          {
            mark: { type: 'point', filled: true, tooltip: true },
            encoding: {
              x: { field: 'step', type: 'quantitative' },
              y: { field: 'elements', type: 'quantitative' },
              color: { field: 'quantity', type: 'nominal', title: null },
              shape: { field: 'reallocated', type: 'nominal', title: 'reallocated' },
              tooltip: [
                { field: 'step', type: 'quantitative' },
                { field: 'op', type: 'nominal' },
                { field: 'value', type: 'quantitative' },
                { field: 'contents', type: 'nominal' },
              ],
            },
          },
        ],
      },
    },
  ];
}
