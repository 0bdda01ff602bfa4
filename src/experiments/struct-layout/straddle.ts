/**
 * Where the accesses of `structs[i].first = 0; structs[i].second = 0` fall relative to cache
 * lines, for an array of `count` structs starting at `baseAddress`.
 */
import type { StructLayout } from '../../collections/index.js';
import { AccessKind, type TraceSink } from '../../trace/index.js';

/** Exact line arithmetic of one pass over the array. */
export interface LineCrossings {
  /** Field writes: 2 per struct. */
  accesses: number;
  /** Field writes whose bytes [address, address + size) lie in two lines. */
  straddlingAccesses: number;
  /** Structs whose bytes lie in two lines (a struct can span a boundary between its fields). */
  spanningStructs: number;
}

function crosses(address: number, sizeBytes: number, lineBytes: number): boolean {
  return Math.floor(address / lineBytes) !== Math.floor((address + sizeBytes - 1) / lineBytes);
}

/**
 * Counts, exactly, the field writes and structs that cross a `lineBytes` boundary.
 * O(count × fields).
 *
 * @example
 * ```ts
 * countLineCrossings(PACKED_STRUCT, 32, 0, 64); // { accesses: 64, straddlingAccesses: 1, spanningStructs: 2 }
 * ```
 */
export function countLineCrossings(
  layout: StructLayout,
  count: number,
  baseAddress: number,
  lineBytes: number,
): LineCrossings {
  let straddlingAccesses = 0;
  let spanningStructs = 0;
  for (let i = 0; i < count; i++) {
    const start = baseAddress + i * layout.sizeOf;
    if (crosses(start, layout.sizeOf, lineBytes)) spanningStructs++;
    for (const field of layout.fields) {
      if (crosses(start + field.offset, field.sizeBytes, lineBytes)) straddlingAccesses++;
    }
  }
  return { accesses: count * layout.fields.length, straddlingAccesses, spanningStructs };
}

/** Emits one store per field per struct, in the kernel's order (`first`, then `second`, struct by struct). */
export function emitStructWrites(
  sink: TraceSink,
  layout: StructLayout,
  count: number,
  baseAddress: number,
): void {
  const fields = layout.fields;
  for (let i = 0; i < count; i++) {
    const start = baseAddress + i * layout.sizeOf;
    for (const field of fields) sink.access(start + field.offset, field.sizeBytes, AccessKind.Store);
  }
}

/** One rectangle of the layout picture: a field or a padding gap of one struct. */
export interface LayoutCell {
  layout: string;
  element: number;
  /** 'first', 'second' or 'padding'. */
  part: string;
  startByte: number;
  endByte: number;
  /** True when this field's bytes lie in two lines. */
  straddles: boolean;
  label: string;
}

/** The bytes of every struct that starts before `pictureBytes`, as cells for the layout chart. */
export function layoutCells(
  name: string,
  layout: StructLayout,
  pictureBytes: number,
  lineBytes: number,
): LayoutCell[] {
  const cells: LayoutCell[] = [];
  for (let i = 0; i * layout.sizeOf < pictureBytes; i++) {
    const start = i * layout.sizeOf;
    let cursor = start;
    const pad = (end: number): void => {
      if (end > cursor) {
        cells.push({
          layout: name,
          element: i,
          part: 'padding',
          startByte: cursor,
          endByte: end,
          straddles: false,
          label: `[${i}] padding`,
        });
      }
    };
    for (const field of layout.fields) {
      pad(start + field.offset);
      const fieldStart = start + field.offset;
      cells.push({
        layout: name,
        element: i,
        part: field.name,
        startByte: fieldStart,
        endByte: fieldStart + field.sizeBytes,
        straddles: crosses(fieldStart, field.sizeBytes, lineBytes),
        label: `[${i}].${field.name} bytes ${fieldStart}–${fieldStart + field.sizeBytes - 1}`,
      });
      cursor = fieldStart + field.sizeBytes;
    }
    pad(start + layout.sizeOf);
  }
  return cells;
}
