import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensurePythonVenv, VENV_PYTHON } from '../adapters/python/venv.js';
import type { Report } from '../harness/report/schema.js';
import { agentcheck } from './cli.js';

// `--pin name==version` runs a Python adapter against an old PyPI release in a venv of its
// own (decision 0055): the report names the pinned release, the replay line pins it, and
// the default venv keeps its own. The pinned venv is made once per machine (1-3 min from
// PyPI, cached in ~/.cache/agentcheck/python/pinned), then this test takes ~15 s.
const out = mkdtempSync(join(tmpdir(), 'agentcheck-python-pin-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const installed = async (python: string) =>
  (await execa(python, ['-c', 'import importlib.metadata as m; print(m.version("langgraph"))'])).stdout.trim();

describe('a pinned PyPI release', () => {
  it('runs the langgraph-py workers on langgraph 0.6.4 and leaves the default venv alone', { timeout: 600_000 }, async () => {
    const dir = join(out, 'run');
    const run = await agentcheck(['run', 'approvals/approval-before-wait', '--adapter', 'langgraph-py', '--pin', 'langgraph==0.6.4', '--seed', '1', '--timeout', '30000', '--reporter', 'json', '--out', dir]);
    expect(run.stderr).toContain('runtime pinned to langgraph==0.6.4');
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    // Read by the interpreter the workers ran in.
    expect(report.adapter.runtimeVersion).toMatch(/^langgraph 0\.6\.4 \(Python [\d.]+\) \+ checkpoint-sqlite 2\./);
    const c = report.cases[0]!;
    expect(c.error, run.stderr).toBeUndefined();
    expect(c.repro).toContain('--pin langgraph==0.6.4');
    // The default venv still has requirements.txt's release.
    await ensurePythonVenv();
    expect(await installed(VENV_PYTHON)).toBe(readFileSync(join(import.meta.dirname, '..', 'python', 'requirements.txt'), 'utf8').match(/^langgraph==(.+)$/m)![1]);
  });
});
