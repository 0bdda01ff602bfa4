import { describe, expect, it } from 'vitest';
import { renderVegaLiteSvg } from './render-svg.js';

describe('renderVegaLiteSvg', () => {
  it('renders a Vega-Lite spec to SVG in Node with its labels escaped', async () => {
    const svg = await renderVegaLiteSvg({
      title: 'a <b>title</b>',
      data: { values: [{ x: 1, y: 2, label: '<script>' }] },
      mark: 'point',
      encoding: {
        x: { field: 'x', type: 'quantitative' },
        y: { field: 'y', type: 'quantitative' },
        color: { field: 'label', type: 'nominal' },
      },
    });
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toMatch(/<\/svg>$/);
    expect(svg).toContain('a &lt;b&gt;title&lt;/b&gt;');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('<script');
  });

  it('refuses specs that load data from a file or URL', async () => {
    await expect(
      renderVegaLiteSvg({ data: { url: 'file:///etc/passwd' }, mark: 'point', encoding: {} }),
    ).rejects.toThrow(/refusing to load 'file:\/\/\/etc\/passwd'/);
  });

  it('throws on an invalid spec', async () => {
    await expect(renderVegaLiteSvg({ mark: 'no-such-mark' })).rejects.toThrow();
  });
});
