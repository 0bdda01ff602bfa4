import type { MachineInfo } from '../machine/types.js';
import { formatBytes } from '../util/units.js';
import { columnsOf, formatValue } from './format.js';
import { summarySections } from './summary-sections.js';
import type { Report, ReportedExperiment } from './types.js';

/**
 * Escapes text for Markdown prose and table cells: characters that start emphasis, code,
 * links, tables or HTML are backslash-escaped, line breaks become spaces (a cell is one line).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, '\\$&').replace(/\r?\n|\r/g, ' ');
}

/** A GitHub-flavoured Markdown table; every cell is escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map(line)].join('\n');
}

/** The whole run as one Markdown document: machine, then per experiment its sentences, summary and points. */
export function reportToMarkdown(report: Report): string {
  const parts = [
    '# softmem report',
    '',
    escapeMarkdown(
      `Started ${report.startedAt}, ${report.quick ? 'quick' : 'full'} mode, seed ${report.seed}.`,
    ),
    '',
    machineMarkdown(report.machine),
  ];
  for (const experiment of report.experiments) parts.push('', experimentMarkdown(experiment));
  return `${parts.join('\n')}\n`;
}

function machineMarkdown(machine: MachineInfo): string {
  const caches = machine.caches.map((cache) => [
    `L${cache.level}`,
    cache.type,
    formatBytes(cache.sizeBytes),
    formatBytes(cache.lineBytes),
    cache.ways === 0 ? 'unknown' : String(cache.ways),
    cache.sets === 0 ? 'unknown' : String(cache.sets),
    cache.sharedByCpus.length === 0 ? 'unknown' : cache.sharedByCpus.join(', '),
  ]);
  const lines = [
    `## Machine: ${escapeMarkdown(machine.name)}`,
    '',
    escapeMarkdown(
      `${machine.cpuModel}: ${machine.cpus} CPUs, ${machine.numaNodes} NUMA node(s), ${formatBytes(machine.pageBytes)} pages, transparent huge pages ${machine.transparentHugePages ?? 'unknown'} (source: ${machine.source}).`,
    ),
    '',
    markdownTable(['level', 'type', 'size', 'line', 'ways', 'sets', 'shared by CPUs'], caches),
  ];
  for (const note of machine.notes) lines.push('', `> ${escapeMarkdown(note)}`);
  return lines.join('\n');
}

function experimentMarkdown({ result, description, explanation }: ReportedExperiment): string {
  const columns = columnsOf(result.points);
  const lines = [`## ${escapeMarkdown(result.title)} (\`${result.id.replaceAll('`', "'")}\`)`, ''];
  if (description !== '') lines.push(escapeMarkdown(description), '');
  for (const sentence of explanation) lines.push(`- ${escapeMarkdown(sentence)}`);
  if (explanation.length > 0) lines.push('');
  const summary = summarySections(result.summary);
  lines.push('### Summary', '', markdownTable(['quantity', 'value'], summary.quantities), '');
  for (const section of summary.tables) {
    lines.push(`#### ${escapeMarkdown(section.title)}`, '', markdownTable(section.columns, section.rows), '');
  }
  lines.push(
    '### Parameters',
    '',
    markdownTable(
      ['parameter', 'value'],
      Object.entries(result.params).map(([key, value]) => [key, formatValue(key, value)]),
    ),
    '',
  );
  lines.push('### Points', '');
  lines.push(
    columns.length === 0
      ? '(no points)'
      : markdownTable(
          columns,
          result.points.map((point) => columns.map((column) => formatValue(column, point[column]))),
        ),
  );
  return lines.join('\n');
}
