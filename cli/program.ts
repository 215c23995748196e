import { Command } from 'commander';
import { VERSION } from '../harness/version.js';
import { registerAgent } from './commands/agent.js';
import { registerInit } from './commands/init.js';
import { registerBadge } from './commands/badge.js';
import { registerCompare } from './commands/compare.js';
import { registerExplore } from './commands/explore.js';
import { registerList } from './commands/list.js';
import { registerMerge } from './commands/merge.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';

/** The agentcheck command line; each command's action hands its exit code to `exit`. */
export function buildProgram(exit: (code: number) => void): Command {
  const program = new Command('agentcheck')
    .description('Conformance tests and chaos for durable agent runtimes: does yours resume after a crash without repeating side effects?')
    .version(VERSION)
    .showHelpAfterError('(add --help for usage)')
    // Set before the subcommands exist, so they inherit it: bad usage exits 64, not 1.
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerRun(program, exit);
  registerList(program, exit);
  registerReport(program, exit);
  registerExplore(program, exit);
  registerBadge(program, exit);
  registerCompare(program, exit);
  registerMerge(program, exit);
  registerSchema(program, exit);
  registerAgent(program, exit);
  registerInit(program, exit);
  return program;
}
