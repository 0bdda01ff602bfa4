/**
 * The committed WebAssembly bytes (lru-wasm-bytes.generated.ts) are exactly what wabt makes of
 * lru.wat today, so the two cannot drift apart: after editing lru.wat, `npm run build:wasm`.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import wabt from 'wabt';
import { LRU_WASM_BASE64 } from './lru-wasm-bytes.generated.js';

describe('the generated WebAssembly module', () => {
  it('holds the bytes that wabt compiles from lru.wat', async () => {
    const toolkit = await wabt();
    const source = await readFile(new URL('./lru.wat', import.meta.url), 'utf8');
    const module = toolkit.parseWat('lru.wat', source, { simd: true });
    module.validate();
    const compiled = Buffer.from(module.toBinary({}).buffer);
    module.destroy();
    expect(Buffer.from(LRU_WASM_BASE64, 'base64').equals(compiled)).toBe(true);
  });
});
