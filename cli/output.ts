import { claimOutDir } from '../harness/process/out-dir.js';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CouldNotRunError, UsageError } from '../harness/errors.js';
import type { Report } from '../harness/report/schema.js';
import { reporters, useColor } from '../reports/index.js';

const FILE_NAMES: Record<string, string> = { json: 'report.json', junit: 'junit.xml', markdown: 'summary.md' };

/** One reporter prints on stdout; with several, the terminal one prints and the others go to files in `dir`. */
export function printReport(report: Report, names: string[], dir?: string): void {
  for (const name of names) {
    const text = reporters[name]!({ color: name === 'terminal' && useColor() }).render(report);
    if (names.length === 1 || name === 'terminal' || !dir) process.stdout.write(text);
    else {
      writeFileSync(join(dir, FILE_NAMES[name]!), text);
      process.stderr.write(`${name} report: ${join(dir, FILE_NAMES[name]!)}\n`);
    }
  }
}

/** `--out`, or .agentcheck/<kind>/<time>-<name>: a new folder for each run. */
export function outDirFor(out: string | undefined, kind: 'runs' | 'explore', name: string, force = false): { outDir: string; release: () => void } {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace('Z', '');
  const outDir = resolve(out ?? join('.agentcheck', kind, `${stamp}-${name}`));
  return { outDir, release: claimOutDir(outDir, { force }) };
}

/** An error from running the check is the adapter's or the runtime's (exit 2), unless it is about usage. */
export async function asCouldNotRun<T>(adapter: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw err instanceof UsageError ? err : new CouldNotRunError(`${adapter}: ${(err as Error).message}`);
  }
}
