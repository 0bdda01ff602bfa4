import { formatStructLayout } from '../../collections/index.js';
import type { MachineInfo } from '../../machine/types.js';
import type { LevelLatencies } from '../explain/predict.js';
import { round } from '../ratios.js';
import type { ExperimentPoint } from '../types.js';
import { dataCaches } from '../working-sets.js';
import { type LayoutName, layoutOf } from './layouts.js';

/** One layout as C lays it out, with its pahole view. */
export interface LayoutDescription {
  sizeOf: number;
  secondOffset: number;
  paddingBytes: number;
  /** `formatStructLayout` output (pahole style). */
  pahole: string;
}

/** Line crossings and simulated L1d traffic of one pass, packed vs padded, at one array length. */
export interface StraddleRow {
  structs: number;
  packedStraddlingAccesses: number;
  paddedStraddlingAccesses: number;
  packedSpanningStructs: number;
  /** Simulated L1d accesses: one per field write, plus one more for each straddling write (split in two lines). */
  packedL1dAccesses: number;
  paddedL1dAccesses: number;
  packedL1dMisses: number;
  paddedL1dMisses: number;
}

/**
 * Timed ratios at one array length (> 1: the first is slower), from each point's fastest sample:
 * on a shared machine other processes only ever add time, and medians of a few samples swing.
 */
export interface TimingRow {
  structs: number;
  /** packed-dataview ns / padded-dataview ns: the layout alone. */
  packedVsPadded: number;
  /** padded-dataview ns / padded-typed ns: DataView's cost over typed arrays. */
  dataViewVsTyped: number;
}

/** The `summary` of a struct-layout result. */
export interface StructLayoutSummary {
  lineBytes: number;
  layouts: Record<LayoutName, LayoutDescription>;
  straddling: StraddleRow[];
  /** Every array long enough to reach a boundary (≥ 11 packed structs) has straddling packed writes. */
  packedStraddles: boolean;
  /** No padded write ever straddles. */
  paddedNeverStraddles: boolean;
  timing: TimingRow[];
  /** The point where the latency model and the clock disagree most (predicted / measured). */
  worstPrediction: {
    variant: string;
    structs: number;
    predictedNs: number;
    measuredNs: number;
    ratio: number;
  } | null;
  levelLatencyNs: Record<string, number>;
  notes: string[];
}

const num = (value: ExperimentPoint[string] | undefined): number =>
  typeof value === 'number' ? value : Number.NaN;

/** Packed structs needed before the first write straddles a 64-byte line (struct 10's `second`, bytes 62–65). */
const FIRST_STRADDLE_STRUCTS = 11;

function describe(name: LayoutName, lineBytes: number): LayoutDescription {
  const layout = layoutOf(name);
  return {
    sizeOf: layout.sizeOf,
    secondOffset: layout.offsetOf('second'),
    paddingBytes: layout.paddingBytes,
    pahole: formatStructLayout(layout, { lineBytes }),
  };
}

/** Builds the summary from the points. */
export function summarise(
  points: readonly ExperimentPoint[],
  lineBytes: number,
  latencies: LevelLatencies,
  machine: MachineInfo,
  notes: string[],
): StructLayoutSummary {
  const timed = points.filter((p) => p.section === 'timed');
  const counts = [...new Set(timed.map((p) => num(p.structs)))].sort((a, b) => a - b);
  const at = (variant: string, structs: number) =>
    timed.find((p) => p.variant === variant && p.structs === structs);
  const straddling = counts.flatMap((structs): StraddleRow[] => {
    const packed = at('packed-dataview', structs);
    const padded = at('padded-dataview', structs) ?? at('padded-typed', structs);
    if (packed === undefined || padded === undefined) return [];
    return [
      {
        structs,
        packedStraddlingAccesses: num(packed.straddlingAccesses),
        paddedStraddlingAccesses: num(padded.straddlingAccesses),
        packedSpanningStructs: num(packed.spanningStructs),
        packedL1dAccesses: num(packed.L1dAccesses),
        paddedL1dAccesses: num(padded.L1dAccesses),
        packedL1dMisses: num(packed.L1dMisses),
        paddedL1dMisses: num(padded.L1dMisses),
      },
    ];
  });
  const timing = counts.flatMap((structs): TimingRow[] => {
    const packed = num(at('packed-dataview', structs)?.measuredNsMin);
    const padded = num(at('padded-dataview', structs)?.measuredNsMin);
    const typed = num(at('padded-typed', structs)?.measuredNsMin);
    if (!Number.isFinite(packed) || !Number.isFinite(padded)) return [];
    return [
      { structs, packedVsPadded: round(packed / padded, 3), dataViewVsTyped: round(padded / typed, 3) },
    ];
  });
  const levelLatencyNs: Record<string, number> = {};
  dataCaches(machine).forEach((cache, k) => {
    levelLatencyNs[cache.level === 1 ? 'L1d' : `L${cache.level}`] = round(latencies.levelNs[k] ?? Number.NaN);
  });
  levelLatencyNs.memory = round(latencies.memoryNs);
  let worstPrediction: StructLayoutSummary['worstPrediction'] = null;
  for (const p of timed) {
    const ratio = num(p.predictedNs) / num(p.measuredNs);
    if (!(ratio > 0) || !Number.isFinite(ratio)) continue;
    if (worstPrediction === null || Math.abs(Math.log(ratio)) > Math.abs(Math.log(worstPrediction.ratio))) {
      worstPrediction = {
        variant: String(p.variant),
        structs: num(p.structs),
        predictedNs: num(p.predictedNs),
        measuredNs: num(p.measuredNs),
        ratio: round(ratio, 3),
      };
    }
  }
  const reaching = straddling.filter((row) => row.structs >= FIRST_STRADDLE_STRUCTS);
  return {
    lineBytes,
    layouts: { packed: describe('packed', lineBytes), padded: describe('padded', lineBytes) },
    straddling,
    packedStraddles: reaching.length > 0 && reaching.every((row) => row.packedStraddlingAccesses > 0),
    paddedNeverStraddles: straddling.every((row) => row.paddedStraddlingAccesses === 0),
    timing,
    worstPrediction,
    levelLatencyNs,
    notes: [
      ...notes,
      'the simulated array starts at a 64-byte-aligned address; where V8 places a real ArrayBuffer relative to cache lines is not observable from JS',
      'timed ratios compare the fastest sample of each point; measuredNs is the median',
      'timed: packed-dataview vs padded-dataview differ only in layout (same DataView calls); padded-typed shows the typed-array views JS can use only for the aligned layout',
    ],
  };
}
