/**
 * Struct layouts must equal gcc's: fast-check generates a few hundred structs (scalars, fixed
 * arrays, nested structs, aligned and packed), one C file prints sizeof/_Alignof/offsetof of
 * each, gcc compiles it once, and every number must match `defineStruct`.
 * No gcc → the test fails with a clear message (CI installs gcc); it never skips.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defineStruct,
  type FieldSpec,
  formatCStruct,
  type StructLayout,
} from '../../src/collections/index.js';

/** Structs per run: about 250 aligned and 250 packed, so that each kind reaches the 200. */
const STRUCT_COUNT = 500;
/** Each layout kind (aligned, packed) must be at least this many of the generated structs. */
const MIN_PER_KIND = 200;
const MAX_NESTED_SIZE_BYTES = 256;
const SCALARS = ['i8', 'u8', 'i16', 'u16', 'i32', 'u32', 'i64', 'u64', 'f32', 'f64'] as const;

const fieldArbitrary = fc.record({
  kind: fc.constantFrom(...SCALARS, 'struct' as const),
  ref: fc.nat(),
  count: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 3 }),
});
const structArbitrary = fc.record({
  packed: fc.boolean(),
  fields: fc.array(fieldArbitrary, { minLength: 1, maxLength: 9 }),
});

function generateLayouts(seed: number): StructLayout[] {
  const specs = fc.sample(structArbitrary, { numRuns: STRUCT_COUNT, seed });
  const layouts: StructLayout[] = [];
  specs.forEach((spec, k) => {
    const fields: FieldSpec[] = spec.fields.map((f, j) => {
      let type: FieldSpec['type'] = f.kind === 'struct' ? 'i32' : f.kind;
      if (f.kind === 'struct' && k > 0) {
        const nested = layouts[f.ref % k]!;
        if (nested.sizeOf <= MAX_NESTED_SIZE_BYTES) type = nested;
      }
      return f.count === undefined ? { name: `f${j}`, type } : { name: `f${j}`, type, count: f.count };
    });
    layouts.push(defineStruct(`s${k}`, fields, { packed: spec.packed }));
  });
  return layouts;
}

function cProgram(layouts: readonly StructLayout[]): string {
  const lines = ['#include <stdio.h>', '#include <stddef.h>', '#include <stdint.h>', ''];
  // Each layout's nested structs are earlier layouts: print them all in order, once.
  for (const layout of layouts) lines.push(formatCStruct(layout).split('\n\n').pop()!, '');
  lines.push('int main(void) {');
  for (const layout of layouts) {
    const t = `struct ${layout.name}`;
    const offsets = layout.fields.map((f) => ` (size_t)offsetof(${t}, ${f.name})`).join(',');
    const format = `${layout.name} %zu %zu${' %zu'.repeat(layout.fields.length)}\\n`;
    lines.push(`\tprintf("${format}", sizeof(${t}), (size_t)_Alignof(${t}),${offsets});`);
  }
  lines.push('\treturn 0;', '}');
  return lines.join('\n');
}

function gccPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v gcc'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

describe('struct layout equals gcc (x86-64 System V)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'softmem-layout-gcc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`matches sizeof, _Alignof and offsetof on ${STRUCT_COUNT} generated structs`, () => {
    const gcc = gccPath();
    if (gcc === '') {
      throw new Error(
        'gcc not found on PATH: the struct layout test compares against gcc; install it (.ci/run does)',
      );
    }
    const seed = Date.now() | 0;
    const layouts = generateLayouts(seed);
    const source = path.join(dir, 'layouts.c');
    const binary = path.join(dir, 'layouts');
    writeFileSync(source, cProgram(layouts));
    execFileSync(gcc, ['-std=c11', '-O0', '-w', '-o', binary, source]);
    const output = execFileSync(binary, { encoding: 'utf8' }).trim().split('\n');
    expect(output).toHaveLength(layouts.length);
    let packedCount = 0;
    let nestedCount = 0;
    layouts.forEach((layout, k) => {
      const expected = [
        layout.name,
        layout.sizeOf,
        layout.alignOf,
        ...layout.fields.map((f) => f.offset),
      ].join(' ');
      expect(output[k], `seed ${seed}, ${formatCStruct(layout)}`).toBe(expected);
      if (layout.packed) packedCount++;
      if (layout.fields.some((f) => typeof f.type !== 'string')) nestedCount++;
    });
    // The generator must really cover both layouts and nesting.
    expect(packedCount).toBeGreaterThanOrEqual(MIN_PER_KIND);
    expect(STRUCT_COUNT - packedCount).toBeGreaterThanOrEqual(MIN_PER_KIND);
    expect(nestedCount).toBeGreaterThan(STRUCT_COUNT / 10);
  });
});
