import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TERMINAL_CELL_MAX_CHARS, terminalCell } from './index.js';

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
