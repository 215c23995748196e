import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL_ENV } from '../adapters/temporal/delivery.js';
import { cachedBinaryPath } from '../adapters/temporal/locate.js';
import { DevServer } from '../adapters/temporal/server.js';
import type { Report } from '../harness/report/schema.js';
import { agentcheck } from './cli.js';

// Approvals delivered as Temporal updates (decision 0087), on the real server and the
// TypeScript worker. The run uses a dev server of this test's own (TEMPORAL_ADDRESS), so
// the histories can be read after it: they must hold the updates, and no signal. A bad
// value of the variable is refused with one line (adapters/temporal/delivery.test.ts;
// CouldNotRunError is exit 2 as for AGENTCHECK_LANGGRAPH_DURABILITY).

// One case, to stay lean: the approvals suite with updates, crash cases included, is in docs/adapters/temporal.md.
const CASES = ['approvals/duplicate-approval'];

describe(`${APPROVAL_ENV}=update on temporal`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-temporal-update-'));
  let server: DevServer;
  let report: Report;
  let histories: { id: string; events: NonNullable<History['events']> }[];
  beforeAll(async () => {
    server = await DevServer.start(cachedBinaryPath(), join(dir, 'server'));
    const out = join(dir, 'run');
    const r = await agentcheck(['run', ...CASES, '--adapter', 'temporal', '--seed', '1', '--reporter', 'json', '--out', out], { TEMPORAL_ADDRESS: server.address, [APPROVAL_ENV]: 'update' });
    expect(r.exitCode, r.stderr).toBe(0);
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    const connection = await Connection.connect({ address: server.address });
    try {
      const client = new Client({ connection, namespace: server.namespace });
      histories = [];
      for await (const wf of client.workflow.list({ query: `WorkflowType = 'agentPlan'` })) {
        if (wf.workflowId.startsWith('protocol-check')) continue; // the adapter's own check, which asks no human
        histories.push({ id: wf.workflowId, events: (await client.workflow.getHandle(wf.workflowId).fetchHistory()).events ?? [] });
      }
    } finally {
      await connection.close();
    }
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes, and says so in the runtime version', () => {
    expect(report.cases.map((c) => [c.id, c.verdict])).toEqual(CASES.map((id) => [id, 'pass']));
    expect(report.adapter.runtimeVersion).toContain('approvals as updates');
  });

  it('the decision reached the workflow as an accepted update, not a signal; the validator kept the duplicate out of the history', () => {
    expect(histories).toHaveLength(CASES.length);
    for (const { id, events } of histories) {
      const accepted = events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'decide');
      expect(events.some((e) => e.workflowExecutionSignaledEventAttributes), id).toBe(false);
      // The human answers twice: the first is accepted, the second refused by the validator before the history.
      expect(accepted, id).toHaveLength(1);
    }
  });
});
