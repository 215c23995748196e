import { execa } from 'execa';
import { join } from 'node:path';

export const agentcheckBin = join(import.meta.dirname, '..', 'bin', 'agentcheck.js');

/** The CLI as a user runs it: a child process of this Node, no colour; env adds to the test's own. */
export const agentcheck = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, [agentcheckBin, ...args], { reject: false, env: { NO_COLOR: '1', ...env } });
