/** Vega-Lite charts of a `latency` result (plain JSON, data inlined). */
import type { ChartSpec, ExperimentResult } from '../types.js';
import type { LatencyParams } from './params.js';
import { latencyPointsOf, latencySummaryOf } from './summary.js';

/** A Vega expression that prints a byte count as `4 KiB`, `1 MiB`, `2 GiB`. */
export const BYTES_LABEL_EXPR =
  "datum.value >= 1073741824 ? format(datum.value / 1073741824, '~r') + ' GiB' : datum.value >= 1048576 ? format(datum.value / 1048576, '~r') + ' MiB' : datum.value >= 1024 ? format(datum.value / 1024, '~r') + ' KiB' : datum.value + ' B'";

/** The latency curve: ns per access on a log₂ working-set axis, known sizes and knees as rules. */
export function latencyCharts(result: ExperimentResult<LatencyParams>): ChartSpec[] {
  const summary = latencySummaryOf(result);
  const rows: { workingSetBytes: number; nsPerAccess: number; series: string }[] = [];
  for (const point of latencyPointsOf(result)) {
    rows.push({
      workingSetBytes: point.workingSetBytes,
      nsPerAccess: point.nsPerAccessMin,
      series: `JS ${point.variant}`,
    });
    if (point.nativeNsPerAccessMin !== null) {
      rows.push({
        workingSetBytes: point.workingSetBytes,
        nsPerAccess: point.nativeNsPerAccessMin,
        series: `native ${point.variant}`,
      });
    }
  }
  const known = summary.knownCaches.map((cache) => ({
    sizeBytes: cache.sizeBytes,
    label: `${cache.name} (known)`,
  }));
  const knees = summary.detectedLevels.map((level) => ({
    sizeBytes: level.sizeBytes,
    label: level.name === null ? `knee (${level.kind})` : `${level.name} knee`,
  }));
  const maxBytes = rows.reduce((max, row) => Math.max(max, row.workingSetBytes), 0);
  const inRange = <T extends { sizeBytes: number }>(list: T[]): T[] =>
    list.filter((r) => r.sizeBytes <= maxBytes);
  const x = {
    field: 'workingSetBytes',
    type: 'quantitative',
    title: 'working set',
    scale: { type: 'log', base: 2 },
    axis: { labelExpr: BYTES_LABEL_EXPR, tickCount: 12 },
  };
  const ruleX = { ...x, field: 'sizeBytes' };
  return [
    {
      title: 'Latency per access by working set (minimum of the runs)',
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
              y: {
                field: 'nsPerAccess',
                type: 'quantitative',
                title: 'ns per access',
                scale: { type: 'log' },
              },
              color: { field: 'series', type: 'nominal', title: null },
              tooltip: [
                { field: 'series', type: 'nominal' },
                { field: 'workingSetBytes', type: 'quantitative', title: 'bytes' },
                { field: 'nsPerAccess', type: 'quantitative', format: '.3~r' },
              ],
            },
          },
          {
            data: { values: inRange(known) },
            mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
            encoding: { x: ruleX, tooltip: { field: 'label', type: 'nominal' } },
          },
          {
            data: { values: inRange(known) },
            mark: {
              type: 'text',
              angle: 270,
              align: 'right',
              baseline: 'bottom',
              dy: -2,
              y: 4,
              color: 'gray',
            },
            encoding: { x: ruleX, text: { field: 'label', type: 'nominal' } },
          },
          {
            data: { values: knees },
            mark: { type: 'rule', color: 'firebrick' },
            encoding: { x: ruleX, tooltip: { field: 'label', type: 'nominal' } },
          },
        ],
      },
    },
  ];
}
