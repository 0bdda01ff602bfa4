/**
 * Sandbox speed (issue 5 targets), each table's candidates interleaved in one run:
 * 1. malloc/free throughput on a mixed-size workload: softmem's allocator with the sanitizer
 *    off vs @thi.ng/malloc (target ≥ 1.0×); sanitizer on vs off (target ≤ 3× slower).
 * 2. typed pointer deref (`p.at(i)`) vs raw DataView access (target within 2×), plus the cost
 *    of the sanitizer and of a trace sink on the same loop (tracing off = one null check).
 */
import { MemPool } from '@thi.ng/malloc';
import { i32, Sandbox } from '../src/sandbox/index.js';
import { TraceCounter } from '../src/trace/index.js';
import { Random } from '../src/util/index.js';
import { type BenchSection, compare, table } from './lib.js';

const SPACE_BYTES = 64 * 1024 * 1024;
const LIVE_SLOTS = 1024;
const OPS_PER_CALL = 4096;

/** Mixed sizes: 70% 8–128 B, 25% 128 B–1 KiB, 5% 1–16 KiB (seeded). */
function mixedSizes(count: number): Uint32Array {
  const random = new Random(5);
  const sizes = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    const r = random.below(100);
    sizes[i] =
      r < 70 ? 8 + random.below(121) : r < 95 ? 128 + random.below(897) : 1024 + random.below(15 * 1024);
  }
  return sizes;
}

interface Allocator {
  malloc(bytes: number): number;
  free(address: number): unknown;
}

/** One call: OPS_PER_CALL rounds of "free the slot's block, malloc a new one" over LIVE_SLOTS slots. */
function churn(
  allocator: Allocator,
  sizes: Uint32Array,
  slots: Float64Array,
  cursor: { at: number },
): number {
  let sink = 0;
  for (let op = 0; op < OPS_PER_CALL; op++) {
    const slot = op & (LIVE_SLOTS - 1);
    const old = slots[slot]!;
    if (old !== 0) allocator.free(old);
    const address = allocator.malloc(sizes[cursor.at]!);
    cursor.at = (cursor.at + 1) % sizes.length;
    slots[slot] = address;
    sink += address;
  }
  return sink;
}

function churnCase(name: string, allocator: Allocator, sizes: Uint32Array) {
  const slots = new Float64Array(LIVE_SLOTS);
  const cursor = { at: 0 };
  return { name, fn: () => churn(allocator, sizes, slots, cursor), opsPerCall: OPS_PER_CALL };
}

async function mallocSection(): Promise<string> {
  const sizes = mixedSizes(1 << 16);
  const pool = new MemPool({ size: SPACE_BYTES, align: 16 });
  const off = new Sandbox({ sizeBytes: SPACE_BYTES, sanitize: false });
  const on = new Sandbox({ sizeBytes: SPACE_BYTES, recordSites: false });
  const onSites = new Sandbox({ sizeBytes: SPACE_BYTES });
  const rows = await compare([
    churnCase('@thi.ng/malloc MemPool', pool, sizes),
    churnCase('softmem heap, sanitizer off', off.heap, sizes),
    churnCase('softmem heap, sanitizer on (no sites)', on.heap, sizes),
    churnCase('softmem heap, sanitizer on + JS stack sites', onSites.heap, sizes),
  ]);
  const [thing, offRow, onRow, sitesRow] = rows as [
    (typeof rows)[0],
    (typeof rows)[0],
    (typeof rows)[0],
    (typeof rows)[0],
  ];
  const speedup = thing.medianNsPerOp / offRow.medianNsPerOp;
  const slowdown = onRow.medianNsPerOp / offRow.medianNsPerOp;
  const sitesSlowdown = sitesRow.medianNsPerOp / offRow.medianNsPerOp;
  return [
    `Mixed sizes (70% 8–128 B, 25% ≤ 1 KiB, 5% ≤ 16 KiB), ${LIVE_SLOTS} live blocks, one op = free + malloc.`,
    '',
    table(rows),
    '',
    `- sanitizer off vs @thi.ng/malloc: **${speedup.toFixed(2)}×** (target ≥ 1.0×: ${speedup >= 1 ? 'met' : 'MISSED'})`,
    `- sanitizer on (redzones, shadow, 1 MiB quarantine) vs off: **${slowdown.toFixed(2)}× slower** (target ≤ 3×: ${slowdown <= 3 ? 'met' : 'MISSED'})`,
    `- with allocation/free sites as JS stacks (the report default): ${sitesSlowdown.toFixed(1)}× slower than off — capturing a stack costs about a microsecond; \`recordSites: false\` turns it off.`,
  ].join('\n');
}

