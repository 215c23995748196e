// What one `agentcheck run` shares across its cases: the server (found or started),
// a client connection to it, and the workflow bundle, built once and reused by every
// worker start.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { CouldNotRunError, pinnedPackageFolders, scriptBeside } from '../../harness/kit.js';
import { locateServer, sdkDownloadDir, type ServerChoice } from './locate.js';
import { DevServer, waitUntilServing } from './server.js';
import { tracingMismatch } from './tracing-fit.js';
import { missingTracingPackages } from './tracing-installed.js';

export interface Suite {
  address: string;
  namespace: string;
  apiKey?: string;
  connection: Connection;
  /** The TypeScript workflow bundle, when the run's workers need one. */
  bundle?: string;
  /** The binary, when agentcheck runs the server itself: cases that restart it get their own. */
  binary?: string;
  /** Unique to this run: task queues, and workflow ids on a server that outlives the run, must not meet an earlier run's. */
  nonce: string;
  /** Appended to run ids to make workflow ids: empty on a server agentcheck started (its database is new). */
  idSuffix: string;
  describe: string;
  close(): Promise<void>;
}

export async function connectClient(address: string, apiKey?: string): Promise<Connection> {
  return Connection.connect({ address, ...(apiKey ? { apiKey, tls: true } : {}) });
}

/** Bundle the interpreter once per run: a worker restart then skips webpack (about a second) entirely. */
async function writeBundle(file: string): Promise<void> {
  // webpack resolves on its own: a pinned SDK (docs/museum.md) must reach the bundle too.
  const pinned = pinnedPackageFolders();
  const { code } = await bundleWorkflowCode({
    workflowsPath: scriptBeside(import.meta.url, 'workflow.js'),
    // Temporal's OpenTelemetry workflow interceptors: they trace the workflow and pass its
    // context to each activity in its headers. Without the sink (an untraced worker) their spans go nowhere.
    // Left out where they are not installed, or do not fit a pinned SDK (they would break
    // its sandbox, tracing-fit.ts): the adapter then lacks traces.
    workflowInterceptorModules: missingTracingPackages().length > 0 || tracingMismatch() ? [] : [createRequire(import.meta.url).resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')],
    logger: new DefaultLogger('WARN'),
    webpackConfigHook: (config) => ({ ...config, resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string> | undefined), ...pinned } } }),
  });
  writeFileSync(file, code);
}

export async function openSuite(dir: string, choice: ServerChoice = {}, withBundle = true): Promise<Suite> {
  const root = join(dir, 'temporal');
  mkdirSync(root, { recursive: true });
  const bundle = withBundle ? join(root, 'workflow-bundle.js') : undefined;
  const nonce = randomBytes(4).toString('hex');
  const [source] = await Promise.all([locateServer({ choice, downloadDir: sdkDownloadDir() }), bundle ? writeBundle(bundle) : undefined]);
  if (source.kind === 'address') {
    try {
      await waitUntilServing(source.address, source.namespace, 10_000, undefined, `TEMPORAL_ADDRESS=${source.address}`, source.apiKey);
    } catch (err) {
      throw new CouldNotRunError(`${(err as Error).message}; check the address, the namespace (TEMPORAL_NAMESPACE) and, for Temporal Cloud, TEMPORAL_API_KEY`);
    }
    const connection = await connectClient(source.address, source.apiKey);
    return {
      ...source,
      connection,
      bundle,
      nonce,
      idSuffix: `-${nonce}`,
      describe: `existing server at ${source.address}, namespace ${source.namespace}`,
      close: () => connection.close(),
    };
  }
  const server = await DevServer.start(source.binary, join(root, 'server'));
  const connection = await connectClient(server.address);
  return {
    address: server.address,
    namespace: server.namespace,
    connection,
    bundle,
    binary: source.binary,
    nonce,
    idSuffix: '',
    describe: `dev server from ${source.how}`,
    async close() {
      await connection.close().catch(() => undefined);
      await server.stop();
    },
  };
}
