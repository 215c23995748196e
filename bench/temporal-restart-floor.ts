import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { scriptBeside } from '../harness/kit.js';
import { openSuite } from '../adapters/temporal/suite.js';
import type { AgentPlanInput } from '../adapters/temporal/contract.js';
import { restartFloor, timeRestart, type RestartFloor } from './floor-process.js';

/**
 * Temporal's own floor for a restart, without agentcheck: a run of the adapter's
 * workflow (two tool steps) on a bare worker (bench/temporal-restart-floor-worker.ts),
 * SIGKILLed while its first activity is in flight; a fresh worker is spawned at once,
 * and the floor is from that spawn to the retried attempt starting on it. It holds
 * what Temporal itself needs to notice the crash (the activity's heartbeat timeout) and
 * retry (the retry policy's first interval), with the adapter's own settings. The
 * medians of `times` restarts; the server is started and stopped here.
 */
export async function temporalRestartFloor(times: number): Promise<RestartFloor> {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-temporal-restart-floor-'));
  const suite = await openSuite(dir);
  const client = new Client({ connection: suite.connection, namespace: suite.namespace });
  try {
    return await restartFloor(scriptBeside(import.meta.url, 'temporal-restart-floor-worker.js'), times, async (spawn, i) => {
      const queue = `restart-floor-${suite.nonce}-${i}`;
      const worker = () => spawn([suite.address, suite.namespace, queue, suite.bundle!]);
      const first = worker();
      const inFlight = first.until(/^attempt first 1$/);
      const input: AgentPlanInput = { runId: `restart-floor-${i}`, plan: { name: 'restart-floor', steps: [{ kind: 'tool', id: 'first', tool: 'first', mode: 'write', latencyMs: 0 }, { kind: 'tool', id: 'second', tool: 'second', mode: 'write', latencyMs: 0 }] } };
      const run = await client.workflow.start('agentPlan', { taskQueue: queue, workflowId: `${queue}${suite.idSuffix}`, args: [input] });
      await inFlight;
      const timed = await timeRestart(first, worker, { ready: /^polling/, retried: /^attempt first 2$/ });
      await run.result();
      timed.replacement.process.kill('SIGKILL');
      return timed;
    });
  } finally {
    await suite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
