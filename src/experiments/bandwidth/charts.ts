/** Vega-Lite charts of a `bandwidth` result (plain JSON, data inlined). */
import { BYTES_LABEL_EXPR } from '../latency/charts.js';
import type { ChartSpec, ExperimentResult } from '../types.js';
import type { BandwidthParams } from './params.js';
import { bandwidthPointsOf, bandwidthSummaryOf } from './summary.js';

/** GB/s per working set, one line per kernel (solid JS, dashed native), known cache sizes as rules. */
export function bandwidthCharts(result: ExperimentResult<BandwidthParams>): ChartSpec[] {
  const summary = bandwidthSummaryOf(result);
  const rows: { workingSetBytes: number; gbPerSecond: number; kernel: string; side: string }[] = [];
  const nativeSeen = new Set<string>();
  for (const point of bandwidthPointsOf(result)) {
    rows.push({
      workingSetBytes: point.workingSetBytes,
      gbPerSecond: point.gbPerSecondBest,
      kernel: point.kernel,
      side: 'JS',
    });
    const key = `${point.nativeKernel}:${point.workingSetBytes}`;
    if (point.nativeKernel !== null && point.nativeGbPerSecondBest !== null && !nativeSeen.has(key)) {
      nativeSeen.add(key);
      rows.push({
        workingSetBytes: point.workingSetBytes,
        gbPerSecond: point.nativeGbPerSecondBest,
        kernel: point.nativeKernel,
        side: 'native',
      });
    }
  }
  const maxBytes = rows.reduce((max, row) => Math.max(max, row.workingSetBytes), 0);
  const known = summary.knownCaches
    .filter((cache) => cache.sizeBytes <= maxBytes)
    .map((cache) => ({ sizeBytes: cache.sizeBytes, label: cache.name }));
  const x = {
    field: 'workingSetBytes',
    type: 'quantitative',
    title: 'working set',
    scale: { type: 'log', base: 2 },
    axis: { labelExpr: BYTES_LABEL_EXPR, tickCount: 12 },
  };
  return [
    {
      title: 'Bandwidth by working set (best run; write-allocate traffic not counted)',
      vegaLite: {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        width: 640,
        height: 320,
        layer: [
          {
            data: { values: rows },
            mark: { type: 'line', point: true },
            encoding: {
              x,
              y: { field: 'gbPerSecond', type: 'quantitative', title: 'GB/s' },
              color: { field: 'kernel', type: 'nominal', title: 'kernel' },
              strokeDash: { field: 'side', type: 'nominal', title: null },
              tooltip: [
                { field: 'kernel', type: 'nominal' },
                { field: 'side', type: 'nominal' },
                { field: 'workingSetBytes', type: 'quantitative', title: 'bytes' },
                { field: 'gbPerSecond', type: 'quantitative', format: '.3~r' },
              ],
            },
          },
          {
            data: { values: known },
            mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
            encoding: { x: { ...x, field: 'sizeBytes' }, tooltip: { field: 'label', type: 'nominal' } },
          },
        ],
      },
    },
  ];
}
