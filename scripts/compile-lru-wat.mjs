/**
 * Compiles lru.wat with wabt (SIMD128 and threads features): `shared` declares its memory import
 * shared with the largest maximum (65536 pages, 4 GiB), as the pipelined engine needs. Used by
 * build-wasm.mjs and by the test that checks the committed bytes.
 */

/** The memory import as written in lru.wat. */
const MEMORY_IMPORT = '(import "env" "memory" (memory 1))';

/**
 * @param {{ parseWat: Function }} toolkit wabt's module
 * @param {string} source lru.wat's text
 * @param {boolean} shared
 * @returns {Uint8Array}
 */
export function compileLruWat(toolkit, source, shared) {
  if (!source.includes(MEMORY_IMPORT)) throw new Error(`lru.wat no longer contains ${MEMORY_IMPORT}`);
  const text = shared
    ? source.replace(MEMORY_IMPORT, '(import "env" "memory" (memory 1 65536 shared))')
    : source;
  const features = { simd: true, threads: true };
  const module = toolkit.parseWat('lru.wat', text, features);
  try {
    module.validate(features);
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
