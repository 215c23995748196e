// Temporal as the runtime of your own agent (agentcheck.config.ts `runtime: 'temporal'`):
// a dev server of agentcheck's own per case, found as the adapter finds it, its address
// handed to the agent as TEMPORAL_ADDRESS; restart-runtime SIGKILLs it and starts it on
// the same database; after the case the workflow's history is the run's record (decisions 0104, 0105).
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { AgentRuntime, RuntimeForCase, RuntimeRecord } from '../../harness/index.js';
import { CouldNotRunError, sleep } from '../../harness/kit.js';
import { recordFromHistory } from './agent-record.js';
import { locateServer, sdkDownloadDir } from './locate.js';
import { DevServer } from './server.js';

export const agentRuntime: AgentRuntime = {
  async startForCase(dir) {
    // Always a server of agentcheck's own: an address the user set (TEMPORAL_ADDRESS) is not
    // one it may SIGKILL, and a fresh database holds only this case's runs.
    const source = await locateServer({ env: { ...process.env, TEMPORAL_ADDRESS: undefined }, downloadDir: sdkDownloadDir() });
    if (source.kind !== 'binary') throw new CouldNotRunError('runtime temporal: no Temporal dev server binary to start');
    const server = await DevServer.start(source.binary, join(dir, 'temporal-server'));
    return forCase(server);
  },
};

/** Whether something accepts TCP connections at host:port. */
const answers = (address: string) =>
  new Promise<boolean>((resolve) => {
    const [host, port] = address.split(':');
    const socket = connect({ host, port: Number(port), timeout: 1000 });
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });

function forCase(server: DevServer): RuntimeForCase {
  return {
    env: { TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: server.namespace },
    async crash() {
      await server.crash();
      // A restart-runtime that did not take down the server must not pass as one that did.
      if (await answers(server.address)) throw new Error(`the Temporal server at ${server.address} still accepts connections after SIGKILL`);
    },
    restart: () => server.restart(),
    async readRecord(runId, waitMs) {
      const connection = await Connection.connect({ address: server.address, connectTimeout: 5000 });
      try {
        const client = new Client({ connection, namespace: server.namespace });
        // The agent's last answer came before the workflow's last task: give it the time to close.
        if (waitMs > 0) await Promise.race([client.workflow.getHandle(runId).result().catch(() => undefined), sleep(waitMs)]);
        const status = (await client.workflow.getHandle(runId).describe()).status.name;
        const record: RuntimeRecord = { status, completed: status === 'COMPLETED', steps: [], untimedSteps: 0 };
        // The workflow and each child it started, as an auditor would follow them.
        const read = async (id: string): Promise<void> => {
          const history = await client.workflow.getHandle(id).fetchHistory();
          const r = recordFromHistory(id, history.events ?? []);
          record.steps.push(...r.steps);
          record.untimedSteps += r.untimedSteps;
          for (const child of r.children) await read(child);
        };
        await read(runId);
        return record;
      } finally {
        await connection.close().catch(() => undefined);
      }
    },
    stop: () => server.stop(),
  };
}
