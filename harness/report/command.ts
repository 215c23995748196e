import { type Command, InvalidArgumentError, Option } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FILE_ONLY, REPORT_FILES, reporters } from '../../reports/index.js';
import { renderCompareHtml, renderCompareMarkdown, renderCompareTerminal } from '../../reports/compare.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { useColor } from '../../reports/color.js';
import { EXIT, UsageError } from '../errors.js';
import { readBaseline, type Failure } from './baseline.js';
import { compareReports } from './compare.js';
import { isReporterPath, loadReporter } from './custom-reporter.js';
import { adoptBaseline, type GateOptions, parseLevel, parsePropertyIds } from './gate.js';
import { appendStepSummary, githubAnnotations } from './github.js';
import { mergeReports } from './merge.js';
import { readReport } from './read.js';
import type { Report } from './schema.js';
import { parseShard } from './shard.js';

// The command-line wiring of the report library: the reporter and gate flags of
// `run`, and the commands that work on saved reports (report, badge, compare, merge).
// Only wiring lives here; what each does is in the modules beside it.

export const reporterList = (v: string, prev: string[] = []) => {
  const names = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!reporters[n] && !isReporterPath(n)) throw new InvalidArgumentError(`unknown reporter "${n}"; choose from ${Object.keys(reporters).join(', ')}, or give the path of your own reporter module`);
  return [...prev, ...names];
};

/** Every format asked for, a module path loaded now: a broken one is bad usage before anything runs. */
export async function loadReporters(names: string[]): Promise<Map<string, { render: (report: Report, color: boolean) => string; fileName: string; fileOnly: boolean }>> {
  const out = new Map<string, { render: (report: Report, color: boolean) => string; fileName: string; fileOnly: boolean }>();
  for (const name of names) {
    if (reporters[name]) out.set(name, { render: reporters[name], fileName: REPORT_FILES[name] ?? '', fileOnly: FILE_ONLY.has(name) });
    else out.set(name, { ...(await loadReporter(name)), fileOnly: false });
  }
  return out;
}

const asCommander = <T>(parse: (v: string) => T) => (v: string) => {
  try {
    return parse(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};

const reporterOption = () => new Option('-r, --reporter <names>', `${Object.keys(reporters).join(', ')} or the path of your own reporter module (comma-separated); one prints on stdout, with several the terminal one prints and the others are written to the --out folder (html and badge always are, given one)`).argParser(reporterList);

/**
 * One reporter prints on stdout; with several, the terminal one prints and the others
 * go to files in `dir`. html and badge are files to open: with a `dir` they go there.
 */
export async function writeReports(report: Report, names: string[], dir?: string): Promise<void> {
  const loaded = await loadReporters(names);
  for (const [name, r] of loaded) {
    const text = r.render(report, name === 'terminal' && useColor());
    const toFile = dir && name !== 'terminal' && (names.length > 1 || r.fileOnly);
    if (!toFile) process.stdout.write(text);
    else {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, r.fileName), text);
      process.stderr.write(`${name} report: ${join(dir, r.fileName)}\n`);
    }
  }
}

/** The gate's flags, for `run`. */
export function addGateOptions(cmd: Command): Command {
  return cmd
    .option('--min-level <level>', 'the readiness level (L0-L3) the gate requires, instead of every case passing', asCommander(parseLevel))
    .option('--fail-on <properties>', 'property ids that must never fail (comma-separated), beside --min-score or --min-level', asCommander(parsePropertyIds))
    .option('--baseline <file>', 'known failures (scenario + property) that do not fail the gate; new ones do, fixed ones are listed')
    .option('--update-baseline', 'write this run\'s failures to the --baseline file (default known-failures.json)')
    .option('--shard <i/n>', 'run a deterministic i-th of n parts of the selected cases (merge the reports with agentcheck merge)', asCommander(parseShard));
}

export interface GateFlags {
  minScore?: number;
  minLevel?: GateOptions['minLevel'];
  failOn?: GateOptions['failOn'];
  baseline?: string;
  updateBaseline?: boolean;
}

