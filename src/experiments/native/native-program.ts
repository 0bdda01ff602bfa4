/**
 * The native reference: `native/softmem-native.c`, compiled at run time with the system C
 * compiler and cached in the temp directory under a hash of (source, compiler, flags).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Default compiler flags. `-O2` as any C build; vectorisation OFF because V8 emits scalar
 * code for these loops, so the reference runs the same scalar instruction stream (GCC >= 12
 * vectorises the read loop at -O2 with SSE2, which measures SIMD, not the JIT); loops are
 * not replaced by memcpy/memset calls. Override with SOFTMEM_NATIVE_CFLAGS.
 */
export const DEFAULT_NATIVE_CFLAGS: readonly string[] = [
  '-O2',
  '-fno-tree-vectorize',
  '-fno-tree-loop-distribute-patterns',
];

/** A compiled native reference, ready to run. */
export interface NativeProgram {
  available: true;
  executablePath: string;
  /** The compiler's own first `--version` line, e.g. `cc (Debian 12.2.0-14) 12.2.0`. */
  compiler: string;
  /** The exact command line flags used. */
  flags: string[];
}

/** Why there is no native reference (one line for the user). */
export interface NativeUnavailable {
  available: false;
  reason: string;
}

/** Where the C source ships: `native/` at the package root (from src/ or dist/ alike). */
export function nativeSourcePath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..', '..', 'native', 'softmem-native.c');
}

function compilerVersion(compiler: string): string | null {
  try {
    const text = execFileSync(compiler, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return text.split('\n')[0]?.trim() ?? compiler;
  } catch {
    return null;
  }
}

function requestedFlags(): string[] {
  const fromEnv = process.env.SOFTMEM_NATIVE_CFLAGS?.trim();
  return fromEnv ? fromEnv.split(/\s+/) : [...DEFAULT_NATIVE_CFLAGS];
}

let cached: NativeProgram | NativeUnavailable | null = null;

/**
 * Finds a C compiler (`$CC`, else `cc`), compiles the reference once per process (and once
 * per machine thanks to the hash-keyed temp cache), and says why not when it cannot.
 */
export function prepareNativeProgram(): NativeProgram | NativeUnavailable {
  if (cached !== null) return cached;
  cached = compileNativeProgram();
  return cached;
}

/**
 * Compiles the reference with `compiler` (no per-process cache; the temp-dir cache still
 * applies). `prepareNativeProgram` is the usual entry point.
 */
export function compileNativeProgram(
  compiler: string = process.env.CC?.trim() || 'cc',
): NativeProgram | NativeUnavailable {
  const version = compilerVersion(compiler);
  if (version === null) {
    return { available: false, reason: `no C compiler found (${compiler}): native reference skipped` };
  }
  const sourcePath = nativeSourcePath();
  if (!existsSync(sourcePath)) {
    return { available: false, reason: `native source missing (${sourcePath}): native reference skipped` };
  }
  const source = readFileSync(sourcePath);
  const attempts = [requestedFlags(), ['-O2']];
  let lastError = '';
  for (const flags of attempts) {
    const key = createHash('sha256')
      .update(source)
      .update(`\0${compiler}\0${version}\0${flags.join(' ')}`)
      .digest('hex')
      .slice(0, 16);
    const directory = path.join(os.tmpdir(), 'softmem-native', key);
    const executablePath = path.join(directory, 'softmem-native');
    if (existsSync(executablePath)) return { available: true, executablePath, compiler: version, flags };
    mkdirSync(directory, { recursive: true });
    const partial = `${executablePath}.${process.pid}.partial`;
    const flagText = flags.join(' ').replace(/["\\]/g, '');
    try {
      execFileSync(
        compiler,
        [...flags, `-DSOFTMEM_FLAGS="${compiler} ${flagText}"`, '-o', partial, sourcePath],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      renameSync(partial, executablePath); // atomic: concurrent runs never see half a file
      return { available: true, executablePath, compiler: version, flags };
    } catch (error) {
      rmSync(partial, { force: true });
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
      lastError = stderr.split('\n')[0] ?? 'unknown error';
    }
  }
  return { available: false, reason: `the C compiler failed (${lastError}): native reference skipped` };
}
