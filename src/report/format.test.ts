import { describe, expect, it } from 'vitest';
import { columnsOf, formatDuration, formatNumber, formatValue } from './format.js';
import { summarySections } from './summary-sections.js';

describe('formatValue', () => {
  it('writes whole byte counts under *Bytes keys as binary sizes, other numbers to 4 digits', () => {
    expect(formatValue('sizeBytes', 49152)).toBe('48 KiB');
    expect(formatValue('workingSetBytes', 1.5)).toBe('1.5');
    expect(formatValue('nsPerAccess', 1.23456)).toBe('1.235');
    expect(formatValue('count', 123456789)).toBe('123456789');
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('-∞');
  });
  it('writes empty for null, lists with commas and records as key: value pairs', () => {
    expect(formatValue('x', null)).toBe('');
    expect(formatValue('sizesBytes', [1024, 2048])).toBe('1 KiB, 2 KiB');
    expect(formatValue('level', { sizeBytes: 65536, latencyNs: 4.5, name: 'L2' })).toBe(
      'sizeBytes: 64 KiB; latencyNs: 4.5; name: L2',
    );
    expect(formatValue('flag', true)).toBe('true');
  });
  it('formats durations in ms below a second and seconds above', () => {
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
  });
});

describe('summarySections and columnsOf', () => {
  it('flattens nested records, turns lists of records into tables and leaves out nulls', () => {
    expect(
      summarySections({
        ratio: 0.5,
        missing: null,
        tags: ['a', 'b'],
        none: [],
        native: { compiler: 'cc', levels: [{ sizeBytes: 32768 }, { sizeBytes: 1048576, name: 'L2' }] },
        levels: [{ sizeBytes: 4096, latencyNs: 1.25 }],
      }),
    ).toEqual({
      quantities: [
        ['ratio', '0.5'],
        ['tags', 'a, b'],
        ['none', ''],
        ['native.compiler', 'cc'],
      ],
      tables: [
        {
          title: 'native.levels',
          columns: ['sizeBytes', 'name'],
          rows: [
            ['32 KiB', ''],
            ['1 MiB', 'L2'],
          ],
        },
        { title: 'levels', columns: ['sizeBytes', 'latencyNs'], rows: [['4 KiB', '1.25']] },
      ],
    });
  });
  it('collects columns in order of first appearance', () => {
    expect(columnsOf([{ b: 1 }, { a: 2, b: 3 }, { c: 4 }])).toEqual(['b', 'a', 'c']);
  });
});
