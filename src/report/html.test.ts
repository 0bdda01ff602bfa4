import { describe, expect, it } from 'vitest';
import type { MachineInfo } from '../machine/types.js';
import { escapeHtml } from './escape-html.js';
import { reportToHtml } from './html.js';
import { sampleExperiment, sampleReport, TEST_MACHINE } from './sample-report.test-support.js';

const HOSTILE = `<script>alert('x')</script> & "quoted"`;

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters and nothing else', () => {
    expect(escapeHtml(`<a href="x">'&'</a> ok`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; ok',
    );
  });
});

describe('reportToHtml', () => {
  it('is a self-contained page: a CSP, inline style, one inline SVG per chart, no script, no URL', async () => {
    const html = await reportToHtml(sampleReport(['alpha', 'beta']));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org)/i);
    // The machine picture plus one chart per experiment, each an <svg> in a <figure>.
    expect(html.match(/<figure class="chart">/g)).toHaveLength(3);
    expect(html.match(/<figure class="chart"><figcaption>[^<]*<\/figcaption><svg /g)).toHaveLength(3);
    expect(html).toContain('id="experiment-alpha"');
    expect(html).toContain('<li>Title of alpha explained.</li>');
  });

  it('escapes every string that came from the run', async () => {
    const machine: MachineInfo = { ...TEST_MACHINE, name: HOSTILE, cpuModel: HOSTILE, notes: [HOSTILE] };
    const report = sampleReport([], machine);
    report.environment = { hostileKey: HOSTILE };
    const experiment = sampleExperiment(HOSTILE, HOSTILE, HOSTILE);
    experiment.description = HOSTILE;
    experiment.explanation = [HOSTILE];
    report.experiments.push(experiment);
    const html = await reportToHtml(report);
    expect(html).not.toMatch(/<script/i);
    // Outside the SVGs (whose text Vega escapes itself) not even a quote is left raw.
    expect(html.replace(/<svg[\s\S]*?<\/svg>/g, '')).not.toContain('"quoted"');
    expect(html.split('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;').length).toBeGreaterThan(8);
    expect(html).toContain('id="experiment-_script_alert__x____script_____quoted_"');
  });

  it('shows a chart that cannot be drawn as an error line and still writes the page', async () => {
    const report = sampleReport(['alpha']);
    report.experiments[0]!.charts.push(
      { title: 'broken', vegaLite: { mark: 'no-such-mark' } },
      { title: 'external', vegaLite: { data: { url: 'https://example.com/data.csv' }, mark: 'point' } },
    );
    const html = await reportToHtml(report);
    expect(html.match(/<p class="chart-error">/g)).toHaveLength(2);
    expect(html).toContain('Chart “broken” could not be drawn');
    expect(html).toContain('refusing to load');
    expect(html.match(/<figure class="chart">/g)).toHaveLength(2);
  });
});
