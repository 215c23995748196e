import { CommanderError } from 'commander';
import { CouldNotRunError, EXIT, UsageError } from '../harness/errors.js';
import { buildProgram } from './program.js';

/**
 * The process's entry (bin/agentcheck.js): run one command and turn its outcome into
 * the exit code, the CI contract. Nothing outside cli/ sets an exit code
 * (docs/decisions/0022-cli-folder.md).
 */
export async function main(argv: string[]): Promise<void> {
  let exitCode: number = EXIT.passed;
  // `agentcheck ... | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(exitCode);
    throw err;
  });
  try {
    await buildProgram((code) => (exitCode = code)).parseAsync(argv);
  } catch (err) {
    exitCode = exitCodeOf(err);
  }
  process.exitCode = exitCode;
}

/** Bad usage 64 (commander's own help and version 0), could not run 2, anything else an internal error (2). */
function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT.usage;
  if (err instanceof UsageError || err instanceof CouldNotRunError) {
    process.stderr.write(`agentcheck: ${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(`agentcheck: internal error: ${(err as Error).message}\n(please report it with the command you ran; set AGENTCHECK_DEBUG=1 for details)\n`);
  if (process.env.AGENTCHECK_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
  return EXIT.couldNotRun;
}
