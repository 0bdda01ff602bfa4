/**
 * A pahole-style text view of a struct layout: each field with its offset and size, padding
 * holes called out, and cache-line boundaries drawn where they fall.
 */
import { type StructField, StructLayout } from './define-struct.js';
import { SCALAR_TYPES } from './scalar.js';

/** Options of `formatStructLayout`. */
export interface PaholeOptions {
  /** Cache-line size in bytes for the boundary markers (default 64). */
  readonly lineBytes?: number;
}

const TYPE_COLUMN = 27;
const NAME_COLUMN = 22;

/**
 * Renders `layout` like `pahole` does (`/* offset size *\/` per field, `XXX n bytes hole`,
 * `--- cacheline n boundary ---`, a summary). Complexity: O(fields).
 *
 * @example
 * ```ts
 * const text = formatStructLayout(defineStruct('my_struct', [
 *   { name: 'first', type: 'i16' },
 *   { name: 'second', type: 'i32' },
 * ]));
 * text.includes('/* XXX 2 bytes hole *\/'); // => true
 * ```
 */
export function formatStructLayout(layout: StructLayout, options: PaholeOptions = {}): string {
  const lineBytes = options.lineBytes ?? 64;
  if (!Number.isSafeInteger(lineBytes) || lineBytes < 1) {
    throw new RangeError(`lineBytes must be a positive integer, got ${lineBytes}`);
  }
  const lines: string[] = [`struct ${layout.name} {`];
  let nextBoundary = lineBytes;
  let previousEnd = 0;
  for (const field of layout.fields) {
    if (field.offset > previousEnd)
      lines.push('', `\t/* XXX ${bytes(field.offset - previousEnd)} hole */`, '');
    while (nextBoundary <= field.offset) {
      lines.push(`\t/* --- cacheline ${nextBoundary / lineBytes} boundary (${nextBoundary} bytes) --- */`);
      nextBoundary += lineBytes;
    }
    lines.push(fieldLine(field));
    const end = field.offset + field.sizeBytes;
    while (nextBoundary < end) {
      lines.push(
        `\t/* --- cacheline ${nextBoundary / lineBytes} boundary (${nextBoundary} bytes) was ${end - nextBoundary} bytes ago --- */`,
      );
      nextBoundary += lineBytes;
    }
    previousEnd = end;
  }
  const holeBytes = layout.holes.reduce((sum, hole) => sum + hole.sizeBytes, 0);
  const memberBytes = layout.fields.reduce((sum, field) => sum + field.sizeBytes, 0);
  const cachelines = Math.ceil(layout.sizeOf / lineBytes);
  const lastLineBytes = layout.sizeOf - (cachelines - 1) * lineBytes;
  lines.push(
    '',
    `\t/* size: ${layout.sizeOf}, cachelines: ${cachelines}, members: ${layout.fields.length} */`,
    `\t/* sum members: ${memberBytes}, holes: ${layout.holes.length}, sum holes: ${holeBytes} */`,
  );
  if (layout.tailPaddingBytes > 0) lines.push(`\t/* padding: ${layout.tailPaddingBytes} */`);
  lines.push(`\t/* last cacheline: ${lastLineBytes} bytes */`);
  lines.push(layout.packed ? '} __attribute__((__packed__));' : '};');
  return lines.join('\n');
}

/** The C spelling of a field's element type (`int32_t`, `struct inner`). */
export function cTypeName(field: StructField): string {
  return field.type instanceof StructLayout ? `struct ${field.type.name}` : SCALAR_TYPES[field.type].cName;
}

function fieldLine(field: StructField): string {
  const declarator = field.count === undefined ? `${field.name};` : `${field.name}[${field.count}];`;
  const position = `/* ${String(field.offset).padStart(5)} ${String(field.sizeBytes).padStart(5)} */`;
  return `\t${cTypeName(field).padEnd(TYPE_COLUMN)}${declarator.padEnd(NAME_COLUMN)}${position}`;
}

function bytes(count: number): string {
  return count === 1 ? '1 byte' : `${count} bytes`;
}
