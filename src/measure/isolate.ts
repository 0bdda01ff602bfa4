/**
 * `runIsolated`: runs one exported async function in a fresh Node process (started with
 * `--expose-gc`), so an experiment gets a clean heap, clean JIT feedback and a collectable GC,
 * and nothing it leaves behind disturbs the next one.
 *
 * Protocol: the parent writes `{ moduleUrl, exportName, args }` as JSON to the child's stdin;
 * the child imports the module, awaits `module[exportName](args)`, and writes
 * `{ ok: true, result }` or `{ ok: false, name, message, stack }` as JSON to file descriptor 3
 * (a private pipe, so whatever the function prints on stdout cannot corrupt the reply).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

/** Options of {@link runIsolated}. */
export interface RunIsolatedOptions {
  /** Kill the child and reject after this many ms (default: no limit). */
  timeoutMs?: number;
  /** Extra Node flags for the child (e.g. `--max-old-space-size=512`); `--expose-gc` is always on. */
  execArgv?: readonly string[];
}

/** The child process failed: the function threw, the module could not load, or the process died. */
export class IsolatedRunError extends Error {
  override readonly name: string = 'IsolatedRunError';
  /** The error's name in the child (`"TypeError"`, …), or `"exit"` when the child died without a reply. */
  readonly childErrorName: string;
  /** The child's stack trace, when it threw. */
  readonly childStack: string;
  /** Last part of the child's stderr (and stdout), for diagnosis. */
  readonly output: string;

  constructor(message: string, childErrorName: string, childStack: string, output: string) {
    super(message);
    this.childErrorName = childErrorName;
    this.childStack = childStack;
    this.output = output;
  }
}

/** Characters of child output kept for error messages. */
const OUTPUT_TAIL_CHARS = 4000;

/** The child's program, run with `node --input-type=module -e`. */
const CHILD_SOURCE = `
import { writeSync } from 'node:fs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
let reply;
let ok = false;
try {
  const module = await import(request.moduleUrl);
  const fn = module[request.exportName];
  if (typeof fn !== 'function') {
    throw new TypeError('export "' + request.exportName + '" is not a function (got ' + typeof fn + ')');
  }
  const result = await fn(request.args);
  reply = '{"ok":true,"result":' + (JSON.stringify(result) ?? 'null') + '}';
  ok = true;
} catch (error) {
  const isError = error instanceof Error;
  reply = JSON.stringify({
    ok: false,
    name: isError ? error.name : 'thrown value',
    message: isError ? error.message : String(error),
    stack: isError ? String(error.stack ?? '') : '',
  });
}
const bytes = Buffer.from(reply, 'utf8');
let written = 0;
while (written < bytes.length) written += writeSync(3, bytes, written);
process.exit(ok ? 0 : 1);
`;

/**
 * Runs `exportName` of the module at `modulePath` (a path, relative to the working directory,
 * or a `file:` URL) in a fresh `node --expose-gc` child, calling it with `args` (sent as JSON) as
 * its single argument, and resolves with its awaited result parsed from JSON (unchecked: the
 * type parameter is the caller's claim). TypeScript modules (`.ts`) are loaded through `tsx`.
 * Rejects with an {@link IsolatedRunError} naming the function and the child's error when
 * the function throws, the module or export is missing, the child dies, or the timeout passes;
 * with the JSON error when `args` cannot be serialised.
 *
 * @example
 * ```ts
 * const points = await runIsolated<number[]>(new URL('./latency.js', import.meta.url).href, 'runLatency', { quick: true });
 * ```
 */
export async function runIsolated<Result = unknown>(
  modulePath: string,
  exportName: string,
  args?: unknown,
  options: RunIsolatedOptions = {},
): Promise<Result> {
  const moduleUrl = modulePath.startsWith('file:')
    ? modulePath
    : pathToFileURL(path.resolve(modulePath)).href;
  const request = JSON.stringify({ moduleUrl, exportName, args });
  const label = `${exportName} in ${modulePath}`;
  const execArgv = ['--expose-gc', ...(options.execArgv ?? [])];
  if (/\.[cm]?tsx?$/.test(new URL(moduleUrl).pathname)) execArgv.push('--import', tsxLoaderUrl(label));
  execArgv.push('--input-type=module', '-e', CHILD_SOURCE);

  return await new Promise<Result>((resolve, reject) => {
    const child = spawn(process.execPath, execArgv, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
    let output = '';
    const keepOutput = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout.on('data', keepOutput);
    child.stderr.on('data', keepOutput);
    const replyChunks: Buffer[] = [];
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => replyChunks.push(chunk));
    let timedOut = false;
    const timeout =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.on('error', (error) => {
      if (timeout !== undefined) clearTimeout(timeout);
      reject(
        new IsolatedRunError(
          `runIsolated: could not start a child for ${label}: ${error.message}`,
          'spawn',
          '',
          '',
        ),
      );
    });
    child.on('close', (code, signal) => {
      if (timeout !== undefined) clearTimeout(timeout);
      if (timedOut) {
        reject(
          new IsolatedRunError(
            `runIsolated: ${label} timed out after ${options.timeoutMs} ms`,
            'timeout',
            '',
            output,
          ),
        );
        return;
      }
      const reply = parseReply(Buffer.concat(replyChunks).toString('utf8'));
      if (reply === undefined) {
        const how = signal === null ? `exit code ${code}` : `signal ${signal}`;
        const tail = output.trim() === '' ? '' : `; output: ${lastLine(output)}`;
        reject(
          new IsolatedRunError(
            `runIsolated: child for ${label} died (${how}) without a result${tail}`,
            'exit',
            '',
            output,
          ),
        );
      } else if (reply.ok) {
        resolve(reply.result as Result);
      } else {
        reject(
          new IsolatedRunError(
            `runIsolated: ${label} threw ${reply.name}: ${reply.message}`,
            reply.name,
            reply.stack,
            output,
          ),
        );
      }
    });
    child.stdin.on('error', () => {
      // The child may exit before reading its request; 'close' reports why.
    });
    child.stdin.end(request);
  });
}

type Reply = { ok: true; result: unknown } | { ok: false; name: string; message: string; stack: string };

function parseReply(text: string): Reply | undefined {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as Reply;
  } catch {
    return undefined;
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}

function tsxLoaderUrl(label: string): string {
  try {
    return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  } catch {
    throw new IsolatedRunError(
      `runIsolated: ${label} is TypeScript and tsx is not installed; pass a compiled .js module`,
      'tsx',
      '',
      '',
    );
  }
}
