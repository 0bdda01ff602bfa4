import { formatBytes } from '../util/index.js';
import { HEADER_BYTES, hex } from './layout.js';
import type { Sandbox } from './sandbox.js';

/** One band of the address-space picture. */
export interface SpaceRegion {
  /** 'space' (whole layout), 'heap' (chunks) or 'stack' (frames). */
  readonly lane: 'space' | 'heap' | 'stack';
  readonly kind:
    | 'null-page'
    | 'static'
    | 'guard'
    | 'heap'
    | 'unmapped'
    | 'stack'
    | 'used'
    | 'free'
    | 'quarantined'
    | 'frame';
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** The bands of the picture: the layout, every heap chunk and every live frame. O(chunks + frames). */
export function spaceRegions(sandbox: Sandbox): SpaceRegion[] {
  const { layout, heap, stack } = sandbox;
  const regions: SpaceRegion[] = [
    { lane: 'space', kind: 'null-page', start: 0, end: layout.nullPageBytes, label: 'null page' },
    { lane: 'space', kind: 'static', start: layout.staticStart, end: layout.staticEnd, label: 'static' },
    { lane: 'space', kind: 'guard', start: layout.staticEnd, end: layout.heapStart, label: 'guard' },
    { lane: 'space', kind: 'heap', start: layout.heapStart, end: heap.heapTop, label: 'heap' },
    { lane: 'space', kind: 'unmapped', start: heap.heapTop, end: layout.heapLimit, label: 'heap reserve' },
    { lane: 'space', kind: 'guard', start: layout.heapLimit, end: layout.stackLimit, label: 'guard' },
    { lane: 'space', kind: 'stack', start: layout.stackLimit, end: layout.sizeBytes, label: 'stack' },
  ];
  for (const block of heap.blocks()) {
    const chunk = block.address - HEADER_BYTES;
    const label =
      block.state === 'free'
        ? `free ${block.chunkBytes} B`
        : `${sandbox.labels.get(block.address) ?? 'block'} ${block.requestedBytes} B${block.state === 'quarantined' ? ' (freed)' : ''}`;
    regions.push({ lane: 'heap', kind: block.state, start: chunk, end: chunk + block.chunkBytes, label });
  }
  for (const frame of stack.frames) {
    const locals = frame.locals.map((local) => `${local.name} ${local.sizeBytes} B`).join(', ');
    regions.push({
      lane: 'stack',
      kind: 'frame',
      start: frame.low,
      end: frame.base,
      label: `#${frame.depth} ${frame.name}${locals === '' ? '' : `: ${locals}`}`,
    });
  }
  return regions.filter((region) => region.end > region.start);
}

const HEAP_GLYPHS: Readonly<Record<string, string>> = { used: '#', free: '.', quarantined: 'x' };

/** One character per cell: the state that covers most of each cell's bytes. */
function heapBar(regions: readonly SpaceRegion[], start: number, end: number, width: number): string {
  const span = Math.max(1, end - start);
  const cells: string[] = [];
  for (let cell = 0; cell < width; cell++) {
    const from = start + (span * cell) / width;
    const to = start + (span * (cell + 1)) / width;
    let best = ' ';
    let bestBytes = 0;
    for (const region of regions) {
      const bytes = Math.min(to, region.end) - Math.max(from, region.start);
      if (bytes > bestBytes) {
        bestBytes = bytes;
        best = HEAP_GLYPHS[region.kind] ?? '?';
      }
    }
    cells.push(best);
  }
  return cells.join('');
}

/**
 * The address space as text: the layout, a bar of the heap (`#` used, `.` free, `x` freed and
 * quarantined), every heap chunk (up to `maxRows`) and every live stack frame.
 */
export function renderSpaceText(
  sandbox: Sandbox,
  options: { width?: number; maxRows?: number; regions?: readonly SpaceRegion[] } = {},
): string {
  const width = options.width ?? 64;
  const maxRows = options.maxRows ?? 24;
  const regions = options.regions ?? spaceRegions(sandbox);
  const stats = sandbox.stats();
  const range = (region: SpaceRegion): string => `${hex(region.start)}..${hex(region.end)}`;
  const lines = [
    `address space ${formatBytes(sandbox.layout.sizeBytes)}, sanitizer ${sandbox.sanitize ? 'on' : 'off'}`,
  ];
  for (const region of regions.filter((r) => r.lane === 'space')) {
    lines.push(
      `  ${range(region)}  ${region.label.padEnd(13)} ${formatBytes(region.end - region.start).padStart(10)}`,
    );
  }
  const heapRegions = regions.filter((r) => r.lane === 'heap');
  const heapTop =
    regions.find((r) => r.lane === 'space' && r.kind === 'heap')?.end ?? sandbox.layout.heapStart;
  lines.push(
    '',
    `heap ${hex(sandbox.layout.heapStart)}..${hex(heapTop)}  [${heapBar(heapRegions, sandbox.layout.heapStart, heapTop, width)}]`,
  );
  for (const region of heapRegions.slice(0, maxRows)) {
    lines.push(`  ${range(region)}  ${region.kind.padEnd(11)} ${region.label}`);
  }
  if (heapRegions.length > maxRows) lines.push(`  … ${heapRegions.length - maxRows} more chunks`);
  lines.push(
    `  live ${stats.liveBytes} B in ${stats.liveBlocks} block(s), peak ${stats.peakLiveBytes} B, free ${stats.freeBytes} B in ${stats.freeBlocks} chunk(s), quarantined ${stats.quarantinedBytes} B, fragmentation ${(stats.fragmentation * 100).toFixed(1)}%`,
  );
  const frames = regions.filter((r) => r.lane === 'stack');
  lines.push(
    '',
    `stack ${hex(frames.length === 0 ? sandbox.layout.sizeBytes : Math.min(...frames.map((f) => f.start)))} (sp)..${hex(sandbox.layout.sizeBytes)}, ${frames.length} live frame(s)`,
  );
  const shown =
    frames.length > maxRows ? [...frames.slice(0, 3), null, ...frames.slice(-(maxRows - 4))] : frames;
  for (const region of [...shown].reverse()) {
    lines.push(
      region === null
        ? `  … ${frames.length - maxRows + 1} more frames`
        : `  ${range(region)}  ${region.label}`,
    );
  }
  return lines.join('\n');
}

/**
 * The same picture as a Vega-Lite spec (plain JSON): one row per lane, bars from start to end
 * address, coloured by kind; each lane has its own address scale so small heaps stay visible.
 */
export function spaceVegaLite(
  sandbox: Sandbox,
  title = 'Sandbox address space',
  regions: readonly SpaceRegion[] = spaceRegions(sandbox),
): Record<string, unknown> {
  const values = regions.map((region) => ({
    ...region,
    startHex: hex(region.start),
    endHex: hex(region.end),
    sizeBytes: region.end - region.start,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    facet: { row: { field: 'lane', type: 'nominal', sort: ['space', 'heap', 'stack'], title: null } },
    spec: {
      width: 640,
      height: 40,
      mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
      encoding: {
        x: { field: 'start', type: 'quantitative', title: 'address', scale: { zero: false, nice: false } },
        x2: { field: 'end' },
        color: { field: 'kind', type: 'nominal', title: 'region' },
        tooltip: [
          { field: 'label', type: 'nominal' },
          { field: 'startHex', type: 'nominal', title: 'start' },
          { field: 'endHex', type: 'nominal', title: 'end' },
          { field: 'sizeBytes', type: 'quantitative', title: 'bytes' },
        ],
      },
    },
    resolve: { scale: { x: 'independent' } },
  };
}
