import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../harness/postgres/embedded.js';
import type { Report } from '../harness/report/schema.js';
import { liveProcesses } from '../harness/process/supervisor.js';
import { agentcheckBin } from './cli.js';
import { caseOf, expectFailure, propertyOf, runBuiltIns } from './helpers.js';
// A worker is known by its command line or its working folder (a warm spare's command names no case).
import { processesUsing } from './hostile.js';
import { expectSecondChildFromStartOver, multiAgent } from './langgraph-subgraphs.js';

// LangGraph (Python) with the SQLite checkpointer, through the worker protocol
// (docs/adapters/langgraph-py.md). Lean on purpose: a selection of the suite whose
// verdicts follow from LangGraph's design, each with the reason; the full suite's
// results and the racy cases' frequencies are in the docs. A Python worker takes seconds
// to start (LangGraph's imports; up to 28 s seen on a loaded machine), so runs get 30 s
// after faults heal (--timeout) instead of 10: a run that never completes still fails.
const timeoutMs = 30_000;

describe('LangGraph (Python, graph API) on a selection of the built-in suite', () => {
  let report: Report;
  beforeAll(async () => {
    report = await runBuiltIns('langgraph-py', [
      'crash-recovery/crash-after-charge',
      'effect-safety/lost-response-on-write',
      'crash-recovery/crash-during-slow-llm',
      'timers/sleep-across-restart',
      'approvals/nobody-answers',
      'approvals/approval-before-wait',
      'approvals/two-runs-different-answers',
      'runtime-durability/restart-runtime-mid-run',
      'multi-agent/child-crashes-mid-refund',
      'multi-agent/parent-started-twice-while-child-runs',
    ], { timeoutMs });
  }, 600_000);

  it('repeats a charge cut off by a crash: a node\'s result is saved only after it returns, and no key is passed', () => {
    expectFailure(report, 'crash-recovery/crash-after-charge', 'effects-exactly-once', 'charge-card');
    expect(report.scorecard.level).toBe('L0');
  });

  it('repeats a refund whose answer was lost: the RetryPolicy retries the node without a key', () => {
    expectFailure(report, 'effect-safety/lost-response-on-write', 'effects-exactly-once', 'refund-payment');
  });

  it('resumes a thread killed mid-call at the node that was cut off, and completes it', () => {
    // The start-up scan finds the thread unfinished (next or tasks non-empty) and invokes it with None.
    for (const id of ['crash-recovery/crash-during-slow-llm', 'crash-recovery/crash-after-charge']) {
      expect(propertyOf(report, id, 'completes')?.verdict, id).toBe('pass');
      expect(propertyOf(report, id, 'correct-output')?.verdict, id).toBe('pass');
    }
  });

  it('sleeps only the rest after a crash: the wake-up time is saved by the node before the sleep', () => {
    expect(propertyOf(report, 'timers/sleep-across-restart', 'durable-timers')?.verdict).toBe('pass');
  });

  it('agent steps run as subgraphs: a refund cut off inside the child repeats, a duplicate start makes a second child', () => {
    // Decision 0091. The child's refund node never returned, so it runs again, unkeyed
    // (whether the child itself resumes is a race under "async": docs, and the long test).
    expectFailure(report, multiAgent('child-crashes-mid-refund'), 'effects-exactly-once', 'refund-payment');
    // invoke(input) on a running thread starts it over: the agent step is a new task, its subgraph a new namespace.
    expectSecondChildFromStartOver(report);
  });

  it('times out a wait nobody answers, takes an early answer once the interrupt exists, and routes each answer to its own thread', () => {
    for (const id of ['approvals/nobody-answers', 'approvals/approval-before-wait', 'approvals/two-runs-different-answers']) {
      expect(caseOf(report, id).verdict, id).toBe('pass');
    }
  });

  it('its checkpoint history agrees with the ledger wherever the run completed', () => {
    const audits = report.cases.flatMap((c) => c.properties.filter((p) => p.id === 'audit-trail').map((p) => [c.id, p.verdict] as const));
    expect(audits.length).toBeGreaterThanOrEqual(5);
    expect(audits.filter(([, v]) => v === 'fail')).toEqual([]);
  });

  it('skips the runtime restart with the reason: LangGraph has no server', () => {
    const c = caseOf(report, 'runtime-durability/restart-runtime-mid-run');
    expect(c.verdict).toBe('skipped');
    expect(c.skipReason).toContain('no server');
  });

  it('passed the worker protocol check and names the Python runtime it ran', () => {
    expect(report.adapter.runtimeVersion).toMatch(/^langgraph \d+\.\d+\.\d+ \(Python 3\.\d+\.\d+\) \+ checkpoint-sqlite \d/);
    const outDir = dirname(dirname(caseOf(report, 'approvals/nobody-answers').dir));
    expect(readFileSync(join(outDir, 'protocol-check', 'worker-1.log'), 'utf8')).toMatch(/^agentcheck:ready \{"url":"http:\/\/127\.0\.0\.1:\d+"\}$/m);
    expect(liveProcesses()).toEqual([]);
  });
});

