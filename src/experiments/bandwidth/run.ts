/** Runs the `bandwidth` experiment: each kernel swept in JS and its native peer, in rounds. */

import { measureKernel } from '../../measure/index.js';
import { formatBytes } from '../../util/units.js';
import { cacheName } from '../latency/levels.js';
import { type NativeProgram, nativeBandwidth, prepareNativeProgram } from '../native/index.js';
import { geometricMean, ratio } from '../ratios.js';
import { alternateRounds, fastestRound, type RoundTiming } from '../rounds.js';
import type { ExperimentContext, ExperimentResult } from '../types.js';
import {
  dataCaches,
  FALLBACK_MAX_WORKING_SET_BYTES,
  MAX_PLAUSIBLE_LLC_BYTES,
  planSweepEnd,
  warmUpOptions,
  workingSetSizes,
} from '../working-sets.js';
import {
  type BandwidthArrays,
  type BandwidthKernel,
  BYTES_PER_ELEMENT,
  bandwidthArrays,
  bandwidthKernel,
  elementsFor,
  NATIVE_PEER,
  warmUpBandwidthKernels,
} from './kernels.js';
import { type BandwidthParams, checkBandwidthParams } from './params.js';
import type {
  BandwidthKernelSummary,
  BandwidthPoint,
  BandwidthReference,
  BandwidthSummary,
} from './summary.js';

const LLC_MULTIPLE = 4;
/** Working sets from this size up reuse one arena (page faults: ~0.7 s per 64 MiB on the VM). */
const ARENA_MIN_BYTES = 1024 * 1024;

