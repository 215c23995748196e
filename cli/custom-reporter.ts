import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../harness/errors.js';
import type { Reporter } from '../harness/report/reporter.js';

// `--reporter ./my-reporter.js`: a team's own reporter, with the same hooks as the
// built-in ones (live: onRunStart, onCaseEnd, onRunEnd...; and render(report) for a
// format written from the frozen JSON report).

export interface CustomReporter extends Reporter {
  /** Its file in --out when several reporters run (default: the module's name + .txt). */
  fileName?: string;
}

export const isReporterPath = (s: string) => s.startsWith('.') || s.startsWith('/') || /\.(m?[jt]s)$/.test(s);

const HOOKS = ['onRunStart', 'onCaseStart', 'onRepetitionEnd', 'onCaseEnd', 'onShrinkStart', 'onShrinkTry', 'onRunEnd', 'render'] as const;

/** Load a reporter module: default export or an export named `reporter`, an object with render or any hook. */
export async function loadReporter(path: string): Promise<Reporter & { fileName: string }> {
  const file = resolve(path);
  if (!existsSync(file)) throw new UsageError(`--reporter ${path}: no such file`);
  let mod: { default?: CustomReporter; reporter?: CustomReporter };
  try {
    mod = (await import(pathToFileURL(file).href)) as typeof mod;
  } catch (err) {
    throw new UsageError(`--reporter ${path}: could not be loaded: ${(err as Error).message.split('\n')[0]}`);
  }
  const reporter = mod.reporter ?? mod.default;
  if (!reporter || typeof reporter !== 'object' || !HOOKS.some((h) => typeof reporter[h] === 'function')) {
    throw new UsageError(`--reporter ${path}: export a reporter (an object with render(report) returning text, or hooks such as onCaseEnd) as default or as \`reporter\``);
  }
  const fileName = typeof reporter.fileName === 'string' && reporter.fileName ? basename(reporter.fileName) : `${basename(file, extname(file))}.txt`;
  const render = reporter.render;
  return { ...reporter, ...(render ? { render: (report) => String(render.call(reporter, report)) } : {}), fileName };
}
