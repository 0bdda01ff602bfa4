/**
 * The experiments' kernels next to each other and next to the native C reference, in one run:
 * the choices the kernels cite (chase element type, read-loop shape) and the JS/native ratios
 * the issue sets targets for (latency within 10% at L1-, L2- and DRAM-sized working sets;
 * sequential read ≥ 0.9× native).
 */

import { indexedTouches } from '../src/experiments/access-patterns/kernels.js';
import { isolatedIndices } from '../src/experiments/access-patterns/patterns.js';
import {
  bandwidthArrays,
  bandwidthKernel,
  elementsFor,
  readSum,
} from '../src/experiments/bandwidth/kernels.js';
import { chase, chaseKernel, warmUpChase } from '../src/experiments/latency/chase.js';
import { buildChase } from '../src/experiments/latency/permutation.js';
import { nativeBandwidth, nativeLatency, prepareNativeProgram } from '../src/experiments/native/index.js';
import { collectGarbage, measureKernel } from '../src/measure/index.js';
import { type BenchSection, compare, table } from './lib.js';

const KIB = 1024;
const MIB = 1024 * KIB;

/** The Int32Array twin of `chase`, for the element-type comparison only. */
function chaseInt32(next: Int32Array, start: number, steps: number): number {
  let p = start | 0;
  for (let i = 0; i < steps; i++) p = next[p]! | 0;
  return p;
}

/** Eight accumulators unrolled by eight: V8 spills them. */
function readSum8(a: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  let s5 = 0;
  let s6 = 0;
  let s7 = 0;
  let i = 7;
  for (; i < a.length; i += 8) {
    s0 += a[i - 7]!;
    s1 += a[i - 6]!;
    s2 += a[i - 5]!;
    s3 += a[i - 4]!;
    s4 += a[i - 3]!;
    s5 += a[i - 2]!;
    s6 += a[i - 1]!;
    s7 += a[i]!;
  }
  for (i -= 7; i < a.length; i++) s0 += a[i]!;
  return s0 + s1 + (s2 + s3) + (s4 + s5 + (s6 + s7));
}

/** Four accumulators unrolled by four (`i < a.length`): readSum's previous shape. */
function readSumBy4(a: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 3;
  for (; i < a.length; i += 4) {
    s0 += a[i - 3]!;
    s1 += a[i - 2]!;
    s2 += a[i - 1]!;
    s3 += a[i]!;
  }
  for (i -= 3; i < a.length; i++) s0 += a[i]!;
  return s0 + s1 + (s2 + s3);
}

/** Four accumulators with a hoisted bound (`i + 8 <= n`), unrolled by eight. */
function readSumHoisted(a: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    s0 += a[i]!;
    s1 += a[i + 1]!;
    s2 += a[i + 2]!;
    s3 += a[i + 3]!;
    s0 += a[i + 4]!;
    s1 += a[i + 5]!;
    s2 += a[i + 6]!;
    s3 += a[i + 7]!;
  }
  for (; i < n; i++) s0 += a[i]!;
  return s0 + s1 + (s2 + s3);
}

/** The memory-isolated touch as one plain loop with the wrap test inside: the previous shape. */
function indexedTouchesPlain(data: Int32Array, indices: Int32Array, start: number, count: number): number {
  const length = indices.length;
  let position = start;
  let sum = 0;
  for (let t = 0; t < count; t++) {
    const index = indices[position]!;
    sum = (sum + data[index]!) | 0;
    data[index] = Math.imul(data[index]!, 3);
    position++;
    if (position === length) position = 0;
  }
  return sum;
}

/** Touches per bench call of the isolated kernels (a call lasts 0.1–1 ms). */
const TOUCHES_PER_CALL = 65_536;

/**
 * Sequential and random memory-isolated touches over `sizeBytes` of Int32 data for both
 * kernel shapes, interleaved; each case moves its own cursor through its index array.
 */
async function isolatedTouchSection(sizeBytes: number): Promise<string> {
  const elements = sizeBytes / 4;
  const data = new Int32Array(elements).fill(1);
  const sequential = isolatedIndices('sequential', elements, 1);
  // The experiment's isolated random: uniform draws (src/experiments/access-patterns/patterns.ts).
  const random = isolatedIndices('random', elements, 1);
  type Touch = (data: Int32Array, indices: Int32Array, start: number, count: number) => number;
  const touchCase = (name: string, touch: Touch, indices: Int32Array) => {
    let position = 0;
    return {
      name,
      fn: () => {
        const sum = touch(data, indices, position, TOUCHES_PER_CALL);
        position = (position + TOUCHES_PER_CALL) % indices.length;
        return sum;
      },
      opsPerCall: TOUCHES_PER_CALL,
    };
  };
  collectGarbage(); // earlier sections' arrays, before the timed loops (src/measure/gc.ts)
  const rows = await compare(
    [
      touchCase('indexedTouches (spans, unrolled by 16; used), sequential', indexedTouches, sequential),
      touchCase('indexedTouches, random', indexedTouches, random),
      touchCase(
        'plain loop with the wrap test inside (previous), sequential',
        indexedTouchesPlain,
        sequential,
      ),
      touchCase('plain loop, random', indexedTouchesPlain, random),
    ],
    { minCpuTimeNs: 100e6 },
  );
  const ratio = (randomRow: number, sequentialRow: number) =>
    rows[randomRow]!.medianNsPerOp / rows[sequentialRow]!.medianNsPerOp;
  return `### Memory-isolated touch kernels (${sizeBytes / MIB} MiB of Int32, ns per touch)\n\nThe access-patterns experiment's memory-isolated kernel (\`sum += data[idx[p]]; data[idx[p]] *= 3\`, indices precomputed) at 4× the 32 MiB L3 the simulator assumes.\n\n${table(rows, 0, 'ns/touch')}\n\n- random ÷ sequential, used kernel: **${ratio(1, 0).toFixed(1)}×**; previous plain loop: ${ratio(3, 2).toFixed(1)}× (issue 6 asks for ≥ 10× at ≥ 4× the LLC).`;
}

