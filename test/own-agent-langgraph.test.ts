import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Report } from '../harness/report/schema.js';
import { agentcheck } from './cli.js';

// examples/refund-langgraph, unmodified: ChatOpenAI, a ToolNode, interrupt() for the
// approval, SqliteSaver checkpoints. The correct graph notifies the approvers in a node
// of its own; the other notifies them in the node that calls interrupt(), which runs
// again from its start when the decision resumes it.
const root = join(import.meta.dirname, '..');
const config = join(root, 'examples/refund-langgraph/agentcheck.config.ts');

interface CaseResult { scenario: string; verdict: string; properties: { id: string; verdict: string; evidence: { message: string }[] }[] }

// Each case starts the worker (LangChain loads in seconds under load): only the cases that show something.
async function run(graph: string, scenarios: string[]) {
  const out = join(mkdtempSync(join(tmpdir(), 'own-agent-langgraph-')), 'run');
  const r = await agentcheck(['run', ...scenarios, '--config', config, '--seed', '1', '--out', out], { REFUND_GRAPH: graph });
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as CaseResult[];
  const by = Object.fromEntries(results.map((c) => [c.scenario, { verdict: c.verdict, ...Object.fromEntries(c.properties.map((p) => [p.id, p.verdict])) }]));
  const effects = (name: string) => readFileSync(join(out, name, 'effects.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { call?: { label: string }; outcome: string });
  const report = Report.parse(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')));
  return { r, by, results, effects, report };
}

describe('examples/refund-langgraph through agentcheck run', () => {
  it('approvers notified in a node of their own: every property holds, after a rejection and after a crash right after the refund', async () => {
    const { r, by, effects, report } = await run('./graph.ts', ['refund-rejected', 'crash-after-refund']);
    expect(by['refund-rejected'], r.stderr).toEqual({ verdict: 'pass', completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', 'approval-integrity': 'pass' });
    expect(by['crash-after-refund'], r.stderr).toEqual({ verdict: 'pass', completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'pass' });
    // The restarted worker resumed the thread from its checkpoint and ran the ToolNode
    // again: the refund reached the world twice, its key made the second a no-op.
    const refunds = effects('crash-after-refund').filter((e) => e.call?.label === 'POST payments.internal/v1/refunds').map((e) => e.outcome);
    expect(refunds).toEqual(['response-lost', 'deduplicated']);
    // In the report: the restarted worker called the world again, measured from its ready.
    const crash = report.cases.find((c) => c.id === 'crash-recovery/crash-after-refund')!;
    expect(crash.metrics).toMatchObject({ workerStarts: 2, retries: 1 });
    expect(crash.metrics!.recoveryMs).toHaveLength(1);
    expect(report.scorecard.categories.filter((c) => c.score !== null).map((c) => [c.id, c.score])).toEqual([['crash-recovery', 100], ['approvals', 100]]);
    expect(r.stdout).toMatch(/Crash recovery +100%/);
    expect(r.exitCode, r.stderr).toBe(0);
  }, 120_000);

  it('approvers notified just before interrupt(): notified again when the decision resumes the node, even after a rejection', async () => {
    const { r, by, results } = await run('./graph-notify-then-interrupt.ts', ['refund-rejected']);
    expect(by['refund-rejected'], r.stderr).toEqual({ verdict: 'fail', completes: 'pass', 'effects-exactly-once': 'fail', 'model-calls-once': 'pass', 'approval-integrity': 'fail' });
    const evidence = results[0].properties.find((p) => p.id === 'effects-exactly-once')!.evidence.map((e) => e.message).join('\n');
    expect(evidence).toMatch(/POST hooks\.slack\.com\/services\/\S+ took effect 2 times with the same body/);
    expect(r.exitCode, r.stderr).toBe(1);
  }, 60_000);

  it('the caller read from the request context: the approver\'s request resumes the run, and the refund goes out on the service\'s key', async () => {
    const { r, by, results } = await run('./graph-caller-from-request.ts', ['refund-approved']);
    expect(by['refund-approved'], r.stderr).toEqual({ verdict: 'fail', completes: 'pass', 'effects-exactly-once': 'pass', 'model-calls-once': 'pass', identity: 'fail' });
    const evidence = results[0].properties.find((p) => p.id === 'identity')!.evidence.map((e) => e.message).join('\n');
    expect(evidence).toMatch(/POST payments\.internal\/v1\/refunds/);
  }, 60_000);
});
