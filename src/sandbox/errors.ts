/**
 * Typed sanitizer errors, one class per kind, each with structured fields and a message in
 * AddressSanitizer's report format:
 *
 * ```
 * ==softmem==ERROR: SandboxSanitizer: heap-buffer-overflow on address 0x000201a8
 * WRITE of size 4 at 0x000201a8
 * 0x000201a8 is located 0 bytes after 168-byte region [0x00020100,0x000201a8)
 * allocated by thread T0 here:
 *     at …
 * SUMMARY: SandboxSanitizer: heap-buffer-overflow
 * ```
 *
 * The JS stack of the exception itself is the access site.
 */
import { hex } from './layout.js';

/** Every kind of error the sandbox detects. */
export type SandboxErrorKind =
  | 'heap-buffer-overflow'
  | 'heap-use-after-free'
  | 'double-free'
  | 'bad-free'
  | 'stack-buffer-overflow'
  | 'stack-use-after-return'
  | 'stack-overflow'
  | 'null-dereference'
  | 'unmapped-access'
  | 'uninitialized-read'
  | 'memory-leak'
  | 'out-of-memory'
  | 'use-after-move';

/** A heap or stack region an address was found in or near. */
export interface RegionInfo {
  /** First byte of the region (the user pointer of a heap block, the local of a frame). */
  readonly start: number;
  readonly sizeBytes: number;
  /** What the region is: 'heap' block, a stack 'local' (with its name and frame). */
  readonly what: 'heap' | 'local';
  readonly name: string;
}

/** Fields shared by every sandbox error. */
export interface SandboxErrorFields {
  readonly address: number;
  /** Bytes accessed (0 for frees and leaks). */
  readonly accessBytes: number;
  /** 'read', 'write', or 'free' for deallocation errors, 'none' otherwise. */
  readonly access: 'read' | 'write' | 'free' | 'none';
  /** The region the address lies in or next to, when known. */
  readonly region: RegionInfo | null;
  /** Where `region` was allocated and freed (JS stack text), when recorded. */
  readonly allocationSite: string | null;
  readonly freeSite: string | null;
  /** Extra lines of explanation (frame layout, hints). */
  readonly notes: readonly string[];
}

/** Base class of every error the sandbox reports. `kind` tells which. */
export class SandboxError extends Error {
  override readonly name: string = 'SandboxError';
  readonly kind: SandboxErrorKind;
  readonly address: number;
  readonly accessBytes: number;
  readonly access: SandboxErrorFields['access'];
  readonly region: RegionInfo | null;
  readonly allocationSite: string | null;
  readonly freeSite: string | null;
  readonly notes: readonly string[];

  constructor(kind: SandboxErrorKind, fields: SandboxErrorFields) {
    super(formatReport(kind, fields));
    this.kind = kind;
    this.address = fields.address;
    this.accessBytes = fields.accessBytes;
    this.access = fields.access;
    this.region = fields.region;
    this.allocationSite = fields.allocationSite;
    this.freeSite = fields.freeSite;
    this.notes = fields.notes;
  }

  /** Where the address lies relative to `region`: "0 bytes after 168-byte region [0x…,0x…)". */
  get location(): string | null {
    return this.region === null ? null : describeLocation(this.address, this.region);
  }
}

/** Writing past the end (or before the start) of a heap block. */
export class HeapBufferOverflowError extends SandboxError {
  override readonly name: string = 'HeapBufferOverflowError';
}
/** Reading or writing a freed heap block. */
export class HeapUseAfterFreeError extends SandboxError {
  override readonly name: string = 'HeapUseAfterFreeError';
}
/** Freeing a block twice. */
export class DoubleFreeError extends SandboxError {
  override readonly name: string = 'DoubleFreeError';
}
/** Freeing an address that is not the start of a live allocation. */
export class BadFreeError extends SandboxError {
  override readonly name: string = 'BadFreeError';
}
/** Accessing a stack local out of its bounds. */
export class StackBufferOverflowError extends SandboxError {
  override readonly name: string = 'StackBufferOverflowError';
}
/** Accessing a local of a frame that has returned. */
export class StackUseAfterReturnError extends SandboxError {
  override readonly name: string = 'StackUseAfterReturnError';
}
/** The stack reached its guard. */
export class StackOverflowError extends SandboxError {
  override readonly name: string = 'StackOverflowError';
}
/** Accessing the null page. */
export class NullDereferenceError extends SandboxError {
  override readonly name: string = 'NullDereferenceError';
}
/** Accessing memory that is not mapped (guards, beyond the heap top, outside the space). */
export class UnmappedAccessError extends SandboxError {
  override readonly name: string = 'UnmappedAccessError';
}
/** Reading bytes that were never written (memcheck's "use of uninitialised value"). */
export class UninitializedReadError extends SandboxError {
  override readonly name: string = 'UninitializedReadError';
}
/** Raised by `assertNoLeaks()` when blocks were never freed. */
export class MemoryLeakError extends SandboxError {
  override readonly name: string = 'MemoryLeakError';
}
/** The heap is exhausted and the sandbox was told to throw instead of returning NULL. */
export class OutOfMemoryError extends SandboxError {
  override readonly name: string = 'OutOfMemoryError';
}
/** Using a `Box` after it was moved out or dropped. */
export class UseAfterMoveError extends SandboxError {
  override readonly name: string = 'UseAfterMoveError';
}

