/** Plain sentences about a `bandwidth` result, built from its numbers. */
import { formatBytes } from '../../util/units.js';
import { times } from '../format.js';
import type { ExperimentResult } from '../types.js';
import type { BandwidthParams } from './params.js';
import { bandwidthSummaryOf } from './summary.js';

const gb = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** Explains a bandwidth result: per kernel, then the read references and caveats. */
export function explainBandwidth(result: ExperimentResult<BandwidthParams>): string[] {
  const summary = bandwidthSummaryOf(result);
  const lines: string[] = [];
  for (const kernel of summary.kernels) {
    const native =
      kernel.nativePeakGbPerSecond === null || kernel.jsToNativeRatio === null
        ? ''
        : `; native peak ${gb(kernel.nativePeakGbPerSecond)} GB/s, JS/native ${times(kernel.jsToNativeRatio)} (geometric mean over sizes)`;
    lines.push(
      `${kernel.kernel}: peak ${gb(kernel.peakGbPerSecond)} GB/s at ${formatBytes(kernel.peakAtBytes)}, ${gb(kernel.largestGbPerSecond)} GB/s at the largest working set${native}.`,
    );
  }
  for (const reference of summary.references) {
    if (reference.nativeGbPerSecond === null || reference.jsToNativeRatio === null) continue;
    const what =
      reference.label === 'memory' ? 'the largest working set' : `an ${reference.label}-sized working set`;
    lines.push(
      `Sequential read at ${what} (${formatBytes(reference.workingSetBytes)}): JS ${gb(reference.jsGbPerSecond)} GB/s, native ${gb(reference.nativeGbPerSecond)} GB/s, JS/native ${times(reference.jsToNativeRatio)}.`,
    );
  }
  lines.push(
    'GB/s counts the bytes the program reads and writes (copy 16 B, triad 24 B per element); write-allocate traffic is not counted. fill and set are V8 built-ins, compared with the native write and copy loops.',
  );
  if (summary.native !== null) {
    lines.push(`Native reference: ${summary.native.compiler}, flags ${summary.native.flags.join(' ')}.`);
  }
  if (summary.nativeUnavailable !== null) lines.push(summary.nativeUnavailable);
  if (summary.sweepNote !== null) lines.push(`Note: ${summary.sweepNote}.`);
  return lines;
}
