/**
 * Named constants of the sandbox's memory layout: shadow codes, chunk header slots, defaults.
 *
 * Address space (one ArrayBuffer, addresses are byte offsets, `>>> 0` everywhere):
 *
 * ```
 * 0x0                 null page (unmapped: any access is a null dereference)
 * nullPageBytes       static area (globals, bump-allocated, never freed)
 * staticEnd           guard (unmapped)
 * heapStart           heap: chunks growing up to heapTop ("brk")
 * heapTop … heapLimit unmapped reserve the heap may grow into
 * heapLimit           guard (unmapped): the stack overflows when it reaches it
 * stackLimit          stack: frames growing down from the top
 * sizeBytes           top of the address space (initial stack pointer)
 * ```
 *
 * Heap chunk (16-byte aligned; the user pointer is chunk + 16, so it is 16-byte aligned too):
 *
 * ```
 * chunk + 0   u32 prevChunkBytes   size of the physically previous chunk (0 for the first)
 * chunk + 4   u32 chunkBytes|flags size incl. header, multiple of 16; bit 0 in use, bit 1 quarantined
 * chunk + 8   u32 requestedBytes   what malloc was asked for (0 when free)
 * chunk + 12  u32 next free chunk  (free) / allocation id (in use)
 * chunk + 16  u32 prev free chunk  (free) / first user byte (in use)
 * ```
 */

/** Bytes of a chunk header; also the minimum alignment of every allocation (glibc x86-64). */
export const HEADER_BYTES = 16;
/** Alignment of every heap allocation, bytes. */
export const MALLOC_ALIGN_BYTES = 16;
/** Smallest chunk: a header and room for the two free-list links. */
export const MIN_CHUNK_BYTES = 32;
/** Header slot offsets, bytes from the chunk start. */
export const PREV_SIZE_OFFSET = 0;
export const SIZE_OFFSET = 4;
export const REQUESTED_OFFSET = 8;
export const NEXT_FREE_OFFSET = 12;
export const PREV_FREE_OFFSET = 16;
/** Flag bits in the size word. */
export const FLAG_IN_USE = 1;
export const FLAG_QUARANTINED = 2;
export const SIZE_MASK = ~15 >>> 0;

/** Bytes of a pointer stored in sandbox memory (x86-64: 8, little-endian, high word 0). */
export const POINTER_BYTES = 8;

/**
 * Shadow memory: one byte per byte of the address space. 0 = addressable and initialised;
 * the values are AddressSanitizer's shadow magic where one exists, so the shadow dump reads alike.
 */
export const Shadow = {
  Ok: 0x00,
  /** Addressable but never written (memcheck-style; only when uninitialised reads are checked). */
  Undefined: 0x20,
  StackLeftRedzone: 0xf1,
  StackMidRedzone: 0xf2,
  StackAfterReturn: 0xf5,
  /** Stack bytes below the stack pointer that no frame has used yet. */
  StackUnused: 0xf8,
  /** Chunk header (ASan's heap left redzone). */
  HeapLeftRedzone: 0xfa,
  HeapRightRedzone: 0xfb,
  /** Free heap space in the allocator's free lists. */
  HeapFree: 0xfc,
  /** Freed and quarantined. */
  HeapFreed: 0xfd,
  Unmapped: 0xfe,
} as const;
export type Shadow = (typeof Shadow)[keyof typeof Shadow];

/** Default address-space size: 16 MiB. */
export const DEFAULT_SPACE_BYTES = 16 * 1024 * 1024;
/** Default stack size: 1 MiB (Windows' default; Linux gives 8 MiB to the main thread). */
export const DEFAULT_STACK_BYTES = 1024 * 1024;
/** Default static area: 64 KiB. */
export const DEFAULT_STATIC_BYTES = 64 * 1024;
/** Null page: the first 4 KiB are never mapped, as on every mainstream OS. */
export const NULL_PAGE_BYTES = 4096;
/** Guard gaps between static area and heap, and between heap and stack. */
export const DEFAULT_GUARD_BYTES = 64 * 1024;
/** Default quarantine for freed blocks with the sanitizer on: 1 MiB (ASan: 256 MiB). */
export const DEFAULT_QUARANTINE_BYTES = 1024 * 1024;
/** Right redzone added to every allocation when the sanitizer is on (bytes, at least). */
export const HEAP_REDZONE_BYTES = 16;
/** Redzone above every stack local when the sanitizer is on. */
export const STACK_REDZONE_BYTES = 16;
/** Frame header: return address and saved frame pointer, 8 bytes each. */
export const FRAME_HEADER_BYTES = 16;
/** Largest address space: the largest ArrayBuffer V8 makes on 64-bit (2^32 bytes, 4 GiB minus 16). */
export const MAX_SPACE_BYTES = 2 ** 32 - 16;

/** An address as C prints it: `0x` and 8 hex digits. */
export function hex(address: number): string {
  return `0x${(address >>> 0).toString(16).padStart(8, '0')}`;
}