type ErrorClass = new (kind: SandboxErrorKind, fields: SandboxErrorFields) => SandboxError;

/** The error class of each kind. */
export const ERROR_CLASSES: Readonly<Record<SandboxErrorKind, ErrorClass>> = {
  'heap-buffer-overflow': HeapBufferOverflowError,
  'heap-use-after-free': HeapUseAfterFreeError,
  'double-free': DoubleFreeError,
  'bad-free': BadFreeError,
  'stack-buffer-overflow': StackBufferOverflowError,
  'stack-use-after-return': StackUseAfterReturnError,
  'stack-overflow': StackOverflowError,
  'null-dereference': NullDereferenceError,
  'unmapped-access': UnmappedAccessError,
  'uninitialized-read': UninitializedReadError,
  'memory-leak': MemoryLeakError,
  'out-of-memory': OutOfMemoryError,
  'use-after-move': UseAfterMoveError,
};

/** Builds the error of `kind` with its own class. */
export function makeSandboxError(kind: SandboxErrorKind, fields: SandboxErrorFields): SandboxError {
  return new ERROR_CLASSES[kind](kind, fields);
}

/** "0 bytes after 168-byte region [0x…,0x…)" and its siblings (to the left of, inside of). */
export function describeLocation(address: number, region: RegionInfo): string {
  const end = region.start + region.sizeBytes;
  const range = `${region.sizeBytes}-byte region [${hex(region.start)},${hex(end)})`;
  if (address < region.start) return `${region.start - address} bytes to the left of ${range}`;
  if (address >= end) return `${address - end} bytes after ${range}`;
  return `${address - region.start} bytes inside of ${range}`;
}

function indent(site: string): string {
  return site
    .split('\n')
    .map((line) => `    ${line.trim()}`)
    .join('\n');
}

function formatReport(kind: SandboxErrorKind, fields: SandboxErrorFields): string {
  const lines: string[] = [];
  const what =
    kind === 'null-dereference' || kind === 'unmapped-access'
      ? `SEGV on unknown address ${hex(fields.address)} (${kind})`
      : kind === 'double-free'
        ? `attempting double-free on ${hex(fields.address)}`
        : kind === 'bad-free'
          ? `attempting free on address which was not malloc()-ed: ${hex(fields.address)}`
          : `${kind} on address ${hex(fields.address)}`;
  lines.push(`==softmem==ERROR: SandboxSanitizer: ${what}`);
  if (fields.access === 'read' || fields.access === 'write') {
    lines.push(`${fields.access.toUpperCase()} of size ${fields.accessBytes} at ${hex(fields.address)}`);
  }
  if (fields.region !== null) {
    const where = describeLocation(fields.address, fields.region);
    if (fields.region.what === 'heap') lines.push(`${hex(fields.address)} is located ${where}`);
    else lines.push(`${hex(fields.address)} is located ${where} (local '${fields.region.name}')`);
  }
  for (const note of fields.notes) lines.push(note);
  if (fields.freeSite !== null) lines.push('freed by thread T0 here:', indent(fields.freeSite));
  if (fields.allocationSite !== null) {
    lines.push(
      fields.freeSite !== null ? 'previously allocated by thread T0 here:' : 'allocated by thread T0 here:',
      indent(fields.allocationSite),
    );
  }
  lines.push(`SUMMARY: SandboxSanitizer: ${kind}`);
  return lines.join('\n');
}
