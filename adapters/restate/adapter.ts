import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Adapter, CaseContext, CaseRuntime, ReadsHistory, RestartsRuntime } from '../../harness/index.js';
import { runtimePackageVersion } from '../../harness/kit.js';
import { allSteps, runWaitingAt } from '../../harness/plan/index.js';
import { registerDeployment, removeDeployment } from './admin.js';
import { checkReachable, externalServer } from './connection.js';
import { readHistory } from './history.js';
import { Balancer } from './balancer.js';
import { Ingress } from './ingress.js';
import { RestateServer } from './server.js';

// The pinned ones under AGENTCHECK_RUNTIME_MODULES (docs/museum.md).
const restateVersion = () => runtimePackageVersion('@restatedev/restate-server', import.meta.url);
const sdkVersion = () => runtimePackageVersion('@restatedev/restate-sdk', import.meta.url);

export interface RestateAdapterOptions {
  name: string;
  description: string;
  /** The compiled endpoint process, argv <service name> [<children's service name> [<port>]] (endpoint.ts). */
  workerScript: () => string;
}

/**
 * The Restate adapter around one interpreter. Each case gets its own restate-server
 * (docs/decisions/0010-restate-server-per-case.md), or, with RESTATE_INGRESS_URL and
 * RESTATE_ADMIN_URL set, a service of its own on the user's server.
 */
export function restateAdapter(opts: RestateAdapterOptions): Adapter {
  return {
    name: opts.name,
    description: opts.description,
    runtimeVersion: `restate-server ${restateVersion()}, @restatedev/restate-sdk ${sdkVersion()}`,
    // An endpoint is ready 0.1-0.3 s after spawn, and the server retries a pending call every 50-250 ms (docs/performance.md).
    restartAllowanceMs: 1000,
    async setup(suite) {
      opts.workerScript();
      const external = externalServer();
      if (external) return checkReachable(external);
      // Start and stop one server first: if it cannot run here, say so once, before any case.
      const probe = await RestateServer.start(join(suite.dir, 'restate-probe'), join(suite.dir, 'restate-probe.log'));
      await probe.stop();
    },
    async openCase(ctx: CaseContext): Promise<CaseRuntime & ReadsHistory & Partial<RestartsRuntime>> {
      const external = externalServer();
      const server = external ? undefined : await RestateServer.start(join(ctx.dir, 'restate-data'), join(ctx.dir, 'restate-server.log'), ctx.traceEndpoint);
      const address = external ?? server!;
      // A name of its own per case: on a shared server, cases must not route to each other's workers.
      const service = `agentcheck_${ctx.salt}_${randomBytes(3).toString('hex')}`;
      const ingress = new Ingress(address.ingressUrl, service);
      const balancer = await Balancer.listen();
      let deployment: string | undefined;
      const children = allSteps(ctx.plan).some((s) => s.kind === 'agent') ? await childDeployment(address.adminUrl, service) : undefined;
      const childIngress = children ? new Ingress(address.ingressUrl, children.service) : ingress;
      const runtime: CaseRuntime & ReadsHistory = {
        // Warm spares (decision 0126): an endpoint that loaded the SDK before its case is handed it.
        worker: { script: opts.workerScript(), args: children ? [service, children.service] : [service], waitsForCase: true },
        ...(children ? { childWorker: { script: opts.workerScript(), args: [children.service, children.service], waitsForCase: true } } : {}),
        async workerStarted(payload) {
          balancer.add((JSON.parse(payload) as { port: number }).port);
          // Registered once, like a deployment: restarted and second workers join behind the balancer's address.
          if (!deployment) deployment = await registerDeployment(address.adminUrl, balancer.url);
        },
        // The child runs' worker listens where it can; its restarts join behind the children's balancer.
        ...(children ? { childWorkerStarted: async (payload: string) => children.balancer.add((JSON.parse(payload) as { port: number }).port) } : {}),
        async startRun(runId) {
          // Both workers are up before the first run starts: the children's endpoint can be discovered now.
          await children?.register();
          return ingress.start(runId, ctx.plan);
        },
        // A child's approval is the child workflow's durable promise: decided through its own key (decision 0112), in the children's workflow (decision 0118).
        deliverApproval: (runId, step, decision) => {
          const waiting = runWaitingAt(ctx.plan, runId, step);
          return (waiting === runId ? ingress : childIngress).decide(waiting, { step, decision });
        },
        awaitResult: (runId, signal) => ingress.result(runId, signal),
        readHistory: (runId) => readHistory(address.adminUrl, service, runId, children?.service),
        async close() {
          if (server) await server.stop();
          else for (const id of [deployment, children?.id]) if (id) await removeDeployment(address.adminUrl, id).catch(() => undefined);
          await balancer.close();
          await children?.balancer.close();
        },
      };
      if (!server) return runtime;
      return {
        ...runtime,
        crashRuntime: () => server.crash(),
        restartRuntime: () => server.launch(),
      };
    },
  };
}

/**
 * The children's workflow of a case with agent steps (decision 0118): the same code
 * under a name of its own, served by the child worker behind a balancer of its own (the
 * deployment's fixed address, held by the harness from the start, so no other process
 * can take it; a restarted child joins behind it) and registered as a deployment of its
 * own, so restate-server sends every child run, and only those, to that process.
 * Registered once, before the first run starts.
 */
async function childDeployment(adminUrl: string, service: string) {
  const balancer = await Balancer.listen();
  let registered: Promise<string> | undefined;
  const children = {
    service: `${service}_children`,
    balancer,
    id: undefined as string | undefined,
    async register(): Promise<void> {
      registered ??= registerDeployment(adminUrl, balancer.url).catch((err: unknown) => {
        registered = undefined;
        throw err;
      });
      children.id = await registered;
    },
  };
  return children;
}