/** One side's fastest and median ns per pass at one point, in one round, and its elements per array. */
interface Timing extends RoundTiming {
  elements: number;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs the experiment (see `bandwidthExperiment`). */
export async function runBandwidth(
  context: ExperimentContext,
  requested: BandwidthParams,
): Promise<ExperimentResult<BandwidthParams>> {
  checkBandwidthParams(requested);
  const fallback = context.quick ? FALLBACK_MAX_WORKING_SET_BYTES.quick : FALLBACK_MAX_WORKING_SET_BYTES.full;
  const end = planSweepEnd(context.machine, LLC_MULTIPLE, fallback);
  const maxWorkingSetBytes = Math.max(
    requested.minWorkingSetBytes,
    requested.maxWorkingSetBytes === 0 ? end.maxWorkingSetBytes : requested.maxWorkingSetBytes,
  );
  const params: BandwidthParams = { ...requested, maxWorkingSetBytes };
  const sweepNote = requested.maxWorkingSetBytes === 0 ? end.note : null;
  if (sweepNote !== null) context.log(sweepNote);
  const sizes = workingSetSizes(params.minWorkingSetBytes, maxWorkingSetBytes, params.pointsPerOctave);

  const program = params.native ? prepareNativeProgram() : null;
  const nativeProgram = program?.available ? program : null;
  const nativeUnavailable = program !== null && !program.available ? program.reason : null;
  if (nativeUnavailable !== null) context.log(nativeUnavailable);

  // One arena per array for the large working sets (the working set is split among the
  // kernel's arrays: a takes all of it for read/write, b half for copy, c a third for triad).
  const largest = sizes[sizes.length - 1]!;
  const large = largest >= ARENA_MIN_BYTES;
  const arena: BandwidthArrays = {
    a: new Float64Array(large ? Math.ceil(largest / 8) : 0),
    b: new Float64Array(large ? Math.ceil(largest / 16) : 0),
    c: new Float64Array(large ? Math.ceil(largest / 24) : 0),
  };
  warmUpBandwidthKernels();
  // Rounds of the JS sweeps and the native sweep (one child process per round), in ABBA order;
  // each side keeps, per point, its round with the fastest pass (src/experiments/rounds.ts).
  const peers = [...new Set(params.kernels.map((kernel) => NATIVE_PEER[kernel]))];
  const jsPerRound = params.kernels.length * sizes.length;
  const perRound = jsPerRound + (nativeProgram ? sizes.length : 0);
  const steps = perRound * params.rounds;
  let done = 0;
  const jsSweep = async (): Promise<Timing[]> => {
    const timings: Timing[] = [];
    for (const kernel of params.kernels) {
      for (const workingSetBytes of sizes) {
        context.progress(done++ / steps, `bandwidth ${kernel} ${formatBytes(workingSetBytes)}`);
        const elements = elementsFor(kernel, workingSetBytes);
        const arrays = bandwidthArrays(elements, workingSetBytes >= ARENA_MIN_BYTES ? arena : null);
        const measurement = measureKernel(bandwidthKernel(kernel, arrays), {
          name: `${kernel} ${workingSetBytes}`,
          minSampleNs: params.minSampleNs,
          samples: params.runs,
          ...warmUpOptions(context.quick),
          seed: context.seed,
        });
        timings.push({ min: measurement.nsPerOp.min, median: measurement.nsPerOp.median, elements });
        await yieldToEventLoop();
      }
    }
    return timings;
  };
  /** Native timings by `${kernel}:${workingSetBytes}`. */
  const nativeSweep = (program: NativeProgram): Map<string, Timing> => {
    context.progress(done / steps, 'bandwidth: native reference');
    done += sizes.length;
    const native = nativeBandwidth(
      program,
      peers,
      { minSampleNs: params.minSampleNs, samples: params.runs },
      sizes,
    );
    return new Map(
      native.map((row) => [
        `${row.kernel}:${row.workingSetBytes}`,
        { min: row.nsPerPassMin, median: row.nsPerPassMedian, elements: row.elements },
      ]),
    );
  };
  const { js: jsRounds, native: nativeRounds } = await alternateRounds(
    params.rounds,
    jsSweep,
    nativeProgram === null ? null : () => nativeSweep(nativeProgram),
  );
  const points: BandwidthPoint[] = [];
  let k = 0;
  for (const kernel of params.kernels) {
    for (const workingSetBytes of sizes) {
      const js = fastestRound(jsRounds.map((timings) => timings[k]!));
      k++;
      const bytesPerPass = js.elements * BYTES_PER_ELEMENT[kernel];
      const point: BandwidthPoint = {
        kernel,
        workingSetBytes,
        elements: js.elements,
        bytesPerPass,
        gbPerSecondBest: bytesPerPass / js.min,
        gbPerSecondMedian: bytesPerPass / js.median,
        nativeKernel: null,
        nativeGbPerSecondBest: null,
        nativeGbPerSecondMedian: null,
        jsToNativeRatio: null,
      };
      if (nativeRounds.length > 0) {
        const peer = NATIVE_PEER[kernel];
        const rows = nativeRounds.map((timings) => timings.get(`${peer}:${workingSetBytes}`));
        if (rows.some((row) => row === undefined))
          throw new Error(`native reference returned no ${peer} point for ${workingSetBytes} B`);
        const native = fastestRound(rows as Timing[]);
        const nativeBytes = native.elements * BYTES_PER_ELEMENT[peer];
        point.nativeKernel = peer;
        point.nativeGbPerSecondBest = nativeBytes / native.min;
        point.nativeGbPerSecondMedian = nativeBytes / native.median;
        point.jsToNativeRatio = ratio(point.gbPerSecondBest, point.nativeGbPerSecondBest);
      }
      points.push(point);
    }
  }
  context.progress(1, 'bandwidth done');

  const caches = dataCaches(context.machine);
  const summary: BandwidthSummary = {
    kernels: params.kernels.map((kernel) => kernelSummary(kernel, points)),
    references: readReferences(points, caches),
    jsToNativeRatio: geometricMean(points.map((p) => p.jsToNativeRatio)),
    native: nativeProgram ? { compiler: nativeProgram.compiler, flags: nativeProgram.flags } : null,
    nativeUnavailable,
    unit: 'GB/s (10^9 bytes per second)',
    writeAllocateCounted: false,
    statistic: 'best',
    sweepNote,
    knownCaches: caches.map((cache) => ({ name: cacheName(cache), sizeBytes: cache.sizeBytes })),
    lastLevelCacheBytes: end.lastLevelCacheBytes,
  };
  return {
    id: 'bandwidth',
    title: 'Memory bandwidth by working-set size',
    params,
    points,
    summary: summary as unknown as Record<string, unknown>,
  };
}

function kernelSummary(kernel: BandwidthKernel, points: readonly BandwidthPoint[]): BandwidthKernelSummary {
  const mine = points.filter((p) => p.kernel === kernel);
  let peak = mine[0]!;
  for (const point of mine) if (point.gbPerSecondBest > peak.gbPerSecondBest) peak = point;
  const last = mine[mine.length - 1]!;
  const nativeValues = mine.map((p) => p.nativeGbPerSecondBest).filter((v): v is number => v !== null);
  return {
    kernel,
    peakGbPerSecond: peak.gbPerSecondBest,
    peakAtBytes: peak.workingSetBytes,
    largestGbPerSecond: last.gbPerSecondBest,
    nativePeakGbPerSecond: nativeValues.length > 0 ? Math.max(...nativeValues) : null,
    nativeLargestGbPerSecond: last.nativeGbPerSecondBest,
    jsToNativeRatio: geometricMean(mine.map((p) => p.jsToNativeRatio)),
  };
}

function readReferences(
  points: readonly BandwidthPoint[],
  caches: ReturnType<typeof dataCaches>,
): BandwidthReference[] {
  const reads = points.filter((p) => p.kernel === 'read');
  const references: BandwidthReference[] = [];
  const referenceOf = (label: string, point: BandwidthPoint): BandwidthReference => ({
    label,
    workingSetBytes: point.workingSetBytes,
    jsGbPerSecond: point.gbPerSecondBest,
    nativeGbPerSecond: point.nativeGbPerSecondBest,
    jsToNativeRatio: point.jsToNativeRatio,
  });
  let below = 0;
  for (const cache of caches) {
    if (cache.sizeBytes > MAX_PLAUSIBLE_LLC_BYTES) continue; // a VM's bogus total, not a cache
    const fits = reads.filter((p) => p.workingSetBytes <= cache.sizeBytes / 2 && p.workingSetBytes > below);
    below = cache.sizeBytes;
    const point = fits[fits.length - 1];
    if (point !== undefined) references.push(referenceOf(cacheName(cache), point));
  }
  const last = reads[reads.length - 1];
  if (last !== undefined) references.push(referenceOf('memory', last));
  return references;
}
