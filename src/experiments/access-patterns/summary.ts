import type { MachineInfo } from '../../machine/types.js';
import type { LevelLatencies } from '../explain/predict.js';
import { round } from '../ratios.js';
import type { ExperimentPoint } from '../types.js';
import { dataCaches } from '../working-sets.js';

/** One point where the latency model and the clock disagree. */
export interface Disagreement {
  section: string;
  pattern: string;
  workingSetBytes: number;
  measuredNs: number;
  predictedNs: number;
  /** predicted / measured */
  ratio: number;
}

/** The `summary` of an access-patterns result. */
export interface AccessPatternsSummary {
  /** The hierarchy the simulator used (after assumptions). */
  simulatedCaches: { name: string; sizeBytes: number; ways: number; lineBytes: number }[];
  /** Measured latency per simulated data level and memory, ns. */
  levelLatencyNs: Record<string, number>;
  /** Every assumption or cap, in words. */
  notes: string[];
  /** As in the text: random / sequential ns per touch, per element count. */
  textRandomVsSequential: { elements: number; ratio: number; verdict: string }[];
  /** As in the text: the naive random port / the corrected one, per element count. */
  textNaiveVsCorrected: { elements: number; ratio: number }[];
  /** Memory-isolated: random / sequential ns per element at the largest working set. */
  isolatedRandomVsSequential: { workingSetBytes: number; ratio: number; verdict: string } | null;
  /** Memory-isolated: the text code's random formula / sequential, same working set. */
  isolatedFormulaVsSequential: { workingSetBytes: number; ratio: number; verdict: string } | null;
  /** The five points where prediction and measurement disagree most. */
  disagreements: Disagreement[];
}

function find(points: readonly ExperimentPoint[], section: string, pattern: string, elements: number) {
  return points.find((p) => p.section === section && p.pattern === pattern && p.elements === elements);
}

const num = (value: ExperimentPoint[string] | undefined): number =>
  typeof value === 'number' ? value : Number.NaN;

/** Builds the summary from the points. */
export function summarise(
  points: readonly ExperimentPoint[],
  machine: MachineInfo,
  latencies: LevelLatencies,
  notes: string[],
): AccessPatternsSummary {
  const caches = dataCaches(machine);
  const levelLatencyNs: Record<string, number> = {};
  caches.forEach((cache, k) => {
    levelLatencyNs[cache.level === 1 ? 'L1d' : `L${cache.level}`] = round(latencies.levelNs[k] ?? Number.NaN);
  });
  levelLatencyNs.memory = round(latencies.memoryNs);

  const textElements = [...new Set(points.filter((p) => p.section === 'text').map((p) => num(p.elements)))];
  const textRandomVsSequential = textElements.flatMap((elements) => {
    const random = find(points, 'text', 'random', elements);
    const sequential = find(points, 'text', 'sequential', elements);
    if (!random || !sequential) return [];
    return [
      {
        elements,
        ratio: round(num(random.measuredNs) / num(sequential.measuredNs), 3),
        verdict: String(random.verdict),
      },
    ];
  });
  const textNaiveVsCorrected = textElements.flatMap((elements) => {
    const naive = find(points, 'text', 'random-naive', elements);
    const corrected = find(points, 'text', 'random', elements);
    if (!naive || !corrected) return [];
    return [{ elements, ratio: round(num(naive.measuredNs) / num(corrected.measuredNs), 3) }];
  });

  const isolated = points.filter((p) => p.section === 'isolated');
  const largest = Math.max(...isolated.map((p) => num(p.elements)));
  const sequential = find(points, 'isolated', 'sequential', largest);
  const againstSequential = (pattern: string) => {
    const other = find(points, 'isolated', pattern, largest);
    return other && sequential
      ? {
          workingSetBytes: num(other.workingSetBytes),
          ratio: round(num(other.measuredNs) / num(sequential.measuredNs), 3),
          verdict: String(other.verdict),
        }
      : null;
  };
  const isolatedRandomVsSequential = againstSequential('random');
  const isolatedFormulaVsSequential = againstSequential('random-formula');

  const disagreements = points
    .map((p) => ({
      section: String(p.section),
      pattern: String(p.pattern),
      workingSetBytes: num(p.workingSetBytes),
      measuredNs: num(p.measuredNs),
      predictedNs: num(p.predictedNs),
      ratio: round(num(p.predictedNs) / num(p.measuredNs), 3),
    }))
    .filter((d) => Number.isFinite(d.ratio) && d.ratio > 0)
    .sort((a, b) => Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio)))
    .slice(0, 5);

  return {
    simulatedCaches: caches.map((c) => ({
      name: c.level === 1 ? 'L1d' : `L${c.level}`,
      sizeBytes: c.sizeBytes,
      ways: c.ways,
      lineBytes: c.lineBytes,
    })),
    levelLatencyNs,
    notes,
    textRandomVsSequential,
    textNaiveVsCorrected,
    isolatedRandomVsSequential,
    isolatedFormulaVsSequential,
    disagreements,
  };
}
