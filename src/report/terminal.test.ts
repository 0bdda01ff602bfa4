import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPLANATION_COLUMNS, TERMINAL_CELL_MAX_CHARS, terminalCell, wrapSentence } from './index.js';

describe('terminalCell', () => {
  it('keeps short one-line values as they are', () => {
    expect(terminalCell('0.94')).toBe('0.94');
    expect(terminalCell('x'.repeat(TERMINAL_CELL_MAX_CHARS))).toBe('x'.repeat(TERMINAL_CELL_MAX_CHARS));
  });

  it('cuts multi-line and long values to one short line that says where the rest is', () => {
    const pahole = 'struct my_struct {\n\tint16_t first; /* 0 2 */\n};';
    expect(terminalCell(pahole)).toBe('struct my_struct { … (in full in the JSON and HTML report)');
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 400 }), (value) => {
        const cell = terminalCell(value);
        expect(cell).not.toContain('\n');
        expect(cell.length).toBeLessThanOrEqual(TERMINAL_CELL_MAX_CHARS + 45);
        if (!value.includes('\n') && value.length <= TERMINAL_CELL_MAX_CHARS) expect(cell).toBe(value);
      }),
    );
  });
});

describe('wrapSentence', () => {
  it('wraps at the column limit with a two-space indent and loses no word', () => {
    const words = fc.stringMatching(/^[a-zA-Z0-9.,%()×≥-]{1,30}$/);
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 80 }), (list) => {
        const sentence = list.join(' ');
        const lines = wrapSentence(sentence).split('\n');
        for (const line of lines) {
          expect(line.startsWith('  ')).toBe(true);
          expect([...line].length).toBeLessThanOrEqual(EXPLANATION_COLUMNS);
        }
        expect(lines.map((line) => line.trim()).join(' ')).toBe(sentence);
        if ([...sentence].length <= EXPLANATION_COLUMNS - 2) expect(lines).toEqual([`  ${sentence}`]);
      }),
    );
  });
});
