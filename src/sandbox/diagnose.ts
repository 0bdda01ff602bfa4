import { makeSandboxError, type RegionInfo, type SandboxError, type SandboxErrorKind } from './errors.js';
import type { Heap } from './heap.js';
import type { HeapBlock } from './heap-blocks.js';
import { HEADER_BYTES, hex, Shadow } from './layout.js';
import type { Frame, Stack } from './stack.js';

/** Where each part of the address space lies (for describing addresses). */
export interface SpaceLayout {
  readonly sizeBytes: number;
  readonly nullPageBytes: number;
  readonly staticStart: number;
  readonly staticEnd: number;
  readonly heapStart: number;
  readonly heapLimit: number;
  readonly stackLimit: number;
}

function heapRegion(block: HeapBlock): RegionInfo {
  return { start: block.address, sizeBytes: block.requestedBytes, what: 'heap', name: 'heap block' };
}

/** The region and sites of the heap block containing `address` (header to redzone). */
function heapFields(heap: Heap, address: number) {
  const block = heap.blockAt(address);
  if (block === null || block.state === 'free') {
    return { region: null, allocationSite: null, freeSite: null };
  }
  const chunk = block.address - HEADER_BYTES;
  return {
    region: heapRegion(block),
    allocationSite: heap.allocationSites.get(chunk)?.text ?? null,
    freeSite: block.state === 'quarantined' ? (heap.freeSites.get(chunk)?.text ?? null) : null,
  };
}

/** ASan's frame description: offset in frame and the frame's objects. */
function frameNotes(frame: Frame, address: number): string[] {
  const objects = frame.locals
    .map(
      (local) =>
        `    [${local.address - frame.low}, ${local.address - frame.low + local.sizeBytes}) '${local.name}'`,
    )
    .reverse();
  return [
    `Address ${hex(address)} is located in stack of thread T0 at offset ${address - frame.low} in frame '${frame.name}'${frame.active ? '' : ' (returned)'}`,
    `  This frame has ${frame.locals.length} object(s):`,
    ...objects,
  ];
}

/** The local of `frame` nearest to `address`. */
function nearestLocal(frame: Frame, address: number): RegionInfo | null {
  let best: RegionInfo | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const local of frame.locals) {
    const end = local.address + local.sizeBytes;
    const distance =
      address < local.address ? local.address - address : address >= end ? address - end + 1 : 0;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = {
        start: local.address,
        sizeBytes: local.sizeBytes,
        what: 'local',
        name: `${local.name}' in frame '${frame.name}`,
      };
    }
  }
  return best;
}

function describeUnmapped(layout: SpaceLayout, heap: Heap, address: number): string {
  if (address >= layout.sizeBytes) return `the address is outside the ${layout.sizeBytes}-byte address space`;
  if (address < layout.nullPageBytes)
    return 'Hint: address points to the zero page (a NULL pointer, or one derived from it).';
  if (address < layout.heapStart && address >= layout.staticEnd)
    return 'the address is in the guard between static area and heap';
  if (address >= heap.heapTop && address < layout.heapLimit)
    return `the address is above the heap top ${hex(heap.heapTop)} (never allocated)`;
  if (address >= layout.heapLimit && address < layout.stackLimit)
    return 'the address is in the guard between heap and stack';
  return 'the address is not mapped';
}

/**
 * Turns a bad access (the shadow code of its first bad byte) into the typed error with its
 * region, sites and notes. Runs only on the error path: O(chunks + frames).
 */
export function diagnoseAccess(
  layout: SpaceLayout,
  heap: Heap,
  stack: Stack,
  address: number,
  accessBytes: number,
  isWrite: boolean,
  code: number,
): SandboxError {
  const access = isWrite ? 'write' : 'read';
  const base = { address, accessBytes, access, notes: [] as string[] } as const;
  let kind: SandboxErrorKind;
  switch (code) {
    case Shadow.HeapLeftRedzone:
    case Shadow.HeapRightRedzone:
    case Shadow.HeapFree: {
      kind = 'heap-buffer-overflow';
      const fields = heapFields(heap, address);
      if (fields.region === null) {
        return makeSandboxError(kind, { ...base, ...fields, notes: ['the address is in free heap space'] });
      }
      return makeSandboxError(kind, { ...base, ...fields });
    }
    case Shadow.HeapFreed:
      return makeSandboxError('heap-use-after-free', { ...base, ...heapFields(heap, address) });
    case Shadow.StackLeftRedzone:
    case Shadow.StackMidRedzone:
    case Shadow.StackUnused:
    case Shadow.StackAfterReturn: {
      kind = code === Shadow.StackAfterReturn ? 'stack-use-after-return' : 'stack-buffer-overflow';
      const frame = stack.frameAt(address);
      if (frame === null) {
        const notes = [`Address ${hex(address)} is below the stack pointer ${hex(stack.sp)}, in no frame`];
        return makeSandboxError(kind, { ...base, region: null, allocationSite: null, freeSite: null, notes });
      }
      return makeSandboxError(kind, {
        ...base,
        region: nearestLocal(frame, address),
        allocationSite: null,
        freeSite: null,
        notes: frameNotes(frame, address),
      });
    }
    case Shadow.Undefined: {
      const frame = stack.frameAt(address);
      const fields =
        frame !== null
          ? { region: nearestLocal(frame, address), allocationSite: null, freeSite: null }
          : heapFields(heap, address);
      return makeSandboxError('uninitialized-read', {
        ...base,
        ...fields,
        notes: ['Conditional jump or move depends on uninitialised value(s) (memcheck)'],
      });
    }
    default: {
      kind = address < layout.nullPageBytes ? 'null-dereference' : 'unmapped-access';
      return makeSandboxError(kind, {
        ...base,
        region: null,
        allocationSite: null,
        freeSite: null,
        notes: [
          `The signal is caused by a ${access.toUpperCase()} memory access.`,
          describeUnmapped(layout, heap, address),
        ],
      });
    }
  }
}

/** The error of a bad `free`/`realloc` argument. */
export function diagnoseFree(heap: Heap, address: number, kind: 'double-free' | 'bad-free'): SandboxError {
  const fields = heapFields(heap, address);
  const notes =
    kind === 'bad-free' && fields.region !== null
      ? ['free() must get the pointer malloc() returned, not one derived from it']
      : kind === 'bad-free'
        ? ['the address is not in any live heap block']
        : [];
  return makeSandboxError(kind, { address, accessBytes: 0, access: 'free', ...fields, notes });
}
