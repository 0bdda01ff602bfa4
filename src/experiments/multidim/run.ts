/** Runs the `multidim` experiment: seven layouts of a 3-D Int32 cube, the text's kernel. */
import type { HierarchyConfig } from '../../cache/index.js';
import { NDArray } from '../../collections/index.js';
import { measureKernel } from '../../measure/index.js';
import { i32, Sandbox, StackOverflowError } from '../../sandbox/index.js';
import { AccessKind, type TraceSink } from '../../trace/index.js';
import { measureLevelLatencies } from '../explain/latencies.js';
import { judge, type LevelLatencies, predictNs } from '../explain/predict.js';
import { type SimulatedTraffic, simulate, simulationSetup } from '../explain/simulate.js';
import { round } from '../ratios.js';
import type { ExperimentContext, ExperimentPoint, ExperimentResult } from '../types.js';
import {
  elementWiseSweeps,
  flatColumnMajorSweeps,
  flatRowMajorSweeps,
  ndarraySweeps,
  nestedSweeps,
  stackSweeps,
  typedRowsSweeps,
} from './kernels.js';
import { checkMultidimParams, type MultidimParams } from './params.js';

/** The layouts, in the order the text's figure lists them (plus softmem's NDArray). */
export const MULTIDIM_VARIANTS = [
  'nested-arrays',
  'typed-rows',
  'flat-row-major',
  'flat-column-major',
  'element-wise',
  'ndarray',
  'stack-multi-array',
] as const;
export type MultidimVariant = (typeof MULTIDIM_VARIANTS)[number];

const INT32_BYTES = 4;
/** Simulated address of a heap cube (page-aligned). */
const HEAP_BASE = 0x10000;
/** Simulate at most this many accesses of one sweep. */
const SIMULATED_ACCESSES_MAX = 1 << 21;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Emits one sweep's accesses (a read-modify-write per element), row-major or column-major order. */
function emitSweep(sink: TraceSink, base: number, n: number, columnMajor: boolean, limit: number): void {
  const nn = n * n;
  let emitted = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      for (let c = 0; c < n; c++) {
        if (emitted++ === limit) return;
        const index = columnMajor ? c * nn + b * n + a : a * nn + b * n + c;
        sink.access(base + index * INT32_BYTES, INT32_BYTES, AccessKind.Modify);
      }
    }
  }
}

function trafficOf(config: HierarchyConfig, base: number, n: number, columnMajor: boolean): SimulatedTraffic {
  const count = Math.min(n * n * n, SIMULATED_ACCESSES_MAX);
  return simulate(
    config,
    (sink) => emitSweep(sink, base, n, columnMajor, count),
    (sink) => emitSweep(sink, base, n, columnMajor, count),
    n * n * n,
  );
}

/** The kernel of one variant over a fresh cube of edge n, or null for the stack variant. */
function heapKernel(variant: MultidimVariant, n: number): ((sweeps: number) => number) | null {
  switch (variant) {
    case 'nested-arrays': {
      const data = Array.from({ length: n }, () =>
        Array.from({ length: n }, () => new Array<number>(n).fill(0)),
      );
      return (sweeps) => nestedSweeps(data, n, sweeps);
    }
    case 'typed-rows': {
      const data = Array.from({ length: n }, () => Array.from({ length: n }, () => new Int32Array(n)));
      return (sweeps) => typedRowsSweeps(data, n, sweeps);
    }
    case 'flat-row-major': {
      const data = new Int32Array(n * n * n);
      return (sweeps) => flatRowMajorSweeps(data, n, sweeps);
    }
    case 'flat-column-major': {
      const data = new Int32Array(n * n * n);
      return (sweeps) => flatColumnMajorSweeps(data, n, sweeps);
    }
    case 'element-wise': {
      const data = new Int32Array(n * n * n);
      return (sweeps) => elementWiseSweeps(data, sweeps);
    }
    case 'ndarray': {
      const data = NDArray.zeros(Int32Array, [n, n, n]);
      return (sweeps) => ndarraySweeps(data, n, sweeps);
    }
    case 'stack-multi-array':
      return null;
  }
}

