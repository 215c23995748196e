import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';
import type { Report } from './schema.js';

// `--reporter ./my-reporter.js`: a team's own format, rendered like the built-ins
// from the frozen JSON report. Only `render` for now: the lifecycle hooks
// (onRunStart, onCaseEnd, onRunEnd) belong to the reporter interface being
// redesigned, and plug in beside it.

export interface CustomReporter {
  /** The text of the format, from the report alone. */
  render(report: Report): string;
  /** Its file in --out when several reporters run (default: the module's name + .txt). */
  fileName?: string;
}

export const isReporterPath = (s: string) => s.startsWith('.') || s.startsWith('/') || /\.(m?[jt]s)$/.test(s);

/** Load a reporter module: default export or an export named `reporter`, an object with `render`. */
export async function loadReporter(path: string): Promise<CustomReporter & { fileName: string }> {
  const file = resolve(path);
  if (!existsSync(file)) throw new UsageError(`--reporter ${path}: no such file`);
  let mod: { default?: CustomReporter; reporter?: CustomReporter };
  try {
    mod = (await import(pathToFileURL(file).href)) as typeof mod;
  } catch (err) {
    throw new UsageError(`--reporter ${path}: could not be loaded: ${(err as Error).message.split('\n')[0]}`);
  }
  const reporter = mod.reporter ?? mod.default;
  if (!reporter || typeof reporter.render !== 'function') throw new UsageError(`--reporter ${path}: export a reporter (an object with render(report) returning text) as default or as \`reporter\``);
  const fileName = typeof reporter.fileName === 'string' && reporter.fileName ? basename(reporter.fileName) : `${basename(file, extname(file))}.txt`;
  return { render: (report) => String(reporter.render(report)), fileName };
}
