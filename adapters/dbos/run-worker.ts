// A DBOS application process, as a DBOS user runs one: it registers the workflow,
// launches DBOS on the system database (which recovers the pending workflows of its
// executor and application version), and serves the small HTTP endpoint that starts
// runs, the way DBOS's docs put an Express handler in front of DBOS.startWorkflow.
// The system database URL comes in DBOS_SYSTEM_DATABASE_URL, never in argv.
import { DBOS } from '@dbos-inc/dbos-sdk';
import { propagation } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceReady, exitOnTerm, ledgerFromEnv } from '../../harness/kit.js';
import { registerAgentWorkflow, type AgentInput, type WriteStyle } from './interpreter.js';
import { APP_NAME, APPLICATION_VERSION, SCHEMA_ENV, URL_ENV } from './settings.js';

function need(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (the dbos adapter sets it for every worker)`);
  return value;
}

const body = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString() || '{}') as AgentInput;
};

/**
 * DBOS Transact's own OpenTelemetry export, as its docs turn it on: `enableOTLP` and the
 * OTLP/HTTP traces endpoint the harness gave (OTEL_*); DBOS then makes a span per
 * workflow and per step and sends them every 100 ms. No SDK of our own beside it.
 */
function tracing(): { enableOTLP?: boolean; otlpTracesEndpoints?: string[] } {
  const base = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const endpoint = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : undefined);
  if (!endpoint) return {};
  // DBOS registers its tracer provider and context manager but no propagator: the W3C one,
  // as the OpenTelemetry Node SDK would register, lets a step's call carry its traceparent.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  return { enableOTLP: true, otlpTracesEndpoints: [endpoint] };
}

export async function runWorker(writes: WriteStyle): Promise<void> {
  const agentPlan = registerAgentWorkflow(ledgerFromEnv(), writes);
  DBOS.setConfig({
    ...tracing(),
    name: APP_NAME,
    systemDatabaseUrl: need(URL_ENV),
    systemDatabaseSchemaName: need(SCHEMA_ENV),
    applicationVersion: APPLICATION_VERSION,
    logLevel: 'warn',
  });
  exitOnTerm();
  await DBOS.launch();

  const server = createServer((req, res) => {
    const reply = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.method !== 'POST' || req.url !== '/runs') return reply(404, { error: 'no such route' });
    void (async () => {
      const input = await body(req);
      // The run id is the workflow id: DBOS's idempotency key for the whole run.
      const handle = await DBOS.startWorkflow(agentPlan, { workflowID: input.runId })(input);
      reply(202, { workflowID: handle.workflowID });
    })().catch((err: Error) => reply(500, { error: err.message }));
  });
  server.listen(0, '127.0.0.1', () => announceReady(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, executor: DBOS.executorID })));
}
