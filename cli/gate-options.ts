import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBaseline, type Failure } from '../harness/report/baseline.js';
import { adoptBaseline, parseLevel, parsePropertyIds, type GateOptions } from '../harness/report/gate.js';
import { appendStepSummary, githubAnnotations } from '../harness/report/github.js';
import type { Report } from '../harness/report/schema.js';
import { renderMarkdown } from '../reports/markdown.js';
import { asOption, shard } from './arguments.js';

// The flags that move the CI gate, what they hand the library, and what happens after
// a run: the baseline rewritten, the GitHub summary and annotations.

/** The gate's flags and --shard, for `run`. */
export function addGateOptions(cmd: Command): Command {
  return cmd
    .option('--min-level <level>', 'the readiness level (L0-L3) the gate requires, instead of every case passing', asOption(parseLevel))
    .option('--fail-on <properties>', 'property ids that must never fail (comma-separated), beside --min-score or --min-level', asOption(parsePropertyIds))
    .option('--baseline <file>', 'known failures (scenario + property) that do not fail the gate; new ones do, fixed ones are listed')
    .option('--update-baseline', "write this run's failures to the --baseline file (default known-failures.json)")
    .option('--shard <i/n>', 'run a deterministic i-th of n parts of the selected cases (needs --seed; merge the reports with agentcheck merge)', shard);
}

export interface GateFlags {
  minScore?: number;
  minLevel?: GateOptions['minLevel'];
  failOn?: GateOptions['failOn'];
  baseline?: string;
  updateBaseline?: boolean;
}

export type GateSettings = GateOptions & { previous: Failure[]; baselineFile?: string };

/** What the gate is given, the baseline read and checked (a bad one is exit 64 before anything runs). */
export function gateOptionsFrom(o: GateFlags): GateSettings {
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
export function finishRun(report: Report, o: GateFlags, gate: GateSettings, outDir: string): Report {
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
