/**
 * The tables and sentences every human-readable format shows (terminal, Markdown, HTML), as
 * plain strings: each format only adds its own syntax around them. Internal to the module.
 */
import type { ExperimentPoint } from '../experiments/types.js';
import type { MachineInfo } from '../machine/types.js';
import { formatBytes } from '../util/units.js';
import { columnsOf, formatValue } from './format.js';

/** A table ready to draw: a header and rows of cells already formatted for people. */
export interface TextTable {
  columns: readonly string[];
  rows: readonly (readonly string[])[];
}

/** How a format writes the cache cells a machine may not know. */
export interface CacheCellStyle {
  /** Written for ways, sets or sharing CPUs that were not reported. */
  unknown: string;
  /** Joins the CPU numbers that share a cache. */
  cpuSeparator: string;
}

/** The cache cells of Markdown and HTML: `unknown`, CPUs joined by `, `. */
const DOCUMENT_CACHE_CELLS: CacheCellStyle = { unknown: 'unknown', cpuSeparator: ', ' };

/** One sentence about the machine: CPU model, CPUs, NUMA nodes, page size, huge pages, source. */
export function machineSentence(machine: MachineInfo): string {
  return `${machine.cpuModel}: ${machine.cpus} CPUs, ${machine.numaNodes} NUMA node(s), ${formatBytes(machine.pageBytes)} pages, transparent huge pages ${machine.transparentHugePages ?? 'unknown'} (source: ${machine.source}).`;
}

/** One row per cache level: cache (`L1`…), type, size, line, ways, sets, sharing CPUs. */
export function cachesTable(machine: MachineInfo, style: CacheCellStyle = DOCUMENT_CACHE_CELLS): TextTable {
  const known = (count: number): string => (count === 0 ? style.unknown : String(count));
  return {
    columns: ['cache', 'type', 'size', 'line', 'ways', 'sets', 'shared by CPUs'],
    rows: machine.caches.map((cache) => [
      `L${cache.level}`,
      cache.type,
      formatBytes(cache.sizeBytes),
      formatBytes(cache.lineBytes),
      known(cache.ways),
      known(cache.sets),
      cache.sharedByCpus.length === 0 ? style.unknown : cache.sharedByCpus.join(style.cpuSeparator),
    ]),
  };
}

/** A two-column table of a record's entries (parameters, environment), values formatted by key. */
export function propertiesTable(keyHeader: string, record: object): TextTable {
  return {
    columns: [keyHeader, 'value'],
    rows: Object.entries(record).map(([key, value]) => [key, formatValue(key, value)]),
  };
}

/** Every point, one column per key in order of first appearance (no columns when there are no points). */
export function pointsTable(points: readonly ExperimentPoint[]): TextTable {
  const columns = columnsOf(points);
  return {
    columns,
    rows: points.map((point) => columns.map((column) => formatValue(column, point[column]))),
  };
}
