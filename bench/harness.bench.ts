/**
 * The measurement harness next to mitata, on the empty kernel and two trivial kernels, in one
 * process and one run: softmem's median ns/op and spread vs mitata's p50, the clock's resolution
 * and per-read cost, the sample length that `DEFAULT_MIN_SAMPLE_NS` cites, and how long a cold
 * kernel takes to reach its optimised speed (which `DEFAULT_MIN_WARMUP_MS` cites).
 */
import { fileURLToPath } from 'node:url';
import { do_not_optimize, measure } from 'mitata';
import {
  DEFAULT_MIN_SAMPLE_NS,
  DEFAULT_MIN_WARMUP_MS,
  emptyKernel,
  type Kernel,
  type Measurement,
  measureKernel,
  measureTimerOverhead,
  measureTimerResolution,
  runIsolated,
  timer,
} from '../src/measure/index.js';
import { type BenchSection, compare, ns } from './lib.js';

const SUM_ELEMENTS = 1024;
const sumData = new Float64Array(SUM_ELEMENTS).map((_, i) => (i % 7) * 0.5);

/** One integer add per iteration (a loop-carried dependency, so the adds cannot be skipped). */
function intAddKernel(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x = (x + i) | 0;
  return x;
}

/** One sum of 1024 doubles from a Float64Array per iteration. */
function float64SumKernel(iterations: number): number {
  const data = sumData;
  let total = 0;
  for (let r = 0; r < iterations; r++) {
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum += data[i]!;
    total += sum;
  }
  return total;
}

interface Subject {
  name: string;
  kernel: Kernel;
  /** Iterations per mitata call, so one call lasts ≥ 10 µs. */
  iterationsPerCall: number;
}

const SUBJECTS: readonly Subject[] = [
  { name: 'empty kernel', kernel: emptyKernel, iterationsPerCall: 65_536 },
  { name: 'integer add', kernel: intAddKernel, iterationsPerCall: 65_536 },
  { name: `Float64Array sum of ${SUM_ELEMENTS}`, kernel: float64SumKernel, iterationsPerCall: 32 },
];

const ROUNDS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Relative spread of one measurement: (p90 − p10) / median. */
function spreadOf(m: Measurement): number {
  return (m.nsPerOp.p90 - m.nsPerOp.p10) / m.nsPerOp.median;
}

// ---------------------------------------------------------------------------------------------
// Timer: performance.now() (softmem's clock) vs process.hrtime.bigint().

function hrtimeNs(): number {
  return Number(process.hrtime.bigint());
}

function resolutionOf(read: () => number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 4000; attempt++) {
    const first = read();
    let next = read();
    while (next === first) next = read();
    if (attempt >= 2000 && next - first < best) best = next - first;
  }
  return best;
}

