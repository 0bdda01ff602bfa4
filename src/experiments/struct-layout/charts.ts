import type { ChartSpec, ExperimentResult } from '../types.js';
import { PACKED_STRUCT, PADDED_STRUCT } from './layouts.js';
import type { StructLayoutParams } from './params.js';
import { layoutCells } from './straddle.js';
import type { StructLayoutSummary } from './summary.js';

/** The layout picture shows this many cache lines (plus a little) of each array. */
const PICTURE_LINES = 2;

/** Charts of a struct-layout result: the layout picture, timed ns per struct, simulated L1d accesses. */
export function structLayoutCharts(result: ExperimentResult<StructLayoutParams>): ChartSpec[] {
  const summary = result.summary as unknown as StructLayoutSummary;
  const lineBytes = summary.lineBytes;
  const pictureBytes = PICTURE_LINES * lineBytes + 16;
  const cells = [
    ...layoutCells('packed (6 B)', PACKED_STRUCT, pictureBytes, lineBytes),
    ...layoutCells('padded (8 B)', PADDED_STRUCT, pictureBytes, lineBytes),
  ];
  const boundaries = Array.from({ length: PICTURE_LINES + 1 }, (_, k) => ({ byte: k * lineBytes }));
  const timed = result.points.filter((p) => p.section === 'timed');
  return [
    {
      title: `The first structs' bytes over ${lineBytes}-byte cache lines: packed fields cross the boundary, padded ones never do`,
      vegaLite: {
        width: 640,
        height: 120,
        layer: [
          {
            data: { values: cells },
            mark: { type: 'rect', tooltip: true },
            encoding: {
              x: { field: 'startByte', type: 'quantitative', title: 'byte offset from the array start' },
              x2: { field: 'endByte' },
              y: { field: 'layout', type: 'nominal', title: null },
              color: {
                field: 'part',
                type: 'nominal',
                title: 'bytes of',
                scale: { domain: ['first', 'second', 'padding'], range: ['#4c78a8', '#72b7b2', '#d8d8d8'] },
              },
              // A straddling field gets a thick dark outline.
              stroke: { condition: { test: 'datum.straddles', value: '#222222' }, value: 'white' },
              strokeWidth: { condition: { test: 'datum.straddles', value: 3 }, value: 0.5 },
              tooltip: [
                { field: 'label', type: 'nominal' },
                { field: 'straddles', type: 'nominal' },
              ],
            },
          },
          {
            data: { values: boundaries },
            mark: { type: 'rule', color: '#e45756', strokeWidth: 2 },
            encoding: { x: { field: 'byte', type: 'quantitative' } },
          },
        ],
      },
    },
    {
      title: 'Timed: ns per struct (two field writes) by array length',
      vegaLite: {
        width: 480,
        height: 240,
        data: { values: timed },
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'workingSetBytes', type: 'ordinal', title: null, axis: null },
          column: { field: 'structs', type: 'ordinal', title: 'structs' },
          xOffset: { field: 'variant', type: 'nominal', sort: null },
          y: { field: 'measuredNs', type: 'quantitative', title: 'ns per struct' },
          color: { field: 'variant', type: 'nominal', sort: null },
        },
      },
    },
    {
      title: 'Simulated L1d accesses per pass: a straddling write is two accesses',
      vegaLite: {
        width: 480,
        height: 200,
        data: { values: timed.filter((p) => p.access === 'DataView') },
        transform: [{ calculate: 'datum.L1dAccesses / datum.accessesPerPass', as: 'l1dAccessesPerWrite' }],
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'structs', type: 'ordinal', title: 'structs' },
          xOffset: { field: 'layout', type: 'nominal' },
          y: {
            field: 'l1dAccessesPerWrite',
            type: 'quantitative',
            title: 'L1d accesses per field write',
            scale: { zero: false },
          },
          color: { field: 'layout', type: 'nominal' },
        },
      },
    },
  ];
}
