import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeFromArg } from '../adapters/langgraph/checkpointer.js';
import type { Adapter, CaseContext } from '../harness/adapter.js';
import { loadAdapter } from '../harness/load-adapter.js';
import { freePort } from '../harness/process/ports.js';
import type { Report } from '../harness/report/schema.js';
import { caseOf, expectPassedUnlessRaced, expectFailure, expectStopsBeforeAnyCase, propertyOf, runBuiltIns } from './helpers.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../harness/postgres/embedded.js';

// LangGraph on the Postgres checkpointer (AGENTCHECK_POSTGRES_URL), against a real
// Postgres these tests start and stop themselves. Only verdicts that follow from
// LangGraph's design are asserted. Unlike SQLite's, Postgres's checkpoint writes
// trail the nodes by up to a few hundred ms (durability "async", a fresh pool), so a
// crash soon after a node ran may lose its checkpoint: those verdicts are racy here
// and left to docs/adapters/langgraph.md, with their frequencies. The rest checks
// where the checkpoints went and that the user's database and password are treated
// as promised.

const scenarios = [
  'crash-recovery/crash-after-charge',
  'approvals/approval-survives-crash',
  'approvals/nobody-answers',
  'timers/sleep-across-restart',
  'crash-recovery/second-worker-mid-run',
];

interface SchemaSeen {
  caseId: string;
  schema: string;
  argv: string[];
  workerEnv: Record<string, string>;
  /** Checkpoints per thread in the case's schema, counted just before the case closed. */
  threads: Record<string, number>;
}

/** The langgraph adapter, with a look into each case's schema just before the case drops it. */
function inspecting(adapter: Adapter, query: (sql: string) => Promise<pg.QueryResult>, seen: SchemaSeen[]): Adapter {
  return {
    ...adapter,
    // Read through: setup() names the Postgres server in the version.
    get runtimeVersion() {
      return adapter.runtimeVersion;
    },
    async openCase(ctx: CaseContext) {
      const rt = await adapter.openCase(ctx);
      const argv = ('args' in rt.worker ? rt.worker.args : undefined) ?? [];
      const store = storeFromArg(argv[0] ?? '', rt.worker.env ?? {});
      const schema = store.kind === 'postgres' ? store.schema : '(sqlite)';
      return {
        ...rt,
        async close() {
          const threads: Record<string, number> = {};
          const counted = await query(`SELECT thread_id, count(*)::int AS n FROM ${pg.escapeIdentifier(schema)}.checkpoints GROUP BY thread_id`).catch(() => undefined);
          for (const row of counted?.rows ?? []) threads[row.thread_id as string] = row.n as number;
          seen.push({ caseId: ctx.caseId, schema, argv, workerEnv: rt.worker.env ?? {}, threads });
          await rt.close();
        },
      };
    },
  };
}

