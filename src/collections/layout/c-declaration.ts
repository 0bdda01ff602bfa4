/**
 * The C source of a struct layout, for compilers and for humans: `formatCStruct` prints a
 * declaration gcc lays out exactly like `defineStruct` did (checked by the gcc comparison test).
 */
import { StructLayout } from './define-struct.js';
import { cTypeName } from './pahole.js';

/**
 * C declarations for `layout` and, first, every struct it nests (each once), using
 * `<stdint.h>` names and `__attribute__((packed))` for packed layouts.
 *
 * @example
 * ```ts
 * const pair = defineStruct('pair', [{ name: 'a', type: 'i16' }, { name: 'b', type: 'i32' }], { packed: true });
 * formatCStruct(pair); // => 'struct __attribute__((packed)) pair {\n\tint16_t a;\n\tint32_t b;\n};'
 * ```
 */
export function formatCStruct(layout: StructLayout): string {
  const out: string[] = [];
  emit(layout, new Set<StructLayout>(), out);
  return out.join('\n\n');
}

function emit(layout: StructLayout, done: Set<StructLayout>, out: string[]): void {
  if (done.has(layout)) return;
  done.add(layout);
  for (const field of layout.fields) {
    if (field.type instanceof StructLayout) emit(field.type, done, out);
  }
  const members = layout.fields.map(
    (f) => `\t${cTypeName(f)} ${f.name}${f.count === undefined ? '' : `[${f.count}]`};`,
  );
  const head = layout.packed ? `struct __attribute__((packed)) ${layout.name} {` : `struct ${layout.name} {`;
  out.push([head, ...members, '};'].join('\n'));
}
