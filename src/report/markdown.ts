import type { MachineInfo } from '../machine/types.js';
import { cachesTable, machineSentence, pointsTable, propertiesTable } from './report-tables.js';
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
  const caches = cachesTable(machine);
  const lines = [
    `## Machine: ${escapeMarkdown(machine.name)}`,
    '',
    escapeMarkdown(machineSentence(machine)),
    '',
    // The first column is headed `level` here (`cache` in the terminal and HTML).
    markdownTable(['level', ...caches.columns.slice(1)], caches.rows),
  ];
  for (const note of machine.notes) lines.push('', `> ${escapeMarkdown(note)}`);
  return lines.join('\n');
}

function experimentMarkdown({ result, description, explanation }: ReportedExperiment): string {
  const lines = [`## ${escapeMarkdown(result.title)} (\`${result.id.replaceAll('`', "'")}\`)`, ''];
  if (description !== '') lines.push(escapeMarkdown(description), '');
  for (const sentence of explanation) lines.push(`- ${escapeMarkdown(sentence)}`);
  if (explanation.length > 0) lines.push('');
  const summary = summarySections(result.summary);
  lines.push('### Summary', '', markdownTable(['quantity', 'value'], summary.quantities), '');
  for (const section of summary.tables) {
    lines.push(`#### ${escapeMarkdown(section.title)}`, '', markdownTable(section.columns, section.rows), '');
  }
  const parameters = propertiesTable('parameter', result.params);
  lines.push('### Parameters', '', markdownTable(parameters.columns, parameters.rows), '');
  const points = pointsTable(result.points);
  lines.push(
    '### Points',
    '',
    points.columns.length === 0 ? '(no points)' : markdownTable(points.columns, points.rows),
  );
  return lines.join('\n');
}
