import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CouldNotRunError, UsageError } from '../harness/errors.js';
import { claimOutDir } from '../harness/process/out-dir.js';
import type { Reporter } from '../harness/report/reporter.js';
import type { Report } from '../harness/report/schema.js';
import { FILE_ONLY, REPORT_FILES, reporters, useColor } from '../reports/index.js';
import { loadReporter } from './custom-reporter.js';

/** A reporter asked for with --reporter: a built-in format or a module of the user's. */
export interface ChosenReporter {
  name: string;
  reporter: Reporter;
  /** Its file in an output folder. */
  fileName: string;
  /** A file to open (html, badge): with an output folder it always goes there. */
  fileOnly: boolean;
}

/** Every reporter asked for; a module path is loaded now, so a broken one is bad usage before anything runs. */
export async function chooseReporters(names: string[]): Promise<ChosenReporter[]> {
  const out: ChosenReporter[] = [];
  // With several formats the others go to files, so the scorecard prints on the terminal even when not listed.
  const all = names.length > 1 && !names.includes('terminal') ? ['terminal', ...names] : names;
  for (const name of all) {
    const builtIn = reporters[name];
    if (builtIn) out.push({ name, reporter: builtIn({ color: name === 'terminal' && useColor() }), fileName: REPORT_FILES[name] ?? '', fileOnly: FILE_ONLY.has(name) });
    else {
      const mine = await loadReporter(name);
      out.push({ name, reporter: mine, fileName: mine.fileName, fileOnly: false });
    }
  }
  return out;
}

/**
 * One reporter prints on stdout; with several, the terminal one prints and the others
 * go to files in `dir`. html and badge are files to open: with a `dir` they go there.
 * A reporter with hooks only (live progress of the user's own) prints nothing here.
 */
export function writeReports(report: Report, chosen: ChosenReporter[], dir?: string): void {
  for (const { name, reporter, fileName, fileOnly } of chosen) {
    if (!reporter.render) continue;
    const text = reporter.render(report);
    const toFile = dir && name !== 'terminal' && (chosen.length > 1 || fileOnly);
    if (!toFile) process.stdout.write(text);
    else {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, fileName), text);
      process.stderr.write(`${name} report: ${join(dir, fileName)}\n`);
    }
  }
}

/** `--out`, or .agentcheck/<kind>/<time>-<name>: a new folder for each run, owned by it until `release`. */
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
