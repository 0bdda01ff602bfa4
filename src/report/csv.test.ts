import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, pointsToCsv, reportToCsvText, safeFileName } from './csv.js';
import { sampleReport } from './sample-report.test-support.js';

/** An obviously-correct RFC 4180 reader (character by character) to read back what we write. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  expect(quoted).toBe(false);
  expect(field).toBe(''); // every line ends in \n
  return rows;
}

describe('csv', () => {
  it('quotes fields with commas, quotes, line breaks and edge spaces, and nothing else', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(false)).toBe('false');
  });

  it('round-trips any strings through an RFC 4180 reader', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            a: fc.string(),
            b: fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', ' ', 'x') }),
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (points) => {
          const rows = readCsv(pointsToCsv(points));
          expect(rows[0]).toEqual(['a', 'b']);
          expect(rows.slice(1)).toEqual(points.map((point) => [point.a, point.b]));
        },
      ),
    );
  });

  it('takes the union of keys in order of first appearance, leaving missing cells empty', () => {
    const csv = pointsToCsv([{ x: 1 }, { y: 'two', x: 3 }, { z: null }]);
    expect(readCsv(csv)).toEqual([
      ['x', 'y', 'z'],
      ['1', '', ''],
      ['3', 'two', ''],
      ['', '', ''],
    ]);
    expect(pointsToCsv([])).toBe('');
  });

  it('writes one plain CSV for one experiment and # id blocks for several', () => {
    const one = sampleReport(['alpha']);
    expect(reportToCsvText(one)).toBe(pointsToCsv(one.experiments[0]!.result.points));
    const two = sampleReport(['alpha', 'beta']);
    const text = reportToCsvText(two);
    expect(text.split('\n').filter((line) => line.startsWith('# '))).toEqual(['# alpha', '# beta']);
  });

  it('makes ids safe as file names', () => {
    expect(safeFileName('latency')).toBe('latency');
    expect(safeFileName('../etc/passwd')).toBe('__etc_passwd');
    expect(safeFileName('<b> x')).toBe('_b__x');
    expect(safeFileName('')).toBe('_');
  });
});
