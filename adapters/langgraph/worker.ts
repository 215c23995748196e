// The LangGraph worker: one process holding the compiled agent, its checkpointer
// (SQLite or Postgres), and the small HTTP app a LangGraph user puts in front of a
// graph (LangGraph has no server of its own). On start it resumes unfinished threads.
// Arguments: <checkpoint db file, or postgres:<schema>> <plan.json> <interpreter>;
// with Postgres, the URL is in AGENTCHECK_POSTGRES_URL.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceReady, exitOnTerm, ledgerFromEnv } from '../../harness/kit.js';
import type { Plan } from '../../harness/plan/index.js';
import { AgentApp } from './app.js';
import { durabilityFromEnv } from './durability.js';
import { openCheckpointer, storeFromArg } from './checkpointer.js';
import { makeInterpreter, type InterpreterName } from './interpreters.js';

const [store = 'checkpoints.db', planFile = 'plan.json', interpreterName = 'graph'] = process.argv.slice(2);
const ledger = ledgerFromEnv();
const plan = JSON.parse(readFileSync(planFile, 'utf8')) as Plan;
const { saver } = await openCheckpointer(storeFromArg(store));
const interpreter = await makeInterpreter(interpreterName as InterpreterName, plan, saver, ledger);
const app = new AgentApp(interpreter, saver, (line) => console.log(`${new Date().toISOString()} ${line}`), durabilityFromEnv());

const body = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, string>;
};

const server = createServer((req, res) => {
  const parts = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean);
  const reply = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  void (async () => {
    if (req.method === 'POST' && parts.length === 1 && parts[0] === 'runs') {
      const { runId } = await body(req);
      app.start(runId!);
      return reply(202, { runId });
    }
    if (req.method === 'POST' && parts[0] === 'runs' && parts[2] === 'approvals' && parts[3]) {
      const { decision } = await body(req);
      const outcome = await app.answer(parts[1]!, parts[3], decision === 'approve' ? 'approve' : 'reject');
      // Not waiting yet: the person is told to try again, as a UI would.
      return reply(outcome === 'not-waiting' ? 409 : 202, { outcome });
    }
    reply(404, { error: 'no such route' });
  })().catch((err: Error) => reply(500, { error: err.message }));
});

exitOnTerm();
// Recover before taking requests: a thread started after the scan must not be resumed by it too.
await app.recover();
server.listen(0, '127.0.0.1', () => announceReady(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