describe('LangGraph (Python) on Postgres, durability "sync"', () => {
  // "sync" saves each checkpoint before the next node starts, so what a crash can undo
  // is the node it cut off, and nothing before it: not a race (docs/adapters/langgraph-py.md).
  let service: EmbeddedPostgres;
  let report: Report;
  beforeAll(async () => {
    service = await startEmbeddedPostgres();
    process.env.AGENTCHECK_POSTGRES_URL = service.url;
    process.env.AGENTCHECK_LANGGRAPH_DURABILITY = 'sync';
    report = await runBuiltIns('langgraph-py', ['crash-recovery/crash-after-charge', 'crash-recovery/crash-before-effect', 'multi-agent/nested-agents-crash'], { timeoutMs });
  }, 600_000);

  afterAll(async () => {
    delete process.env.AGENTCHECK_POSTGRES_URL;
    delete process.env.AGENTCHECK_LANGGRAPH_DURABILITY;
    await service?.stop();
  });

  it('says which checkpointer, server and durability it ran, without the password', () => {
    expect(report.adapter.runtimeVersion).toMatch(new RegExp(`checkpoint-postgres \\S+ \\(Postgres \\S+ at 127\\.0\\.0\\.1:${service.port}/postgres\\), durability "sync"$`));
    expect(JSON.stringify(report)).not.toContain(service.password);
  });

  it('repeats the charge cut off by the crash, and only that', () => {
    expectFailure(report, 'crash-recovery/crash-after-charge', 'effects-exactly-once', 'charge-card');
    expect(propertyOf(report, 'crash-recovery/crash-after-charge', 'step-isolation')?.verdict).toBe('pass');
  });

  it('does not re-run nodes that finished before the crash', () => {
    expect(caseOf(report, 'crash-recovery/crash-before-effect').verdict).toBe('pass');
  });

  it('a crashed parent resumes its subgraphs from their own checkpoints, two levels down, and its history links each child', () => {
    // The agent node re-runs under the same task id (its scheduling checkpoint was saved),
    // so each subgraph loads its checkpoints in that namespace: one child per level (decision 0091).
    expect(caseOf(report, multiAgent('nested-agents-crash')).verdict).toBe('pass');
    expect(propertyOf(report, multiAgent('nested-agents-crash'), 'audit-trail')?.verdict).toBe('pass');
  });

  it('leaves the database as it found it: every case\'s schema dropped', async () => {
    const admin = new pg.Client({ connectionString: service.url });
    await admin.connect();
    const schemas = await admin.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'agentcheck\\_%'`);
    await admin.end();
    expect(schemas.rows).toEqual([]);
  });
});

describe('the known-bad langgraph-py-unsafe fixture (work before interrupt() in the same node)', () => {
  it('re-runs the model call before interrupt() on resume', async () => {
    const report = await runBuiltIns('langgraph-py-unsafe', ['approvals/approval-after-timeout'], { timeoutMs });
    // LangGraph resumes an interrupted node from its top: the call before interrupt() is made again.
    expectFailure(report, 'approvals/approval-after-timeout', 'step-isolation', 'assess-refund');
  }, 300_000);
});

describe('langgraph-py interrupted', () => {
  it('Ctrl-C mid-case: exit 130, and no Python worker left running', async () => {
    const out = mkdtempSync(join(tmpdir(), 'agentcheck-lgpy-int-'));
    const run = execa(process.execPath, [agentcheckBin, 'run', 'approvals/nobody-answers', '--adapter', 'langgraph-py', '--out', out], { reject: false, env: { NO_COLOR: '1' } });
    const until = Date.now() + 120_000;
    // Wait for a case's worker (not the protocol check's): the interrupt lands mid-case.
    while (!(await processesUsing(join(out, 'cases'))).some((l) => l.includes('agentcheck_langgraph.worker')) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect((await processesUsing(out)).some((l) => l.includes('agentcheck_langgraph.worker'))).toBe(true);
    run.kill('SIGINT');
    const r = await run;
    expect(r.exitCode).toBe(130);
    expect(await processesUsing(out)).toEqual([]);
    expect(existsSync(join(out, 'report.json'))).toBe(true);
  }, 180_000);
});
