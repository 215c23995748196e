// The typical demo agent loop, kept deliberately naive: state in memory, a job list
// on disk so a restarted process starts unfinished runs again from the top, plain
// retries without idempotency keys, timers in setTimeout. agentcheck must catch it.
import { createServer } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { agentResult, type Decision, executePlan, type Plan, type Primitives, type RunOutput } from '../../harness/plan/index.js';
import { announceReady, callWithRetry, exitOnTerm, ledgerFromEnv, sleep } from '../../harness/kit.js';

interface Job {
  runId: string;
  plan: Plan;
  status: 'running' | 'completed' | 'failed';
  output?: RunOutput;
  error?: string;
}

const ledger = ledgerFromEnv();
const jobsFile = process.argv[2] ?? 'jobs.json';
const jobs: Job[] = existsSync(jobsFile) ? (JSON.parse(readFileSync(jobsFile, 'utf8')) as Job[]) : [];
const waiting = new Map<string, (d: Decision) => void>();
const save = () => writeFileSync(jobsFile, JSON.stringify(jobs));

/** `childRun`: set for a sub-agent, which files its calls under the run the user started. */
function primitivesFor(job: Job, childRun?: string): Primitives {
  const onLedger = { runId: job.runId, ...(childRun ? { childRun } : {}) };
  return {
    effect: (step) =>
      callWithRetry(
        ledger,
        { ...onLedger, stepId: step.id, kind: step.kind, ...(step.kind === 'tool' ? { tool: step.tool, mode: step.mode } : { tokens: step.tokens }) },
        { maxAttempts: 3 },
      ),
    approval: async (step) => {
      await callWithRetry(ledger, { runId: job.runId, stepId: step.id, kind: 'approval-request' }, { maxAttempts: 3 });
      return new Promise<Decision>((resolve) => {
        const key = `${job.runId}/${step.id}`;
        const timer = setTimeout(() => resolve('timed-out'), step.timeoutMs);
        waiting.set(key, (d) => {
          clearTimeout(timer);
          waiting.delete(key);
          resolve(d);
        });
      });
    },
    sleep: (step) => sleep(step.ms),
    // The demo's sub-agent: a function call under a fresh id, so a restart calls a second one.
    agent: async (step) => {
      const child = `${job.runId}/${step.id}/${randomUUID().slice(0, 8)}`;
      await callWithRetry(ledger, { ...onLedger, childRun: child, stepId: step.id, kind: 'agent-start' }, { maxAttempts: 3 });
      return agentResult(await executePlan(step.plan, primitivesFor(job, child)));
    },
  };
}

async function runAgent(job: Job): Promise<void> {
  try {
    job.output = await executePlan(job.plan, primitivesFor(job));
    job.status = 'completed';
  } catch (err) {
    job.status = 'failed';
    job.error = (err as Error).message;
  }
  save();
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'POST' && parts.length === 1 && parts[0] === 'runs') {
      const { runId, plan } = JSON.parse(Buffer.concat(chunks).toString()) as { runId: string; plan: Plan };
      const job: Job = { runId, plan, status: 'running' };
      jobs.push(job);
      save();
      void runAgent(job);
      res.writeHead(202).end();
    } else if (req.method === 'POST' && parts[0] === 'runs' && parts[2] === 'approvals' && parts[3]) {
      const { decision } = JSON.parse(Buffer.concat(chunks).toString()) as { decision: 'approve' | 'reject' };
      // Whoever waits gets it; if nobody waits right now, it is simply dropped.
      waiting.get(`${parts[1]}/${parts[3]}`)?.(decision === 'approve' ? 'approved' : 'rejected');
      res.writeHead(202).end();
    } else if (req.method === 'GET' && parts[0] === 'runs' && parts[1]) {
      const job = jobs.findLast((j) => j.runId === parts[1] && j.status !== 'running') ?? jobs.find((j) => j.runId === parts[1]);
      res.writeHead(job ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(job ?? {}));
    } else res.writeHead(404).end();
  });
});

exitOnTerm();
server.listen(0, '127.0.0.1', () => {
  announceReady(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  // Restart from scratch: every unfinished job begins again at its first step.
  for (const job of jobs) if (job.status === 'running') void runAgent(job);
});