/** Every file under a folder, as text. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));

describe('the built-in suite against LangGraph (graph API) on the Postgres checkpointer', () => {
  let service: EmbeddedPostgres;
  let admin: pg.Client;
  let report: Report;
  const seen: SchemaSeen[] = [];
  const query = (sql: string) => admin.query(sql);

  beforeAll(async () => {
    service = await startEmbeddedPostgres();
    console.log(`test postgres: initdb ${service.initMs} ms, start ${service.startMs} ms`);
    admin = new pg.Client({ connectionString: service.url });
    await admin.connect();
    process.env.AGENTCHECK_POSTGRES_URL = service.url;
    const started = Date.now();
    report = await runBuiltIns(inspecting(await loadAdapter('langgraph'), query, seen), scenarios);
    console.log(`langgraph on Postgres, ${report.cases.length} cases: ${Date.now() - started} ms`);
  });

  afterAll(async () => {
    delete process.env.AGENTCHECK_POSTGRES_URL;
    await admin?.end();
    await service?.stop();
  });

  it('says in the report which checkpointer and server it ran on, without the password', () => {
    expect(report.adapter.runtimeVersion).toMatch(new RegExp(`checkpoint-postgres \\S+ \\(Postgres 18\\.\\S+ at 127\\.0\\.0\\.1:${service.port}/postgres\\)`));
    expect(JSON.stringify(report)).not.toContain(service.password);
  });

  it('keeps each case in a schema of its own, holding the run\'s checkpoints, and no SQLite file', () => {
    expect(seen.map((s) => s.caseId).sort()).toEqual([...scenarios].sort());
    expect(new Set(seen.map((s) => s.schema)).size).toBe(seen.length);
    for (const s of seen) {
      expect(s.schema, s.caseId).toMatch(/^agentcheck_[0-9a-f]{8}_[0-9a-f]{8}$/);
      expect(existsSync(join(caseOf(report, s.caseId).dir, 'checkpoints.db')), s.caseId).toBe(false);
    }
    // A completed run was read back from its schema: one thread, the case's run (its id
    // ends with the case's salt, which the schema's name carries), several checkpoints.
    const completed = seen.filter((s) => propertyOf(report, s.caseId, 'completes')?.verdict === 'pass');
    expect(completed.length).toBeGreaterThanOrEqual(scenarios.length - 1);
    for (const s of completed) {
      const [thread, ...others] = Object.keys(s.threads);
      expect(others, s.caseId).toEqual([]);
      expect(thread?.endsWith(s.schema.split('_')[1]!), `${s.caseId}: ${thread}`).toBe(true);
      expect(s.threads[thread!], s.caseId).toBeGreaterThan(1);
    }
  });

  it('gives the workers the URL in their environment, never in argv (where ps shows it)', () => {
    for (const s of seen) {
      expect(s.argv.join(' '), s.caseId).not.toContain(service.password);
      expect(s.argv[0], s.caseId).toBe(`postgres:${s.schema}`);
      expect(s.workerEnv.AGENTCHECK_POSTGRES_URL, s.caseId).toBe(service.url);
    }
  });

  it('leaves the database as it found it: schemas dropped, connections closed', async () => {
    const schemas = await query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'agentcheck\\_%'`);
    expect(schemas.rows).toEqual([]);
    // A killed worker's backend ends once it sees its socket closed: give it a moment.
    let open = -1;
    for (let i = 0; i < 50 && open !== 0; i++, await new Promise((r) => setTimeout(r, 100))) {
      open = (await query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'agentcheck'`)).rows[0].n as number;
    }
    expect(open).toBe(0);
  });

  it('never writes the password into the run\'s records (logs, history, report)', () => {
    const texts = filesUnder(dirname(report.cases[0]!.dir));
    expect(texts.length).toBeGreaterThan(scenarios.length);
    expect(texts.filter((t) => t.includes(service.password))).toEqual([]);
  });

  it('fails a charge cut off by a crash: made again, or the whole run lost', () => {
    // The charge's node never returned, so no checkpoint holds its result: a resumed run
    // charges again. The run can instead be lost, for more than one reason (docs: no
    // checkpoint saved yet when the new worker looked; a step's writes saved without the
    // next checkpoint, so getState() says next: []; a resumed run that charged again and
    // then missed the deadline on a loaded machine): what always holds is that the case
    // fails, for a second charge or for a run that never finished.
    const id = 'crash-recovery/crash-after-charge';
    expect(caseOf(report, id).verdict).toBe('fail');
    const chargedTwice = propertyOf(report, id, 'effects-exactly-once')?.verdict === 'fail';
    if (chargedTwice) expectFailure(report, id, 'effects-exactly-once', 'charge-card');
    if (propertyOf(report, id, 'completes')?.verdict === 'pass') expect(chargedTwice).toBe(true);
    else expect(propertyOf(report, id, 'completes')!.evidence[0]!.message).toContain('no result before the deadline');
  });

  it('keeps an interrupted thread and a sleep\'s wake-up time across a crash, without re-running earlier nodes', () => {
    // These crashes land 400-600 ms into a wait, or in a 3 s sleep: the interrupt, the deadlines
    // the app keeps in state and the nodes before them are checkpointed by then.
    for (const id of ['approvals/approval-survives-crash', 'approvals/nobody-answers', 'timers/sleep-across-restart']) {
      expectPassedUnlessRaced(report, id);
      expect(propertyOf(report, id, 'step-isolation')?.verdict, id).toBe('pass');
    }
    expect(propertyOf(report, 'timers/sleep-across-restart', 'durable-timers')?.verdict).toBe('pass');
  });

  it('a second replica resumes a thread still running in the first: Postgres serialises nothing per thread either', () => {
    expectFailure(report, 'crash-recovery/second-worker-mid-run', 'effects-exactly-once', 'charge-cart');
  });

  it('with durability "sync" (the fix the docs give), a crash no longer re-runs checkpointed nodes', async () => {
    // "sync" saves each superstep's checkpoint before the next one starts, so a crash in a
    // later node finds every earlier node saved; "async" loses them here (measured in the docs).
    process.env.AGENTCHECK_LANGGRAPH_DURABILITY = 'sync';
    try {
      const synced = await runBuiltIns('langgraph', ['crash-recovery/crash-before-effect', 'step-replay/crash-midway-chain'], { repeat: 2 });
      expect(synced.adapter.runtimeVersion).toContain('durability "sync"');
      expect(synced.cases.map((c) => `${c.id}: ${c.verdict} ${JSON.stringify(c.repeats?.verdicts)}`)).toEqual([
        'crash-recovery/crash-before-effect: pass {"pass":2,"fail":0,"unknown":0}',
        'step-replay/crash-midway-chain: pass {"pass":2,"fail":0,"unknown":0}',
      ]);
    } finally {
      delete process.env.AGENTCHECK_LANGGRAPH_DURABILITY;
    }
  }, 120_000);

  it('its checkpoint history agrees with the ledger wherever the run completed', () => {
    const audits = report.cases.flatMap((c) => c.properties.filter((p) => p.id === 'audit-trail').map((p) => [c.id, p.verdict] as const));
    expect(audits.length).toBe(scenarios.length);
    expect(audits.filter(([, v]) => v === 'fail')).toEqual([]);
    expect(audits.filter(([, v]) => v === 'pass').length).toBeGreaterThanOrEqual(scenarios.length - 1);
  });

  it.each([
    ['a URL that is not one', () => 'localhost:5432', /AGENTCHECK_POSTGRES_URL is not a Postgres URL: expected postgres:\/\/user:password@host:port\/database$/],
    ['a server that does not answer', async () => `postgres://agentcheck:pw-${service.password}@127.0.0.1:${await freePort()}/agentcheck`, /AGENTCHECK_POSTGRES_URL: could not connect to Postgres at 127\.0\.0\.1:\d+\/agentcheck \(.*ECONNREFUSED.*\): expected postgres:\/\/user:password@host:port\/database of a running server$/],
    ['a wrong password', () => `postgres://postgres:wrong-${service.password}@127.0.0.1:${service.port}/postgres`, /could not connect to Postgres at 127\.0\.0\.1:\d+\/postgres \(password authentication failed for user "postgres"\)/],
  ])('%s: exit 2 before any case, one line naming AGENTCHECK_POSTGRES_URL, no password', async (_, url, message) => {
    await expectStopsBeforeAnyCase('langgraph', { AGENTCHECK_POSTGRES_URL: await url() }, message, service.password);
    expect((await query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'agentcheck\\_%'`)).rows).toEqual([]);
  });
});
