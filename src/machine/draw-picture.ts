import { buildTopology, type TopologyNode } from './topology.js';
import type { MachineInfo } from './types.js';

/** Layout constants of the picture, in pixels. */
const PADDING = 6;
const GAP = 6;
const HEADER = 20;
const CHAR_WIDTH = 6.4; // 11 px sans-serif, average glyph width
const CORE_HEIGHT = 24;

/** One drawn box. */
interface Box {
  x: number;
  x2: number;
  y: number;
  y2: number;
  label: string;
  kind: string;
}

interface Measured {
  node: TopologyNode;
  width: number;
  height: number;
  children: Measured[];
}

function measure(node: TopologyNode): Measured {
  const children = node.children.map(measure);
  const labelWidth = node.label.length * CHAR_WIDTH + 2 * PADDING;
  if (children.length === 0) return { node, width: labelWidth, height: CORE_HEIGHT, children };
  const inner = children.reduce((sum, c) => sum + c.width, 0) + GAP * (children.length - 1);
  const height = HEADER + Math.max(...children.map((c) => c.height)) + PADDING;
  return { node, width: Math.max(labelWidth, inner + 2 * PADDING), height, children };
}

function place(measured: Measured, x: number, y: number, boxes: Box[]): void {
  const { node } = measured;
  const kind = node.kind === 'cache' ? `L${node.cache?.level ?? 0}` : node.kind;
  boxes.push({ x, x2: x + measured.width, y, y2: y + measured.height, label: node.label, kind });
  const inner = measured.children.reduce((sum, c) => sum + c.width, 0) + GAP * (measured.children.length - 1);
  let childX = x + (measured.width - inner) / 2;
  for (const child of measured.children) {
    place(child, childX, y + HEADER, boxes);
    childX += child.width + GAP;
  }
}

/**
 * The machine as nested boxes, lstopo style, as a Vega-Lite specification (plain JSON with the
 * boxes inlined): render it with the report's chart renderer to get an SVG.
 */
export function machinePictureSpec(machine: MachineInfo): Record<string, unknown> {
  const measured = measure(buildTopology(machine));
  const boxes: Box[] = [];
  place(measured, 0, 0, boxes);
  const pixels = (field: string) => ({ field, type: 'quantitative', scale: null, axis: null });
  return {
    width: Math.ceil(measured.width),
    height: Math.ceil(measured.height),
    data: { values: boxes },
    layer: [
      {
        mark: { type: 'rect', stroke: '#444', strokeWidth: 1, cornerRadius: 3 },
        encoding: {
          x: pixels('x'),
          x2: { field: 'x2' },
          y: pixels('y'),
          y2: { field: 'y2' },
          color: {
            field: 'kind',
            type: 'nominal',
            legend: null,
            scale: {
              domain: ['machine', 'L4', 'L3', 'L2', 'L1', 'core'],
              range: ['#f4f4f4', '#e8dff5', '#dbe9f6', '#d8f0d8', '#fdf2c8', '#f6d5c8'],
            },
          },
        },
      },
      {
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'top',
          dx: PADDING,
          dy: 4,
          fontSize: 11,
          font: 'sans-serif',
        },
        encoding: { x: pixels('x'), y: pixels('y'), text: { field: 'label', type: 'nominal' } },
      },
    ],
    config: { view: { stroke: null } },
  };
}
