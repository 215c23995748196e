import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../reports/fixtures/load.test-helpers.js';
import { loadReporter } from './custom-reporter.js';

const dir = mkdtempSync(join(tmpdir(), 'agentcheck-reporter-'));
const write = (name: string, body: string) => {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
};

describe('a reporter module of your own', () => {
  it('renders from the report, by its default export or one named `reporter`', async () => {
    const a = await loadReporter(write('slack.mjs', 'export default { render: (r) => `${r.adapter.name} ${r.scorecard.level}` };'));
    expect(a.render!(loadFixture())).toBe('naive L0');
    expect(a.fileName).toBe('slack.txt');
    const b = await loadReporter(write('csv.mjs', 'export const reporter = { fileName: "cases.csv", render: (r) => r.cases.map((c) => c.id).join("\\n") };'));
    expect(b.fileName).toBe('cases.csv');
    expect(b.render!(loadFixture()).split('\n')).toHaveLength(loadFixture().cases.length);
  });

  it('may have live hooks only, like the built-in progress reporters', async () => {
    const live = await loadReporter(write('live.mjs', 'export default { onCaseEnd(c) { globalThis.__ends = (globalThis.__ends ?? 0) + 1; } };'));
    expect(live.render).toBeUndefined();
    live.onCaseEnd!({ result: loadFixture().cases[0]!, done: 1, total: 1 });
    expect((globalThis as { __ends?: number }).__ends).toBe(1);
  });

  it('a missing file, one that does not load, or one without render: a usage error naming it', async () => {
    await expect(loadReporter(join(dir, 'none.mjs'))).rejects.toThrow(`--reporter ${join(dir, 'none.mjs')}: no such file`);
    const broken = write('broken.mjs', 'export default {');
    await expect(loadReporter(broken)).rejects.toThrow(`--reporter ${broken}: could not be loaded`);
    const empty = write('empty.mjs', 'export const x = 1;');
    await expect(loadReporter(empty)).rejects.toThrow(`--reporter ${empty}: export a reporter (an object with render(report) returning text, or hooks such as onCaseEnd)`);
  });
});
