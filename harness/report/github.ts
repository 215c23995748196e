import { appendFileSync } from 'node:fs';
import type { Report } from './schema.js';

// In GitHub Actions a failing gate should explain itself where people look: the job's
// summary page ($GITHUB_STEP_SUMMARY, Markdown) and an annotation per failure.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One `::error` line per failing property (and per case that could not be judged), naming scenario and property. */
export function githubAnnotations(report: Report): string[] {
  // A shard's failures are annotated once, by `agentcheck merge`, not by each shard as well.
  if (report.shard) return [];
  const known = report.gate.baseline?.known ?? [];
  const lines: string[] = [];
  for (const c of report.cases) {
    if (c.verdict !== 'fail' && c.verdict !== 'unknown') continue;
    const bad = c.properties.filter((p) => p.verdict !== 'pass');
    const isKnown = (property?: string) => known.some((k) => k.scenario === c.id && k.property === property);
    // A failure the baseline lists is a warning: it does not fail the gate.
    const level = (property?: string) => (isKnown(property) ? 'warning' : 'error');
    if (bad.length === 0) lines.push(`::${level()} title=${escapeProperty(`agentcheck: ${c.id} not judged`)}::${escapeData(`${c.error ?? c.verdict}\nreplay: ${c.repro}`)}`);
    for (const p of bad) {
      const evidence = p.evidence.map((e) => e.message).slice(0, 4).join('\n');
      const title = `agentcheck: ${c.id} ${p.id} ${p.verdict === 'fail' ? 'failed' : 'undecided'}${isKnown(p.id) ? ' (known)' : ''}`;
      lines.push(`::${level(p.id)} title=${escapeProperty(title)}::${escapeData(`${evidence || p.verdict}\nreplay: ${c.repro}`)}`);
    }
  }
  return lines;
}

/** Append the Markdown summary to the job summary when GitHub Actions provides its file. */
export function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return undefined;
  appendFileSync(file, markdown + '\n');
  return file;
}
