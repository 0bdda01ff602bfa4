import { formatBytes } from '../../util/units.js';
import { ns, times } from '../format.js';
import type { ExperimentResult } from '../types.js';
import { PACKED_STRUCT, PADDED_STRUCT } from './layouts.js';
import type { StructLayoutParams } from './params.js';
import { countLineCrossings, layoutCells } from './straddle.js';
import type { StructLayoutSummary } from './summary.js';

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** `1.40× slower` / `1.10× faster` for a ratio first / second. */
function slower(ratio: number): string {
  return ratio >= 1 ? `${times(ratio)}× slower` : `${times(1 / ratio)}× faster`;
}

/** Plain sentences built from the numbers of a struct-layout result. */
export function explainStructLayout(result: ExperimentResult<StructLayoutParams>): string[] {
  const summary = result.summary as unknown as StructLayoutSummary;
  const { packed, padded } = summary.layouts;
  const line = summary.lineBytes;
  const lines: string[] = [
    `struct my_struct { short first; int second; }: packed it is ${packed.sizeOf} bytes with second at offset ${packed.secondOffset}; as C pads it, ${padded.sizeOf} bytes with second at offset ${padded.secondOffset} (${padded.paddingBytes} bytes of padding).`,
  ];
  for (const row of summary.straddling) {
    lines.push(
      `${row.structs.toLocaleString('en-US')} structs from a ${line}-byte-aligned address: ${row.packedStraddlingAccesses.toLocaleString('en-US')} of the ${(2 * row.structs).toLocaleString('en-US')} packed field writes straddle two ${line}-byte lines (and ${row.packedSpanningStructs.toLocaleString('en-US')} structs span two lines), ${row.paddedStraddlingAccesses} padded ones do; the simulator sees ${row.packedL1dAccesses.toLocaleString('en-US')} L1d accesses packed vs ${row.paddedL1dAccesses.toLocaleString('en-US')} padded, and ${row.packedL1dMisses.toLocaleString('en-US')} vs ${row.paddedL1dMisses.toLocaleString('en-US')} L1d misses per steady-state pass.`,
    );
  }
  const firstCell = layoutCells('packed', PACKED_STRUCT, 4 * line, line).find((cell) => cell.straddles);
  if (firstCell !== undefined) {
    // The pattern repeats every lcm(sizeOf, line) bytes.
    const periodStructs = line / gcd(PACKED_STRUCT.sizeOf, line);
    const perPeriod = countLineCrossings(PACKED_STRUCT, periodStructs, 0, line);
    lines.push(
      `Packed, struct i starts at byte ${PACKED_STRUCT.sizeOf}i, so struct ${firstCell.element}'s ${firstCell.part} field occupies bytes ${firstCell.startByte}–${firstCell.endByte - 1} and crosses the first line boundary; the pattern repeats every ${periodStructs} structs (${periodStructs * PACKED_STRUCT.sizeOf} bytes): ${perPeriod.straddlingAccesses} straddling write(s) per ${perPeriod.accesses}.${line % PADDED_STRUCT.sizeOf === 0 ? ` Padded, ${PADDED_STRUCT.sizeOf} divides ${line}, so no field ever crosses.` : ''}`,
    );
  }
  for (const row of summary.timing) {
    const point = result.points.find((p) => p.variant === 'packed-dataview' && p.structs === row.structs);
    const bytes = typeof point?.workingSetBytes === 'number' ? formatBytes(point.workingSetBytes) : '?';
    const measured = typeof point?.measuredNsMin === 'number' ? ns(point.measuredNsMin) : '?';
    lines.push(
      `Timed, ${row.structs.toLocaleString('en-US')} structs (${bytes} packed): packed writes are ${slower(row.packedVsPadded)} than padded through the same DataView calls (${measured} ns per packed struct); on the padded layout DataView writes take ${times(row.dataViewVsTyped)}× the time of typed-array writes. ${point?.verdict ?? ''}: ${point?.reason ?? ''}.`,
    );
  }
  const worst = summary.worstPrediction;
  if (worst !== null) {
    lines.push(
      `The latency model (simulated hits and misses × measured latencies) disagrees most for ${worst.variant} at ${worst.structs.toLocaleString('en-US')} structs: ${ns(worst.predictedNs)} ns predicted vs ${ns(worst.measuredNs)} ns measured per struct (${times(worst.ratio)}×). The writes stream sequentially, so the hardware prefetches lines and overlaps misses, which a pure latency model does not.`,
    );
  }
  lines.push(
    'Packing trades bytes for boundaries: the packed array is 25% smaller (fewer lines to miss when it does not fit), but some of its writes touch two lines and every second field is unaligned.',
  );
  for (const note of summary.notes) lines.push(`Note: ${note}.`);
  return lines;
}
