import { describe, expect, it } from 'vitest';
import { columnsOf, formatDuration, formatNumber, formatValue, summaryRows } from './format.js';

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

describe('summaryRows and columnsOf', () => {
  it('gives lists of records one row per element and keeps scalars as they are', () => {
    expect(
      summaryRows({
        levels: [{ sizeBytes: 32768 }, { sizeBytes: 1048576 }],
        none: [],
        ratio: 0.5,
        tags: ['a', 'b'],
      }),
    ).toEqual([
      ['levels[0]', 'sizeBytes: 32 KiB'],
      ['levels[1]', 'sizeBytes: 1 MiB'],
      ['none', ''],
      ['ratio', '0.5'],
      ['tags', 'a, b'],
    ]);
  });
  it('collects columns in order of first appearance', () => {
    expect(columnsOf([{ b: 1 }, { a: 2, b: 3 }, { c: 4 }])).toEqual(['b', 'a', 'c']);
  });
});
