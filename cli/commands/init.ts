import type { Command } from 'commander';
import { existsSync, writeFileSync } from 'node:fs';
import { EXIT, UsageError } from '../../harness/errors.js';
import { CONFIG_FILE } from '../../harness/agent/config-file.js';

const TEMPLATE = `import { defineConfig } from 'agentcheck';

// Your agent, unmodified, against a scripted model and a fake outside world
// (docs/your-agent.md). Edit the command, the URLs and the hosts, then run
// \`npx agentcheck agent\`.
export default defineConfig({
  worker: {
    // Started with agentcheck's interceptor preloaded; PORT is set to a free port.
    command: 'node src/server.js',
    readyUrl: 'http://127.0.0.1:{port}/health',
  },
  // Sent with Authorization: Bearer <the run's principal>.
  startRun: { url: 'http://127.0.0.1:{port}/refunds', body: { orderId: 'ord_42' }, runIdField: 'id' },
  decide: { url: 'http://127.0.0.1:{port}/refunds/{runId}/decision', body: { approved: '{approved}' } },
  // On Temporal? runtime: 'temporal' has agentcheck start the server per case (TEMPORAL_ADDRESS),
  // restart it with restart-runtime faults, and judge audit-trail on the workflow's history.
  hosts: {
    'api.openai.com': { model: 'openai' },
    'api.stripe.com': { writes: ['POST /v1/refunds'], idempotencyHeader: 'Idempotency-Key' },
  },
  scenarios: [
    {
      name: 'refund-survives-a-crash',
      model: [
        { tool: 'issue_refund', args: { charge: 'ch_123', amount: 500 } },
        { text: 'The refund is on its way.' },
      ],
      approval: { afterTurn: 1, decision: 'approve' },
      faults: ['crash-worker after-effect "POST api.stripe.com/v1/refunds" #1'],
    },
  ],
});
`;

/** `agentcheck init`: write a starting agentcheck.config.ts. */
export function registerInit(program: Command, exit: (code: number) => void): void {
  program
    .command('init')
    .description(`write a starting ${CONFIG_FILE} for your own agent`)
    .option('--force', 'overwrite an existing config')
    .action((o: { force?: boolean }) => {
      if (existsSync(CONFIG_FILE) && !o.force) throw new UsageError(`${CONFIG_FILE} already exists (add --force to overwrite it)`);
      writeFileSync(CONFIG_FILE, TEMPLATE);
      process.stdout.write(`wrote ${CONFIG_FILE}: edit the worker command, the URLs and the hosts, then run \`npx agentcheck run\`\n`);
      exit(EXIT.passed);
    });
}
