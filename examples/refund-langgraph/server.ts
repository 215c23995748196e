// The refund agent's HTTP app: starts a graph run (a thread) for the calling user,
// passes a person's decision on with Command({ resume }), and after a restart resumes
// every run that was cut off mid-way from its last checkpoint. Checkpoints live in
// SQLite (LangGraph's SqliteSaver); the app's own table remembers runs and callers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { Command } from '@langchain/langgraph';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { requestContext } from './request-context.ts';

// Which graph: graph.ts (approvers notified in a node of their own), graph-notify-then-interrupt.ts,
// or graph-caller-from-request.ts (the refund made as whoever's request is running).
const { buildGraph } = await import(process.env.REFUND_GRAPH ?? './graph.ts');
const db = new Database(process.env.CHECKPOINT_DB ?? 'checkpoints.sqlite');
db.exec("CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, user_token TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'running')");
const graph = buildGraph(new SqliteSaver(db));

const configOf = (id: string) => {
  const { user_token } = db.prepare('SELECT user_token FROM runs WHERE id = ?').get(id) as { user_token: string };
  return { configurable: { thread_id: id, user_token } };
};

/** Run the graph until it ends or stops at an interrupt. */
async function drive(id: string, input: unknown) {
  const config = configOf(id);
  try {
    await graph.invoke(input, config);
    const state = await graph.getState(config);
    if (state.next.length === 0) db.prepare("UPDATE runs SET status = 'done' WHERE id = ?").run(id);
  } catch (err) {
    console.error(`run ${id} failed:`, err);
  }
}

const waitsForDecision = (state: { tasks: { interrupts: unknown[] }[] }) => state.tasks.some((t) => t.interrupts.length > 0);

// After a restart, carry on with every run that was cut off between checkpoints.
for (const { id } of db.prepare("SELECT id FROM runs WHERE status = 'running'").all() as { id: string }[]) {
  const state = await graph.getState(configOf(id));
  if (state.next.length > 0 && !waitsForDecision(state)) void drive(id, null);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

// Middleware: each request's caller, readable anywhere below its handler.
const withCaller = (handler: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>) => (req: IncomingMessage, res: ServerResponse) =>
  requestContext.run({ userToken: req.headers.authorization?.replace(/^Bearer /, '') }, () => handler(req, res));

createServer(withCaller(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (req.method === 'GET' && url.pathname === '/health') return send(200, { ok: true });
  if (req.method === 'POST' && url.pathname === '/refunds') {
    const userToken = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const { orderId } = await readJson(req);
    const id = randomUUID();
    db.prepare('INSERT INTO runs (id, user_token) VALUES (?, ?)').run(id, userToken);
    void drive(id, { messages: [{ role: 'user', content: `Please refund order ${orderId}.` }] });
    return send(202, { id });
  }
  const decision = /^\/refunds\/([^/]+)\/decision$/.exec(url.pathname);
  if (req.method === 'POST' && decision) {
    const id = decision[1];
    if (!db.prepare('SELECT 1 FROM runs WHERE id = ?').get(id)) return send(404, { error: 'no such run' });
    if (!waitsForDecision(await graph.getState(configOf(id)))) return send(409, { error: 'this run is not waiting for a decision' });
    void drive(id, new Command({ resume: (await readJson(req)).approved === true }));
    return send(200, { ok: true });
  }
  send(404, { error: 'not found' });
})).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
