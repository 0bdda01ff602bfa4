import type { SandboxErrorKind } from '../errors.js';
import type { Sandbox, SandboxOptions } from '../sandbox.js';

/**
 * One C snippet of the seed text, written in TypeScript against the sandbox: `run` does what
 * the C does, line by line, and `expected` says which error the sanitizer must report
 * ('none' for correct code; 'memory-leak' when the fault is a missing free).
 */
export interface SandboxExample {
  readonly name: string;
  readonly title: string;
  /** Heading of the seed text the snippet comes from. */
  readonly section: string;
  /** The C code, as in the seed. */
  readonly c: string;
  /** What the example teaches, one or two sentences. */
  readonly lesson: string;
  readonly expected: SandboxErrorKind | 'none';
  readonly options?: SandboxOptions;
  run(sandbox: Sandbox): void;
}