const fmt = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toPrecision(3));

export default async function (): Promise<BenchSection> {
  const parts: string[] = [];
  warmUpChase();

  // Chase element type: the same 32 KiB cycle as Uint32Array and Int32Array.
  const steps = 20_000;
  const next = buildChase('random', 32 * KIB, 4096, 1);
  const nextInt32 = Int32Array.from(next);
  let position = 0;
  let positionInt32 = 0;
  const chaseRows = await compare([
    {
      name: 'Uint32Array chase (used)',
      fn: () => (position = chase(next, position, steps)),
      opsPerCall: steps,
    },
    {
      name: 'Int32Array chase',
      fn: () => (positionInt32 = chaseInt32(nextInt32, positionInt32, steps)),
      opsPerCall: steps,
    },
  ]);
  parts.push(
    `### Chase element type (32 KiB random cycle, ns per access)\n\n${table(chaseRows, 0, 'ns/access')}`,
  );

  // Read-loop shape: 16 KiB of doubles.
  const data = bandwidthArrays(2048).a;
  const readRows = await compare([
    {
      name: 'readSum: 4 accumulators unrolled by 8, `i < a.length` (used)',
      fn: () => readSum(data),
      opsPerCall: 2048,
    },
    { name: '8 accumulators', fn: () => readSum8(data), opsPerCall: 2048 },
    { name: '4 accumulators unrolled by 4 (previous)', fn: () => readSumBy4(data), opsPerCall: 2048 },
    {
      name: '4 accumulators unrolled by 8, hoisted `i + 8 <= n`',
      fn: () => readSumHoisted(data),
      opsPerCall: 2048,
    },
  ]);
  parts.push(`### Read kernels (16 KiB, ns per element)\n\n${table(readRows, 0, 'ns/element')}`);

  parts.push(await isolatedTouchSection(128 * MIB));

  // JS vs native in this run.
  const program = prepareNativeProgram();
  if (!program.available) {
    parts.push(`### JS vs native\n\n${program.reason}`);
  } else {
    const timing = { minSampleNs: 1_000_000, samples: 11 };
    const rows = [
      '| measure | working set | JS | native | JS/native | target | met |',
      '|---|---:|---:|---:|---:|---:|---|',
    ];
    const latencySizes: [string, number][] = [
      ['L1-sized', 24 * KIB],
      ['L2-sized', 512 * KIB],
      ['DRAM-sized', 64 * MIB],
    ];
    const native = nativeLatency(
      program,
      ['random'],
      1,
      4096,
      timing,
      latencySizes.map(([, bytes]) => bytes),
    );
    for (const [k, [label, bytes]] of latencySizes.entries()) {
      const js = measureKernel(chaseKernel(buildChase('random', bytes, 4096, 1)), {
        ...timing,
        maxWarmupMs: 100,
      });
      const nativeNs = native[k]!.nsPerAccessMin;
      const ratio = js.nsPerOp.min / nativeNs;
      rows.push(
        `| latency ${label} | ${bytes / KIB} KiB | ${fmt(js.nsPerOp.min)} ns | ${fmt(nativeNs)} ns | ${ratio.toFixed(2)} | ≤ 1.10 | ${ratio <= 1.1 ? 'yes' : 'no'} |`,
      );
    }
    const readSizes: [string, number][] = [
      ['L1-sized', 16 * KIB],
      ['L2-sized', 512 * KIB],
      ['DRAM-sized', 64 * MIB],
    ];
    const nativeRead = nativeBandwidth(
      program,
      ['read'],
      timing,
      readSizes.map(([, bytes]) => bytes),
    );
    for (const [k, [label, bytes]] of readSizes.entries()) {
      const elements = elementsFor('read', bytes);
      const js = measureKernel(bandwidthKernel('read', bandwidthArrays(elements)), {
        ...timing,
        maxWarmupMs: 100,
      });
      const jsGb = (elements * 8) / js.nsPerOp.min;
      const nativeGb = (nativeRead[k]!.elements * 8) / nativeRead[k]!.nsPerPassMin;
      const ratio = jsGb / nativeGb;
      rows.push(
        `| sequential read ${label} | ${bytes / KIB} KiB | ${fmt(jsGb)} GB/s | ${fmt(nativeGb)} GB/s | ${ratio.toFixed(2)} | ≥ 0.90 | ${ratio >= 0.9 ? 'yes' : 'no'} |`,
      );
    }
    parts.push(
      `### JS vs native, same run (minimum of 11 samples each; native: ${program.compiler}, \`${program.flags.join(' ')}\`)\n\n${rows.join('\n')}\n\nLatency ratios are JS ns ÷ native ns (lower is better); read ratios are JS GB/s ÷ native GB/s (higher is better). V8 emits scalar code for the read loop; the native loop is compiled without vectorisation so both run the same scalar instruction stream.`,
    );
  }
  return { id: 'native', title: 'Experiments: kernels and the native reference', body: parts.join('\n\n') };
}