async function timerSection(): Promise<string> {
  const reads = 1000;
  const rows = await compare(
    [
      {
        name: 'performance.now() × 1e6 (softmem timer.now)',
        fn: () => {
          let s = 0;
          for (let i = 0; i < reads; i++) s += timer.now();
          return s;
        },
        opsPerCall: reads,
      },
      {
        name: 'Number(process.hrtime.bigint())',
        fn: () => {
          let s = 0;
          for (let i = 0; i < reads; i++) s += hrtimeNs();
          return s;
        },
        opsPerCall: reads,
      },
    ],
    { rounds: 3, minCpuTimeNs: 100e6 },
  );
  const perfRow = rows[0]!;
  const hrRow = rows[1]!;
  return [
    '### Timer',
    '',
    '| clock | cost per read (mitata p50) | resolution (smallest step seen) |',
    '|---|---:|---:|',
    `| ${perfRow.name} | ${ns(perfRow.medianNsPerOp)} ns | ${ns(resolutionOf(timer.now))} ns |`,
    `| ${hrRow.name} | ${ns(hrRow.medianNsPerOp)} ns | ${ns(resolutionOf(hrtimeNs))} ns |`,
    '',
    `softmem's own figures: \`timer.resolutionNs\` = ${ns(measureTimerResolution())} ns, \`timer.overheadNs\` = ${ns(measureTimerOverhead())} ns.`,
    `Target: softmem's clock costs no more per read than hrtime.bigint — ${perfRow.medianNsPerOp <= hrRow.medianNsPerOp ? 'met' : 'missed'} (ratio ${(perfRow.medianNsPerOp / hrRow.medianNsPerOp).toFixed(2)}).`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// softmem vs mitata on the same kernels.

async function versusMitataSection(): Promise<string> {
  const softmem: Measurement[][] = SUBJECTS.map(() => []);
  const wallMs: number[][] = SUBJECTS.map(() => []);
  const mitataP50: number[][] = SUBJECTS.map(() => []);
  const mitataSingleP50: number[][] = SUBJECTS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let s = 0; s < SUBJECTS.length; s++) {
      const subject = SUBJECTS[s]!;
      const started = timer.now();
      softmem[s]!.push(measureKernel(subject.kernel, { name: subject.name, seed: round + 1 }));
      wallMs[s]!.push((timer.now() - started) / 1e6);
      const kernel = subject.kernel;
      const iterations = subject.iterationsPerCall;
      const batched = await measure(() => do_not_optimize(kernel(iterations)), { min_cpu_time: 100e6 });
      mitataP50[s]!.push(batched.p50 / iterations);
      // batch_threshold 0: every mitata sample is one call (≥ 10 µs), like softmem's samples.
      const single = await measure(() => do_not_optimize(kernel(iterations)), {
        min_cpu_time: 100e6,
        batch_threshold: 0,
      });
      mitataSingleP50[s]!.push(single.p50 / iterations);
    }
  }
  const lines = [
    '### softmem `measureKernel` (defaults) vs mitata, same kernels, interleaved',
    '',
    `${ROUNDS} rounds; per round each kernel is measured by softmem (15 samples ≥ ${DEFAULT_MIN_SAMPLE_NS / 1000} µs), then by mitata \`measure\` with its default batching, then by mitata with batching off (\`batch_threshold: 0\`). mitata times a call of a fixed batch of iterations (≥ 10 µs) and the p50 is divided by it. "Spread" is (p90 − p10) / median of one softmem measurement (median over rounds); "rounds" is the min–max of the per-round medians.`,
    '',
    '| kernel | softmem median ns/op | softmem rounds | softmem spread | mitata p50 (batched) | mitata p50 (one call per sample) | mitata rounds (one call) | softmem / mitata one-call | flagged optimised away | softmem ms per kernel |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  const ratios: number[] = [];
  for (let s = 0; s < SUBJECTS.length; s++) {
    const medians = softmem[s]!.map((m) => m.nsPerOp.median);
    const ours = median(medians);
    const single = median(mitataSingleP50[s]!);
    ratios.push(ours / single);
    const flagged = softmem[s]!.filter((m) => m.probablyOptimisedAway).length;
    lines.push(
      `| ${SUBJECTS[s]!.name} | ${ns(ours)} | ${ns(Math.min(...medians))}–${ns(Math.max(...medians))} | ${percent(median(softmem[s]!.map(spreadOf)))} | ${ns(median(mitataP50[s]!))} | ${ns(single)} | ${ns(Math.min(...mitataSingleP50[s]!))}–${ns(Math.max(...mitataSingleP50[s]!))} | ${(ours / single).toFixed(2)} | ${flagged}/${ROUNDS} rounds | ${median(wallMs[s]!).toFixed(0)} |`,
    );
  }
  const baseline = median(softmem[0]!.map((m) => m.baselineNsPerOp));
  const worst = Math.max(...ratios.map((r) => Math.abs(Math.log(r))));
  lines.push(
    '',
    `Empty-kernel baseline reported with every measurement: ${ns(baseline)} ns/op. Timer overhead per sample: one read, ${ns(timer.overheadNs)} ns = ${percent(timer.overheadNs / DEFAULT_MIN_SAMPLE_NS)} of a ${DEFAULT_MIN_SAMPLE_NS / 1000} µs sample.`,
    "Why batched mitata can read higher on a shared machine: when a call takes < 65 µs mitata times 4096 calls per sample (its `k_batch_threshold`, `k_batch_samples`), so a sample spans tens of ms and the time slices other processes take; softmem's and unbatched mitata's samples of ~10–20 µs mostly fit between them, and their medians give the uncontended speed.",
    'This machine is shared: its speed changes by up to 2× for seconds at a time (load on the other vCPU), so a round that lands in a slow period moves a median; the rounds columns show it for both harnesses.',
    `Target: softmem's median within 10% of mitata's one-call-per-sample p50 on every kernel — ${worst <= Math.log(1.1) ? 'met' : 'missed'} (worst ratio ${Math.exp(worst).toFixed(2)}).`,
  );
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Sample length: what DEFAULT_MIN_SAMPLE_NS is chosen from.

const SAMPLE_LENGTHS_NS = [1_000, 10_000, 100_000];

function sampleLengthSection(): string {
  const lines = [
    '### Sample length (`minSampleNs`)',
    '',
    `Each kernel measured with each sample length, ${3} interleaved rounds; median ns/op (median of rounds) and spread (p90 − p10) / median.`,
    '',
    `| kernel | ${SAMPLE_LENGTHS_NS.map((l) => `${l / 1000} µs: median / spread`).join(' | ')} |`,
    `|---|${SAMPLE_LENGTHS_NS.map(() => '---:').join('|')}|`,
  ];
  for (const subject of SUBJECTS) {
    const byLength: Measurement[][] = SAMPLE_LENGTHS_NS.map(() => []);
    for (let round = 0; round < 3; round++) {
      for (let l = 0; l < SAMPLE_LENGTHS_NS.length; l++) {
        byLength[l]!.push(
          measureKernel(subject.kernel, { minSampleNs: SAMPLE_LENGTHS_NS[l]!, seed: round + 1 }),
        );
      }
    }
    const cells = byLength.map(
      (ms) => `${ns(median(ms.map((m) => m.nsPerOp.median)))} / ${percent(median(ms.map(spreadOf)))}`,
    );
    lines.push(`| ${subject.name} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Warm-up: how long a cold kernel takes to reach its optimised speed (fresh child processes).

interface ColdStart {
  name: string;
  /** ms from the first call until the per-op time stays within 10% of the final speed. */
  msToSteady: number;
  firstNsPerOp: number;
  finalNsPerOp: number;
}

/** Runs in a fresh child (runIsolated): times every kernel from cold at a fixed batch. */
export async function coldStart(): Promise<ColdStart[]> {
  const results: ColdStart[] = [];
  for (const subject of SUBJECTS) {
    const kernel = subject.kernel;
    const iterations = subject.iterationsPerCall;
    const times: number[] = [];
    const perOp: number[] = [];
    const start = timer.now();
    let sink = 0;
    while (timer.now() - start < 300e6) {
      const before = timer.now();
      sink += kernel(iterations);
      const after = timer.now();
      times.push((before - start) / 1e6);
      perOp.push((after - before) / iterations);
    }
    const final = median(perOp.slice(Math.floor(perOp.length * 0.8)));
    // Tier-up only makes a kernel faster: steady from the first 5-sample window within 10% of the
    // final speed. (Later windows can be slower for a while: the other vCPU of this shared machine
    // sometimes halves our speed; that is noise, not warm-up.)
    let steadyIndex = perOp.length - 1;
    for (let i = 0; i + 5 <= perOp.length; i++) {
      if (Math.abs(median(perOp.slice(i, i + 5)) - final) <= 0.1 * final) {
        steadyIndex = i;
        break;
      }
    }
    results.push({
      name: subject.name,
      msToSteady: times[steadyIndex]!,
      firstNsPerOp: perOp[0]! + (sink === 0.5 ? 1 : 0),
      finalNsPerOp: final,
    });
  }
  return results;
}

async function warmupSection(): Promise<string> {
  const children = 3;
  const runs: ColdStart[][] = [];
  for (let c = 0; c < children; c++) {
    runs.push(await runIsolated<ColdStart[]>(fileURLToPath(import.meta.url), 'coldStart'));
  }
  const lines = [
    '### Warm-up (`minWarmupMs`)',
    '',
    `Each kernel called from cold at a fixed batch for 300 ms, in ${children} fresh child processes (\`runIsolated\`); "steady" = the first 5-sample window whose median is within 10% of the final speed (the median of the last 20% of calls).`,
    '',
    '| kernel | first call ns/op | final ns/op | ms to steady (each child) |',
    '|---|---:|---:|---:|',
  ];
  let worstMs = 0;
  for (let s = 0; s < SUBJECTS.length; s++) {
    const rows = runs.map((run) => run[s]!);
    worstMs = Math.max(worstMs, ...rows.map((r) => r.msToSteady));
    lines.push(
      `| ${rows[0]!.name} | ${ns(median(rows.map((r) => r.firstNsPerOp)))} | ${ns(median(rows.map((r) => r.finalNsPerOp)))} | ${rows.map((r) => r.msToSteady.toFixed(1)).join(', ')} |`,
    );
  }
  lines.push(
    '',
    `\`DEFAULT_MIN_WARMUP_MS\` = ${DEFAULT_MIN_WARMUP_MS} ms; slowest time to steady in this run: ${worstMs.toFixed(1)} ms — ${worstMs <= DEFAULT_MIN_WARMUP_MS ? 'covered' : 'NOT covered (warm-up then relies on the stability check and maxWarmupMs)'}.`,
  );
  return lines.join('\n');
}

export default async function (): Promise<BenchSection> {
  const parts = [
    await timerSection(),
    await versusMitataSection(),
    sampleLengthSection(),
    await warmupSection(),
  ];
  return {
    id: 'harness',
    title: 'Measurement harness: overhead and spread next to mitata',
    body: parts.join('\n\n'),
  };
}
