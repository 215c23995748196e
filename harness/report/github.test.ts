import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../reports/fixtures/load.test-helpers.js';
import { judgeGate } from './gate.js';
import { appendStepSummary, githubAnnotations } from './github.js';

const report = loadFixture();

describe('GitHub Actions', () => {
  it('an ::error annotation per failing property, naming scenario and property, escaped', () => {
    const lines = githubAnnotations(report);
    const failing = report.cases.flatMap((c) => c.properties.filter((p) => p.verdict !== 'pass'));
    expect(lines).toHaveLength(failing.length);
    expect(lines[0]).toMatch(/^::error title=agentcheck%3A crash-recovery\/crash-after-charge effects-exactly-once failed::charge-card took effect 2 times.*%0Areplay%3A|^::error title=agentcheck%3A crash-recovery\/crash-after-charge effects-exactly-once failed::charge-card took effect 2 times.*%0Areplay: npx agentcheck run/);
    expect(lines.every((l) => !l.slice(2).includes('\n'))).toBe(true);
  });

  it('a shard annotates nothing: the merge of the shards does', () => {
    expect(githubAnnotations({ ...report, shard: { index: 1, total: 2 } })).toEqual([]);
  });

  it('a failure the baseline lists is a warning, not an error', () => {
    const first = report.cases[0]!;
    const gate = judgeGate(report.cases, report.scorecard, { baseline: { file: 'k.json', failures: [{ scenario: first.id, property: 'effects-exactly-once' }] } });
    const lines = githubAnnotations({ ...report, gate });
    expect(lines[0]).toMatch(/^::warning title=.*effects-exactly-once failed \(known\)::/);
    expect(lines[1]).toMatch(/^::error /);
  });

  it('appends the summary to $GITHUB_STEP_SUMMARY when set, and nothing otherwise', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'agentcheck-gh-')), 'summary.md');
    writeFileSync(file, '# before\n');
    expect(appendStepSummary('## agentcheck', { GITHUB_STEP_SUMMARY: file })).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe('# before\n## agentcheck\n');
    expect(appendStepSummary('## agentcheck', {})).toBeUndefined();
  });
});
