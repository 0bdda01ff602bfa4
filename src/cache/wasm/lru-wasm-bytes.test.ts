/**
 * The committed WebAssembly bytes (lru-wasm-bytes.generated.ts) are exactly what wabt makes of
 * lru.wat today, in both builds (memory as written, and shared for the pipelined engine), so the
 * two cannot drift apart: after editing lru.wat, `npm run build:wasm`.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import wabt from 'wabt';
import { LRU_WASM_BASE64, LRU_WASM_SHARED_BASE64 } from './lru-wasm-bytes.generated.js';

const MEMORY_IMPORT = '(import "env" "memory" (memory 1))';
const SHARED_MEMORY_IMPORT = '(import "env" "memory" (memory 1 65536 shared))';

describe('the generated WebAssembly module', () => {
  it('holds the bytes that wabt compiles from lru.wat, as written and with its memory shared', async () => {
    const toolkit = await wabt();
    const source = await readFile(new URL('./lru.wat', import.meta.url), 'utf8');
    expect(source).toContain(MEMORY_IMPORT);
    const features = { simd: true, threads: true };
    const compile = (text: string): Buffer => {
      const module = toolkit.parseWat('lru.wat', text, features);
      // wabt's types omit validate's features argument; without threads it rejects a shared memory.
      Reflect.apply(module.validate, module, [features]);
      const bytes = Buffer.from(module.toBinary({}).buffer);
      module.destroy();
      return bytes;
    };
    expect(Buffer.from(LRU_WASM_BASE64, 'base64').equals(compile(source))).toBe(true);
    const shared = compile(source.replace(MEMORY_IMPORT, SHARED_MEMORY_IMPORT));
    expect(Buffer.from(LRU_WASM_SHARED_BASE64, 'base64').equals(shared)).toBe(true);
  });
});