const ELEMENTS = 4096;

async function derefSection(): Promise<string> {
  const off = new Sandbox({ sanitize: false });
  const on = new Sandbox({ recordSites: false });
  const traced = new Sandbox({ sanitize: false });
  const counter = new TraceCounter();
  traced.trace(counter);
  const pOff = off.mallocArray(i32, ELEMENTS);
  const pOn = on.mallocArray(i32, ELEMENTS);
  const pTraced = traced.mallocArray(i32, ELEMENTS);
  for (let i = 0; i < ELEMENTS; i++) {
    pOff.setAt(i, i);
    pOn.setAt(i, i);
  }
  const view = new DataView(off.memory.buffer);
  const base = pOff.address;
  const rows = await compare([
    {
      name: 'raw DataView.getInt32',
      fn: () => {
        let sum = 0;
        for (let i = 0; i < ELEMENTS; i++) sum = (sum + view.getInt32(base + i * 4, true)) | 0;
        return sum;
      },
      opsPerCall: ELEMENTS,
    },
    {
      name: 'I32Pointer.at(i), sanitizer off, trace off',
      fn: () => {
        let sum = 0;
        for (let i = 0; i < ELEMENTS; i++) sum = (sum + pOff.at(i)) | 0;
        return sum;
      },
      opsPerCall: ELEMENTS,
    },
    {
      name: 'I32Pointer.at(i), sanitizer on',
      fn: () => {
        let sum = 0;
        for (let i = 0; i < ELEMENTS; i++) sum = (sum + pOn.at(i)) | 0;
        return sum;
      },
      opsPerCall: ELEMENTS,
    },
    {
      name: 'I32Pointer.at(i), sanitizer off, TraceCounter attached',
      fn: () => {
        let sum = 0;
        for (let i = 0; i < ELEMENTS; i++) sum = (sum + pTraced.at(i)) | 0;
        return sum;
      },
      opsPerCall: ELEMENTS,
    },
  ]);
  const ratio = rows[1]!.medianNsPerOp / rows[0]!.medianNsPerOp;
  const order = new Random(7).shuffle(Uint32Array.from({ length: ELEMENTS }, (_, i) => i));
  const gather = await compare([
    {
      name: 'raw DataView.getInt32, shuffled indices',
      fn: () => {
        let sum = 0;
        for (let i = 0; i < ELEMENTS; i++) sum = (sum + view.getInt32(base + order[i]! * 4, true)) | 0;
        return sum;
      },
      opsPerCall: ELEMENTS,
    },
    {
      name: 'I32Pointer.at(i), shuffled indices, sanitizer off',
      fn: () => {
        let sum = 0;
        for (let i = 0; i < ELEMENTS; i++) sum = (sum + pOff.at(order[i]!)) | 0;
        return sum;
      },
      opsPerCall: ELEMENTS,
    },
    {
      name: 'I32Pointer.at(i), shuffled indices, sanitizer on',
      fn: () => {
        let sum = 0;
        for (let i = 0; i < ELEMENTS; i++) sum = (sum + pOn.at(order[i]!)) | 0;
        return sum;
      },
      opsPerCall: ELEMENTS,
    },
  ]);
  const gatherRatio = gather[1]!.medianNsPerOp / gather[0]!.medianNsPerOp;
  return [
    `Sum of ${ELEMENTS} int32 through each access path (same buffer contents), first in order, then through a shuffled index array.`,
    '',
    table(rows),
    '',
    table(gather),
    '',
    `- one access at a time (shuffled indices), typed pointer \`at(i)\` vs raw DataView: **${gatherRatio.toFixed(2)}× the time** (target within 2×: ${gatherRatio <= 2 ? 'met' : 'MISSED'})`,
    `- in-order sum: ${ratio.toFixed(2)}× (${ratio <= 2 ? 'within' : 'outside'} 2×) — V8 turns the DataView loop over a constant view into straight-line loads that no object API matches; the pointer pays for loading its memory and view each step.`,
    '- tracing off is the "sanitizer off, trace off" row: the only cost is one `raw` flag test per access; the TraceCounter row shows the price of a sink.',
  ].join('\n');
}

export default async function (): Promise<BenchSection> {
  const body = [
    '### malloc/free throughput',
    '',
    await mallocSection(),
    '',
    '### Typed pointer access',
    '',
    await derefSection(),
  ].join('\n');
  return { id: 'sandbox', title: 'Memory sandbox (issue 5)', body };
}
