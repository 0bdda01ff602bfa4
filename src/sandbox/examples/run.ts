import type { SandboxError } from '../errors.js';
import { type LeakReport, leakError } from '../leaks.js';
import { Sandbox } from '../sandbox.js';
import type { SandboxExample } from './example.js';

/** Examples run in a 4 MiB space (1 MiB of it stack): small pictures, quick to allocate. */
export const EXAMPLE_SPACE_BYTES = 4 * 1024 * 1024;

/** What running an example produced. */
export interface ExampleOutcome {
  readonly example: SandboxExample;
  /** The sandbox after the run (for pictures and stats). */
  readonly sandbox: Sandbox;
  /** The first error the sanitizer raised, or the leak error when only leaks were found. */
  readonly error: SandboxError | null;
  /** Leaks at exit (checked after a clean run; empty when the run faulted). */
  readonly leaks: LeakReport | null;
  /** True when the error kind (or 'none') is what the example expects. */
  readonly matched: boolean;
}

/**
 * Runs an example in a fresh sandbox: catches the sanitizer's error, or checks for leaks at
 * exit as LeakSanitizer does. Errors that are not sandbox errors propagate (they are bugs).
 */
export function runExample(example: SandboxExample): ExampleOutcome {
  const sandbox = new Sandbox({ sizeBytes: EXAMPLE_SPACE_BYTES, ...example.options });
  let error: SandboxError | null = null;
  let leaks: LeakReport | null = null;
  try {
    example.run(sandbox);
  } catch (caught) {
    if (!(caught instanceof Error) || !('kind' in caught)) throw caught;
    error = caught as SandboxError;
  }
  if (error === null) {
    leaks = sandbox.checkLeaks();
    if (leaks.leaks.length > 0) error = leakError(leaks);
  }
  const kind = error === null ? 'none' : error.kind;
  return { example, sandbox, error, leaks, matched: kind === example.expected };
}
