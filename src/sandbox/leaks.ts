import { makeSandboxError, type SandboxError } from './errors.js';
import type { HeapBlock } from './heap-blocks.js';
import { HEADER_BYTES, hex, POINTER_BYTES } from './layout.js';
import type { Sandbox } from './sandbox.js';

/** One leaked block. */
export interface Leak {
  readonly address: number;
  readonly sizeBytes: number;
  /** 'direct': nothing else leaked points to it; 'indirect': reachable only from leaked blocks. */
  readonly kind: 'direct' | 'indirect';
  /** The label given with `Sandbox.label` (Box, Rc), or ''. */
  readonly label: string;
  readonly allocationSite: string | null;
  /** For a block of a reference cycle that nothing outside reaches: the cycle, starting and ending here. */
  readonly cycle: readonly number[] | null;
}

/** What `checkLeaks()` found. `text` is in LeakSanitizer's format. */
export interface LeakReport {
  readonly leaks: readonly Leak[];
  readonly directBytes: number;
  readonly indirectBytes: number;
  readonly text: string;
}

/** Index of the live block whose user bytes contain `address`, or -1. Binary search. */
function findBlock(blocks: readonly HeapBlock[], address: number): number {
  let low = 0;
  let high = blocks.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const block = blocks[mid]!;
    if (address < block.address) high = mid - 1;
    else if (address >= block.address + Math.max(block.requestedBytes, 1)) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** Every pointer-sized, pointer-aligned word in `[start, end)` that points into a live block. */
function pointersIn(sandbox: Sandbox, blocks: readonly HeapBlock[], start: number, end: number): number[] {
  const u32 = sandbox.memory.u32;
  const out: number[] = [];
  for (
    let a = Math.ceil(start / POINTER_BYTES) * POINTER_BYTES;
    a + POINTER_BYTES <= end;
    a += POINTER_BYTES
  ) {
    if (u32[(a >>> 2) + 1] !== 0) continue;
    const index = findBlock(blocks, u32[a >>> 2]!);
    if (index >= 0) out.push(index);
  }
  return out;
}

/** Strongly connected components (Tarjan; recursive, fine for the leak graphs of examples and tests). */
function components(count: number, edges: readonly number[][]): number[] {
  const index = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const component = new Array<number>(count).fill(-1);
  const stack: number[] = [];
  let next = 0;
  let components = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = next++;
    stack.push(v);
    onStack[v] = true;
    for (const w of edges[v]!) {
      if (index[w] === -1) {
        visit(w);
        low[v] = Math.min(low[v]!, low[w]!);
      } else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
    }
    if (low[v] === index[v]) {
      let w: number;
      do {
        w = stack.pop()!;
        onStack[w] = false;
        component[w] = components;
      } while (w !== v);
      components++;
    }
  };
  for (let v = 0; v < count; v++) if (index[v] === -1) visit(v);
  return component;
}

/** A path from `start` back to `start` inside its component (BFS). */
function cycleThrough(start: number, edges: readonly number[][], component: readonly number[]): number[] {
  const parent = new Map<number, number>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of edges[v]!) {
      if (component[w] !== component[start]) continue;
      if (w === start) {
        const chain: number[] = [];
        for (let u = v; u !== start; u = parent.get(u)!) chain.push(u);
        return [start, ...chain.reverse(), start];
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/**
 * LeakSanitizer at exit: every live block not reachable from the roots (static area, live
 * stack frames) leaked. Blocks that other leaked blocks point to are indirect leaks; the rest
 * are direct, and a cycle nothing outside reaches (an Rc cycle) is reported with its path.
 * O(heap bytes scanned + blocks log blocks).
 */
export function checkLeaks(sandbox: Sandbox): LeakReport {
  const blocks = sandbox.heap.blocks().filter((block) => block.state === 'used');
  const reached = new Array<boolean>(blocks.length).fill(false);
  const work = [
    ...pointersIn(sandbox, blocks, sandbox.layout.staticStart, sandbox.staticUsedEnd),
    ...pointersIn(sandbox, blocks, sandbox.stack.sp, sandbox.stack.top),
  ];
  const edges = blocks.map((block) =>
    pointersIn(sandbox, blocks, block.address, block.address + block.requestedBytes),
  );
  while (work.length > 0) {
    const v = work.pop()!;
    if (reached[v]) continue;
    reached[v] = true;
    work.push(...edges[v]!);
  }
  const leaked = blocks.map((_, i) => i).filter((i) => !reached[i]);
  const component = components(blocks.length, edges);
  const pointedFromOutside = new Set<number>();
  for (const v of leaked)
    for (const w of edges[v]!) if (component[w] !== component[v]) pointedFromOutside.add(component[w]!);
  const leaks: Leak[] = leaked.map((v) => {
    const block = blocks[v]!;
    const direct = !pointedFromOutside.has(component[v]!);
    const cyclic = edges[v]!.includes(v) || leaked.some((w) => w !== v && component[w] === component[v]);
    const first = leaked.find((w) => component[w] === component[v]);
    return {
      address: block.address,
      sizeBytes: block.requestedBytes,
      kind: direct ? 'direct' : 'indirect',
      label: sandbox.labels.get(block.address) ?? '',
      allocationSite: sandbox.heap.allocationSites.get(block.address - HEADER_BYTES)?.text ?? null,
      cycle:
        direct && cyclic && first === v
          ? cycleThrough(v, edges, component).map((i) => blocks[i]!.address)
          : null,
    };
  });
  let directBytes = 0;
  let indirectBytes = 0;
  for (const leak of leaks) {
    if (leak.kind === 'direct') directBytes += leak.sizeBytes;
    else indirectBytes += leak.sizeBytes;
  }
  return {
    leaks,
    directBytes,
    indirectBytes,
    text: formatLeaks(sandbox, leaks, directBytes + indirectBytes),
  };
}

function formatLeaks(sandbox: Sandbox, leaks: readonly Leak[], totalBytes: number): string {
  if (leaks.length === 0) return 'LeakSanitizer: no leaks';
  const name = (address: number): string => {
    const label = sandbox.labels.get(address);
    return label === undefined ? hex(address) : `${hex(address)} '${label}'`;
  };
  const lines = ['==softmem==ERROR: LeakSanitizer: detected memory leaks', ''];
  for (const leak of [...leaks].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'direct' ? -1 : 1))) {
    const kind = leak.kind === 'direct' ? 'Direct' : 'Indirect';
    lines.push(
      `${kind} leak of ${leak.sizeBytes} byte(s) in 1 object(s) at ${name(leak.address)} allocated from:`,
    );
    lines.push(
      leak.allocationSite === null
        ? '    (allocation sites not recorded)'
        : leak.allocationSite
            .split('\n')
            .map((line) => `    ${line}`)
            .join('\n'),
    );
    if (leak.cycle !== null) lines.push(`  reference cycle: ${leak.cycle.map(name).join(' -> ')}`);
    lines.push('');
  }
  lines.push(`SUMMARY: LeakSanitizer: ${totalBytes} byte(s) leaked in ${leaks.length} allocation(s).`);
  return lines.join('\n');
}

/** A `MemoryLeakError` for a report with leaks (its message is the report text). */
export function leakError(report: LeakReport): SandboxError {
  const first = report.leaks[0];
  return makeSandboxError('memory-leak', {
    address: first?.address ?? 0,
    accessBytes: 0,
    access: 'none',
    region:
      first === undefined
        ? null
        : { start: first.address, sizeBytes: first.sizeBytes, what: 'heap', name: first.label },
    allocationSite: null,
    freeSite: null,
    notes: [report.text],
  });
}
