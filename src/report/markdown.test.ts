import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownTable, reportToMarkdown } from './markdown.js';
import { sampleExperiment, sampleReport } from './sample-report.test-support.js';

/** Splits a table row on pipes that are not backslash-escaped. */
function cellsOf(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('markdown', () => {
  it('escapes HTML, emphasis and pipes, and flattens line breaks', () => {
    const escaped = escapeMarkdown('<script>a|b *c* _d_ `e`\nf');
    expect(escaped).toBe('\\<script\\>a\\|b \\*c\\* \\_d\\_ \\`e\\` f');
    expect(escaped).not.toMatch(/(?<!\\)</);
  });

  it('keeps every row of a table at the header width whatever the cells hold', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 4 }), (rows) => {
        const lines = markdownTable(['a', 'b'], rows).split('\n');
        expect(lines).toHaveLength(rows.length + 2);
        for (const line of lines.slice(2)) expect(cellsOf(line)).toHaveLength(2);
      }),
    );
  });

  it('writes the machine, then each experiment with its sentences, summary, parameters and points', () => {
    const report = sampleReport(['alpha']);
    report.experiments.push(sampleExperiment('beta', '<b>Beta</b> | bars'));
    const markdown = reportToMarkdown(report);
    expect(markdown).toMatch(/^# softmem report/);
    expect(markdown).toContain('## Machine: test');
    expect(markdown).toContain('## Title of alpha (`alpha`)');
    expect(markdown).toContain('## \\<b\\>Beta\\</b\\> \\| bars (`beta`)');
    expect(markdown).toContain('- Title of alpha explained.');
    expect(markdown).toContain('| sizeBytes | nsPerAccess | pattern |');
    expect(markdown).toContain('| 4 KiB | 1.25 | seq |');
    expect(markdown).toContain('> a note');
  });
});
