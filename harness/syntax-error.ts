import { spawnSync } from 'node:child_process';

/**
 * Where a module failed to parse, as "file:line:column", or undefined. Node keeps the
 * location of a JavaScript syntax error out of the error object (it prints it only for
 * an uncaught one), so the file is checked again with `node --check`, which prints it;
 * a TypeScript one names "file:line" in its stack.
 */
export function locateSyntaxError(err: unknown, file: string): string | undefined {
  if (!(err instanceof SyntaxError)) return undefined;
  const fromStack = /^(\/[^\n]+:\d+)\n[^\n]*\n( *)\^/.exec(err.stack ?? '');
  if (fromStack) return `${fromStack[1]}:${fromStack[2].length + 1}`;
  const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
  const m = /^(\/[^\n]+:\d+)\n[^\n]*\n( *)\^/.exec(check.stderr ?? '');
  return m ? `${m[1]}:${m[2].length + 1}` : undefined;
}
