import { formatBytes } from '../../util/units.js';
import { ns, times } from '../format.js';
import type { ExperimentResult } from '../types.js';
import type { MultidimParams } from './params.js';

/** Plain sentences built from the numbers of a multidim result. */
export function explainMultidim(result: ExperimentResult<MultidimParams>): string[] {
  const lines: string[] = [];
  const overflows = (result.summary.stackOverflowAtEdges ?? []) as number[];
  if (overflows.length > 0) {
    lines.push(
      `The stack-allocated multi-array overflowed the ${formatBytes(result.params.stackBytes)} stack at ${overflows.map((n) => `${n}³ (${formatBytes(n * n * n * 4)})`).join(' and ')}, as the text reports for Rust.`,
    );
  }
  for (const edge of result.params.edges) {
    const at = (variant: string) => result.points.find((p) => p.edge === edge && p.variant === variant);
    const row = at('flat-row-major');
    const column = at('flat-column-major');
    const nested = at('nested-arrays');
    const element = at('element-wise');
    if (row?.measuredNs == null || column?.measuredNs == null) continue;
    const parts = [
      `${edge}³ (${formatBytes(Number(row.cubeBytes))}): row-major ${ns(Number(row.measuredNs))} ns per element`,
      `column-major loop order ${times(Number(column.measuredNs) / Number(row.measuredNs))}× that`,
    ];
    if (typeof nested?.measuredNs === 'number') {
      parts.push(`nested arrays ${times(nested.measuredNs / Number(row.measuredNs))}×`);
    }
    if (typeof element?.measuredNs === 'number') {
      parts.push(`element-wise ${times(element.measuredNs / Number(row.measuredNs))}×`);
    }
    let sentence = parts.join(', ');
    if (typeof column.L1dMissesPerAccess === 'number' && typeof row.L1dMissesPerAccess === 'number') {
      sentence += `; simulated L1d misses per access ${row.L1dMissesPerAccess.toFixed(3)} row-major vs ${column.L1dMissesPerAccess.toFixed(3)} column-major (${column.verdict})`;
    }
    lines.push(`${sentence}.`);
  }
  return lines;
}