/** What the gate is given, the baseline read and checked (a bad one is exit 64 before anything runs). */
export function gateOptionsFrom(o: GateFlags): GateOptions & { previous: Failure[]; baselineFile?: string } {
  const baselineFile = o.baseline ?? (o.updateBaseline ? 'known-failures.json' : undefined);
  const previous = baselineFile ? readBaseline(baselineFile) : [];
  return {
    ...(o.minScore !== undefined ? { minScore: o.minScore } : {}),
    ...(o.minLevel ? { minLevel: o.minLevel } : {}),
    ...(o.failOn ? { failOn: o.failOn } : {}),
    ...(o.baseline ? { baseline: { file: o.baseline, failures: previous } } : {}),
    previous,
    ...(baselineFile ? { baselineFile } : {}),
  };
}

/** After a run: --update-baseline, then the GitHub summary and annotations. Returns the report as gated. */
export function finishRun(report: Report, o: GateFlags, gate: ReturnType<typeof gateOptionsFrom>, outDir: string): Report {
  let out = report;
  if (o.updateBaseline && gate.baselineFile) {
    if (report.interrupted) process.stderr.write(`interrupted: ${gate.baselineFile} left as it was\n`);
    else {
      out = adoptBaseline(report, gate.baselineFile, gate.previous);
      writeFileSync(join(outDir, 'report.json'), JSON.stringify(out, null, 2) + '\n');
      process.stderr.write(`baseline: ${out.gate.baseline!.known.length} failure(s) written to ${gate.baselineFile}\n`);
    }
  }
  announceOnGitHub(out);
  return out;
}

/** In GitHub Actions: the Markdown summary on the job's page, an annotation per failure (on stderr, which the runner reads too). */
export function announceOnGitHub(report: Report): void {
  const file = appendStepSummary(renderMarkdown(report));
  if (file) process.stderr.write(`summary appended to $GITHUB_STEP_SUMMARY\n`);
  if (process.env.GITHUB_ACTIONS === 'true') for (const line of githubAnnotations(report)) process.stderr.write(line + '\n');
}

const exitFor = (report: Report) => (report.gate.passed ? EXIT.passed : EXIT.gateFailed);

/** report, badge, compare, merge: commands on saved JSON reports. */
export function registerReportCommands(program: Command): void {
  program
    .command('report')
    .description('render a saved JSON report again')
    .argument('<file>', 'a report.json written by agentcheck run')
    .addOption(reporterOption())
    .option('-o, --out <dir>', 'write the formats as files into this folder')
    .action(async (file: string, o: { reporter?: string[]; out?: string }) => {
      await writeReports(readReport(file), o.reporter?.length ? o.reporter : ['terminal'], o.out && resolve(o.out));
    });

  program
    .command('badge')
    .description('an SVG badge with the readiness level and score, for a README')
    .argument('<file>', 'a report.json written by agentcheck run')
    .option('-o, --out <file>', 'write the badge to this file instead of stdout')
    .action((file: string, o: { out?: string }) => {
      const svg = reporters.badge!(readReport(file), false);
      if (o.out) writeFileSync(o.out, svg);
      else process.stdout.write(svg);
    });

  program
    .command('compare')
    .description('reports side by side by scenario and property; between two runs of one adapter, its regressions and fixes')
    .argument('<files...>', 'report.json files, one per column')
    .addOption(new Option('-r, --reporter <format>', 'terminal, markdown or html').choices(['terminal', 'markdown', 'html']).default('terminal'))
    .action((files: string[], o: { reporter: string }) => {
      if (files.length < 2) throw new UsageError(`compare takes two or more reports, not ${files.length}`);
      const cmp = compareReports(files.map((file) => ({ file, report: readReport(file) })));
      const text = o.reporter === 'html' ? renderCompareHtml(cmp) : o.reporter === 'markdown' ? renderCompareMarkdown(cmp) : renderCompareTerminal(cmp, useColor());
      process.stdout.write(text);
      if (cmp.changes?.regressions.length) process.exitCode = EXIT.gateFailed;
    });

  program
    .command('merge')
    .description('combine the reports of shards (--shard i/n) into one report with one scorecard and gate')
    .argument('<files...>', "every shard's report.json")
    .addOption(reporterOption())
    .option('-o, --out <dir>', 'write the merged report.json (and the other formats) into this folder')
    .action(async (files: string[], o: { reporter?: string[]; out?: string }) => {
      const merged = mergeReports(files.map((file) => ({ file, report: readReport(file) })));
      const dir = o.out && resolve(o.out);
      if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'report.json'), JSON.stringify(merged, null, 2) + '\n');
      }
      await writeReports(merged, o.reporter?.length ? o.reporter : ['terminal'], dir);
      announceOnGitHub(merged);
      process.exitCode = exitFor(merged);
    });
}
