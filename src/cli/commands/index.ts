import type { Command } from 'commander';
import type { CliIo } from '../run-cli.js';
import { registerList } from './list.js';
import { registerMachine } from './machine.js';
import { registerMainJob } from './main-job.js';
import { registerRun } from './run.js';
// sandbox (issue 5)
import { registerSandbox } from './sandbox.js';
// simulate, trace (cache-traces)
import { registerSimulate } from './simulate.js';
import { registerTrace } from './trace.js';

/** A command definition: adds itself (and its subcommands) to the program. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

/** Every command of the `softmem` binary, one file each in this folder. */
export const COMMANDS: readonly RegisterCommand[] = [
  // main job, machine, list, run (cli-report)
  registerMainJob,
  registerMachine,
  registerList,
  registerRun,
  // sandbox (issue 5)
  registerSandbox,
  // simulate, trace (cache-traces)
  registerSimulate,
  registerTrace,
];
