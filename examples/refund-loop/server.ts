// A refund agent as a plain in-memory loop: an HTTP app that starts a run, an agent
// loop on the `openai` client, a human approval before the refund, and the refund as
// a call to the payments service on behalf of the user. Written the way the OpenAI
// docs teach a tool-calling loop; it knows nothing of agentcheck.
import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? 'sk-example' });
const PAYMENTS = process.env.PAYMENTS_URL ?? 'https://payments.internal';

interface Run {
  id: string;
  status: 'running' | 'done' | 'failed';
  answer?: string;
  decision: Promise<boolean>;
  decide: (approved: boolean) => void;
}
const runs = new Map<string, Run>();

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'issue_refund',
      description: 'Refund a charge, after a person approves it',
      parameters: { type: 'object', properties: { charge: { type: 'string' }, amount: { type: 'number' } }, required: ['charge', 'amount'] },
    },
  },
];

async function issueRefund(userToken: string, args: { charge: string; amount: number }) {
  // A network blip should not fail the refund: try again a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${PAYMENTS}/v1/refunds`, {
        method: 'POST',
        headers: { authorization: `Bearer ${userToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      return await res.json();
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

async function agentLoop(run: Run, userToken: string, orderId: string) {
  const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You handle refund requests. Use issue_refund when a refund is due.' },
    { role: 'user', content: `Please refund order ${orderId}.` },
  ];
  for (;;) {
    const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools });
    const message = completion.choices[0].message;
    messages.push(message);
    if (!message.tool_calls?.length) {
      run.answer = message.content ?? '';
      run.status = 'done';
      return;
    }
    for (const call of message.tool_calls) {
      if (call.type !== 'function') continue;
      const args = JSON.parse(call.function.arguments);
      const approved = await run.decision;
      const result = approved ? await issueRefund(userToken, args) : { error: 'a person rejected this refund' };
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) });
    }
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (req.method === 'GET' && url.pathname === '/health') return send(200, { ok: true });
  if (req.method === 'POST' && url.pathname === '/refunds') {
    const userToken = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const { orderId } = await readJson(req);
    let decide: (approved: boolean) => void = () => undefined;
    const run: Run = { id: randomUUID(), status: 'running', decision: new Promise((r) => (decide = r)), decide: (a) => decide(a) };
    runs.set(run.id, run);
    agentLoop(run, userToken, String(orderId)).catch(() => (run.status = 'failed'));
    return send(202, { id: run.id });
  }
  const decision = /^\/refunds\/([^/]+)\/decision$/.exec(url.pathname);
  if (req.method === 'POST' && decision) {
    const run = runs.get(decision[1]);
    if (!run) return send(404, { error: 'no such run' });
    run.decide((await readJson(req)).approved === true);
    return send(200, { ok: true });
  }
  send(404, { error: 'not found' });
}).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
