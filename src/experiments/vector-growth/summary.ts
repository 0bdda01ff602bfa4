import { round } from '../ratios.js';
import type { ExperimentPoint } from '../types.js';
import { VARIANT_DESCRIPTIONS, type VariantId } from './variants.js';

/**
 * Ratios of one push count: how much each way of building beats `vec-push` (> 1 = faster),
 * from each point's fastest sample (other processes on a shared machine only ever add time).
 */
export interface GrowthComparison {
  pushes: number;
  /** vec-push ns per push, fastest sample. */
  vecPushNsPerPush: number;
  /** vec-push ns / vec-reserve ns. */
  reserveSpeedup: number;
  /** vec-push ns / vec-with-capacity ns. */
  withCapacitySpeedup: number;
  /** array-push ns / vec-push ns (> 1: the JS Array is slower). */
  arrayPushVsVecPush: number;
  /** array-preallocated ns / array-push ns (> 1: preallocating the holey array is slower). */
  preallocatedVsArrayPush: number;
}

/** One reallocation of the exercise. */
export interface ExerciseGrowth {
  step: number;
  value: number | null;
  capacityBefore: number;
  capacityAfter: number;
  /** Elements moved to the new buffer. */
  elementsCopied: number;
}

/** The `summary` of a vector-growth result. */
export interface VectorGrowthSummary {
  elementType: string;
  /** What each variant does, by id. */
  variants: Readonly<Record<VariantId, string>>;
  comparisons: GrowthComparison[];
  /** Growth counters of `vec-push` at the largest count. */
  largest: {
    pushes: number;
    reallocations: number;
    bytesCopied: number;
    finalCapacity: number;
    bytesPushed: number;
    /** bytesCopied / bytesPushed. */
    copiedPerPushedByte: number;
  } | null;
  /** Simulated traffic per push at the largest simulated count: without reserve vs withCapacity. */
  simulatedCopyTraffic: {
    pushes: number;
    pushAccessesPerPush: number;
    withCapacityAccessesPerPush: number;
    pushL1dMissesPerPush: number;
    withCapacityL1dMissesPerPush: number;
  } | null;
  exercise: {
    reallocations: ExerciseGrowth[];
    finalLength: number;
    finalCapacity: number;
    finalContents: string;
  };
  notes: string[];
}

const num = (value: ExperimentPoint[string] | undefined): number =>
  typeof value === 'number' ? value : Number.NaN;

/** Builds the summary from the points. */
export function summarise(points: readonly ExperimentPoint[]): VectorGrowthSummary {
  const growth = points.filter((p) => p.section === 'growth');
  const at = (variant: VariantId, pushes: number) =>
    growth.find((p) => p.variant === variant && p.pushes === pushes);
  const counts = [...new Set(growth.map((p) => num(p.pushes)))].sort((a, b) => a - b);
  const comparisons = counts.flatMap((pushes): GrowthComparison[] => {
    const ns = (variant: VariantId) => num(at(variant, pushes)?.nsPerPushMin);
    const push = ns('vec-push');
    if (!Number.isFinite(push)) return [];
    return [
      {
        pushes,
        vecPushNsPerPush: push,
        reserveSpeedup: round(push / ns('vec-reserve'), 3),
        withCapacitySpeedup: round(push / ns('vec-with-capacity'), 3),
        arrayPushVsVecPush: round(ns('array-push') / push, 3),
        preallocatedVsArrayPush: round(ns('array-preallocated') / ns('array-push'), 3),
      },
    ];
  });
  const largestCount = counts[counts.length - 1];
  const largestPoint = largestCount === undefined ? undefined : at('vec-push', largestCount);
  const largest =
    largestPoint === undefined
      ? null
      : {
          pushes: num(largestPoint.pushes),
          reallocations: num(largestPoint.reallocations),
          bytesCopied: num(largestPoint.bytesCopied),
          finalCapacity: num(largestPoint.finalCapacity),
          bytesPushed: num(largestPoint.bytesPushed),
          copiedPerPushedByte: round(num(largestPoint.bytesCopied) / num(largestPoint.bytesPushed), 4),
        };

  const simulatedCounts = counts.filter(
    (pushes) => typeof at('vec-push', pushes)?.simulatedAccessesPerPush === 'number',
  );
  const simulatedTop = simulatedCounts[simulatedCounts.length - 1];
  let simulatedCopyTraffic: VectorGrowthSummary['simulatedCopyTraffic'] = null;
  if (simulatedTop !== undefined) {
    const push = at('vec-push', simulatedTop);
    const withCapacity = at('vec-with-capacity', simulatedTop);
    simulatedCopyTraffic = {
      pushes: simulatedTop,
      pushAccessesPerPush: num(push?.simulatedAccessesPerPush),
      withCapacityAccessesPerPush: num(withCapacity?.simulatedAccessesPerPush),
      pushL1dMissesPerPush: num(push?.L1dMissesPerPush),
      withCapacityL1dMissesPerPush: num(withCapacity?.L1dMissesPerPush),
    };
  }
  const steps = points.filter((p) => p.section === 'exercise').sort((a, b) => num(a.step) - num(b.step));
  const reallocations: ExerciseGrowth[] = [];
  steps.forEach((p, k) => {
    const previous = steps[k - 1];
    if (p.reallocated !== true || previous === undefined) return;
    reallocations.push({
      step: num(p.step),
      value: typeof p.value === 'number' ? p.value : null,
      capacityBefore: num(previous.capacity),
      capacityAfter: num(p.capacity),
      elementsCopied: num(previous.length),
    });
  });
  const last = steps[steps.length - 1];
  return {
    elementType: 'Int32 (4 bytes, the text’s Vec<i32>)',
    variants: VARIANT_DESCRIPTIONS,
    comparisons,
    largest,
    simulatedCopyTraffic,
    exercise: {
      reallocations,
      finalLength: num(last?.length),
      finalCapacity: num(last?.capacity),
      finalContents: String(last?.contents ?? ''),
    },
    notes: [
      'JS Array reallocations and bytes copied are unknown: V8 grows the backing store itself and does not expose it',
      'new Array(n) creates a holey array; fill(0) writes every slot, but V8 never turns it back into a packed one',
      'ratios compare the fastest sample of each point; nsPerPush is the median',
      'each timed sample builds fresh vectors, so allocation and garbage collection are part of ns/push',
    ],
  };
}
