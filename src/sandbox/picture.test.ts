import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { i32, renderSpaceText, Sandbox, spaceRegions, spaceVegaLite } from './index.js';

const SMALL = { sizeBytes: 1 << 20, stackBytes: 64 * 1024, guardBytes: 4096, staticBytes: 4096 } as const;

function scene(): Sandbox {
  const sb = new Sandbox({ ...SMALL, sanitize: false });
  const a = sb.malloc(100);
  sb.label(a, 'a');
  const b = sb.malloc(200);
  sb.malloc(50);
  sb.free(b);
  const frame = sb.enter('main');
  frame.local(i32, 4, 'local');
  return sb;
}

describe('address-space picture', () => {
  it('regions cover the layout in order, heap chunks back to back, live frames', () => {
    const sb = scene();
    const regions = spaceRegions(sb);
    const space = regions.filter((r) => r.lane === 'space');
    for (let i = 1; i < space.length; i++) expect(space[i]!.start).toBe(space[i - 1]!.end);
    expect(space.at(-1)!.end).toBe(sb.layout.sizeBytes);
    const heap = regions.filter((r) => r.lane === 'heap');
    expect(heap.map((r) => r.kind)).toEqual(['used', 'free', 'used']);
    for (let i = 1; i < heap.length; i++) expect(heap[i]!.start).toBe(heap[i - 1]!.end);
    expect(heap[0]!.label).toBe('a 100 B');
    expect(regions.filter((r) => r.lane === 'stack').map((r) => r.label)).toEqual(['#0 main: local 16 B']);
  });

  it('text shows the heap bar with used and free cells, the chunks and the frames', () => {
    const text = renderSpaceText(scene(), { width: 32 });
    expect(text).toMatch(/heap 0x[0-9a-f]{8}\.\.0x[0-9a-f]{8} {2}\[#+\.+#+\]/);
    expect(text).toContain('free        free 224 B');
    expect(text).toContain('#0 main: local 16 B');
    expect(text).toContain('1 live frame(s)');
  });

  it('the Vega-Lite spec compiles', () => {
    const spec = spaceVegaLite(scene());
    const compiled = compile(spec as unknown as TopLevelSpec);
    expect(compiled.spec.marks?.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec); // plain JSON
  });
});
