import { createServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import * as restate from '@restatedev/restate-sdk';
import { announceReady, exitOnTerm, ledgerFromEnv, spareHints, waitForCase } from '../../harness/kit.js';
import type * as Tracing from './tracing.js';
import { agentWorkflow, type PrimitivesFor } from './workflow.js';

/** Where the traced worker loads its tracing from, beside this module in dist/. */
export const TRACING_BUNDLE = './tracing.bundle.js';

// The body of a worker process: a Restate SDK endpoint serving one agent workflow.
// The case's worker listens on a loopback port of its own; the adapter's balancer, at
// the deployment's fixed address, forwards restate-server's connections to it. The
// child runs' worker (decision 0118) does the same behind the children's balancer.

/** argv (or, started as a warm spare, the case's args): <service name> [<children's service name>]. */
export async function serveAgentWorkflow(primitivesFor: PrimitivesFor): Promise<void> {
  // From the one file `npm run build` bundles tracing.ts into (scripts/bundle-tracing.mjs): the
  // SDK's ~200 files cost a traced worker ~220 ms of CPU to import one by one (decision 0115).
  const loadTracing = () => import(new URL(TRACING_BUNDLE, import.meta.url).href) as Promise<typeof Tracing>;
  // A warm spare (docs/protocol.md): the SDK is loaded by now, and the tracing when its case
  // will likely judge traces; the case's variables and args come with the hand-over.
  const { spare, traces } = spareHints();
  if (spare && traces) await loadTracing();
  const [service, childService] = await waitForCase();
  if (!service) throw new Error('usage: worker.js <service name> [<children\'s service name>]');
  // Traced only when the harness gave a collector's address (OTEL_*), as an SDK configured from the environment would.
  const traced = process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const hooks = traced ? [(await loadTracing()).tracingHook()] : [];
  const workflow = agentWorkflow(service, ledgerFromEnv(), primitivesFor, hooks, childService);
  // HTTP/2 so Restate streams each invocation both ways; restate.serve() would listen on every interface.
  const server = createServer(restate.createEndpointHandler({ services: [workflow] }));
  exitOnTerm();
  server.listen(0, '127.0.0.1', () => {
    const { port: bound } = server.address() as AddressInfo;
    announceReady(JSON.stringify({ url: `http://127.0.0.1:${bound}`, port: bound }));
  });
}
