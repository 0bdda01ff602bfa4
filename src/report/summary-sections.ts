import { columnsOf, formatValue } from './format.js';

/** A table inside a summary: one row per record of a list (detected levels, references, …). */
export interface SummaryTable {
  /** The key path of the list, e.g. `detectedLevels` or `native.detectedLevels`. */
  title: string;
  columns: string[];
  /** Cells already formatted for people. */
  rows: string[][];
}

/** An experiment summary laid out for reading: short quantities first, then lists of records as tables. */
export interface SummarySections {
  /** `[key path, formatted value]` for every scalar and list of scalars (null and undefined left out). */
  quantities: [string, string][];
  tables: SummaryTable[];
}

/**
 * Lays out any summary without knowing the experiment: nested records are flattened into
 * dotted keys (`native.compiler`), lists of records become tables, lists of scalars are
 * joined, and missing values (`null`) are left out. Used by the terminal, Markdown and HTML.
 *
 * @example
 * ```ts
 * summarySections({ ratio: 0.5, native: { compiler: 'cc' }, levels: [{ sizeBytes: 32768 }] });
 * // { quantities: [['ratio', '0.5'], ['native.compiler', 'cc']],
 * //   tables: [{ title: 'levels', columns: ['sizeBytes'], rows: [['32 KiB']] }] }
 * ```
 */
export function summarySections(summary: Readonly<Record<string, unknown>>): SummarySections {
  const sections: SummarySections = { quantities: [], tables: [] };
  collect(sections, '', summary);
  return sections;
}

function collect(sections: SummarySections, prefix: string, record: Readonly<Record<string, unknown>>): void {
  for (const [key, value] of Object.entries(record)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
      const records = value as Record<string, unknown>[];
      const columns = columnsOf(records);
      sections.tables.push({
        title: path,
        columns,
        rows: records.map((row) => columns.map((column) => formatValue(column, row[column]))),
      });
    } else if (isRecord(value)) {
      collect(sections, path, value);
    } else {
      sections.quantities.push([path, formatValue(key, value)]);
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