/** Runs the experiment (see `multidimExperiment`). */
export async function runMultidim(
  context: ExperimentContext,
  params: MultidimParams,
): Promise<ExperimentResult<MultidimParams>> {
  checkMultidimParams(params);
  const { machine, assumptions, config } = simulationSetup(context);
  context.progress(0, 'multidim: level latencies');
  const latencies: LevelLatencies = measureLevelLatencies(machine, context.seed);
  const points: ExperimentPoint[] = [];
  const total = params.edges.length * MULTIDIM_VARIANTS.length;
  let step = 0;
  const stackOverflows: number[] = [];

  for (const n of params.edges) {
    const elements = n * n * n;
    const rowMajor = trafficOf(config, HEAP_BASE, n, false);
    const columnMajor = trafficOf(config, HEAP_BASE, n, true);
    for (const variant of MULTIDIM_VARIANTS) {
      context.progress(step++ / total, `multidim: ${variant} ${n}³`);
      await yieldToEventLoop();
      const point: ExperimentPoint = {
        variant,
        edge: n,
        elements,
        cubeBytes: elements * INT32_BYTES,
        status: 'ok',
      };
      const options = { name: `${variant} ${n}`, samples: params.samples, minSampleNs: 200_000 };
      let measuredNs: number | null = null;
      const kernel = heapKernel(variant, n);
      if (kernel !== null) {
        measuredNs = measureKernel(kernel, options).nsPerOp.median / elements;
      } else {
        // The text's "Multi-Array": the cube is a local of one frame on the sandbox stack.
        const sandbox = new Sandbox({ sanitize: false, stackBytes: params.stackBytes });
        try {
          measuredNs = sandbox.call('multi_array', (frame) => {
            const data = frame.local(i32, elements, 'data');
            return measureKernel((sweeps) => stackSweeps(data, n, sweeps), options).nsPerOp.median / elements;
          });
        } catch (error) {
          if (!(error instanceof StackOverflowError)) throw error;
          stackOverflows.push(n);
          point.status = 'stack-overflow';
          point.error = error.message.split('\n')[0] ?? 'stack-overflow';
        }
      }
      point.measuredNs = measuredNs === null ? null : round(measuredNs);
      const traffic =
        variant === 'nested-arrays' || variant === 'typed-rows' || measuredNs === null
          ? null
          : variant === 'flat-column-major'
            ? columnMajor
            : rowMajor;
      if (traffic !== null && measuredNs !== null) {
        const accesses = Math.max(1, traffic.simulatedAccesses);
        for (const level of traffic.levels)
          point[`${level.name}MissesPerAccess`] = round(level.misses / accesses, 5);
        point.predictedNs = round(predictNs(traffic, latencies) / traffic.realAccesses);
        const verdict = judge(traffic, latencies, measuredNs, elements * INT32_BYTES);
        point.verdict = verdict.verdict;
        point.reason = verdict.reason;
      } else {
        point.predictedNs = null;
        point.verdict = null;
        point.reason =
          measuredNs === null
            ? 'did not run: the cube does not fit the stack'
            : 'not simulated: where V8 places the separately allocated rows is not known';
      }
      points.push(point);
    }
  }
  context.progress(1, 'multidim: done');
  return {
    id: 'multidim',
    title: 'Multi-dimensional arrays',
    params,
    points,
    summary: {
      stackOverflowAtEdges: stackOverflows,
      stackBytes: params.stackBytes,
      fastestByEdge: params.edges.map((edge) => {
        const ran = points.filter((p) => p.edge === edge && typeof p.measuredNs === 'number');
        const best = ran.reduce<ExperimentPoint | null>(
          (a, p) => (a === null || Number(p.measuredNs) < Number(a.measuredNs) ? p : a),
          null,
        );
        return { edge, variant: best?.variant ?? null, measuredNs: best?.measuredNs ?? null };
      }),
      notes: assumptions,
    },
  };
}
