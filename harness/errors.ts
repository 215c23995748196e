import type { z } from 'zod';

/** Exit codes are a CI contract (README, "Exit codes"). */
export const EXIT = { passed: 0, gateFailed: 1, couldNotRun: 2, usage: 64 } as const;

/** The user asked for something agentcheck cannot do as asked: exit 64, one clear message. */
export class UsageError extends Error {
  readonly exitCode: number = EXIT.usage;
}

/** agentcheck could not run the check (an adapter or a runtime failed to start): exit 2. */
export class CouldNotRunError extends Error {
  readonly exitCode: number = EXIT.couldNotRun;
}

/** A worker broke the worker protocol (docs/protocol.md): the run stops with exit 2; it is not one case's verdict. */
export class WorkerProtocolError extends CouldNotRunError {}

/** Turn zod issues into lines that name the file, the path inside it and what was expected. */
export function describeIssues(file: string, error: z.ZodError, prefix: (string | number)[] = []): string {
  const lines = error.issues.slice(0, 8).map((issue) => {
    const path = [...prefix, ...issue.path].map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
    return `  ${path || '(top level)'}: ${issue.message}`;
  });
  const more = error.issues.length > 8 ? `\n  ...and ${error.issues.length - 8} more` : '';
  return `${file} is not a valid scenario:\n${lines.join('\n')}${more}`;
}
