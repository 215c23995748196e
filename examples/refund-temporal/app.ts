// The HTTP app: starts a refund workflow for the calling user and passes a person's
// decision on as a signal, through the Temporal client.
import { createServer, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';

const taskQueue = process.env.TASK_QUEUE ?? 'refunds';
const client = new Client({ connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' }) });

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  try {
    if (req.method === 'GET' && url.pathname === '/health') return send(200, { ok: true });
    if (req.method === 'POST' && url.pathname === '/refunds') {
      const userToken = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      const { orderId } = await readJson(req);
      const id = `refund-${randomUUID()}`;
      await client.workflow.start('refundAgent', { taskQueue, workflowId: id, args: [{ orderId: String(orderId), userToken }] });
      return send(202, { id });
    }
    const decision = /^\/refunds\/([^/]+)\/decision$/.exec(url.pathname);
    if (req.method === 'POST' && decision) {
      await client.workflow.getHandle(decision[1]).signal('decide', (await readJson(req)).approved === true);
      return send(200, { ok: true });
    }
    send(404, { error: 'not found' });
  } catch (err) {
    send(500, { error: (err as Error).message });
  }
}).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
