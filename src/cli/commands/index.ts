import type { Command } from 'commander';
import type { CliIo } from '../run-cli.js';
// sandbox (issue 5)
import { registerSandbox } from './sandbox.js';

/** A command definition: adds itself (and its subcommands) to the program. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

/** Every command of the `softmem` binary, one file each in this folder. */
export const COMMANDS: readonly RegisterCommand[] = [
  // sandbox (issue 5)
  registerSandbox,
];
