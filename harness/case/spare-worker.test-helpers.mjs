// A worker that can wait for its case (docs/protocol.md, "Warm spares"), speaking the
// protocol by hand as a worker in another language would: `agentcheck:loaded`, one
// JSON line on stdin, then `agentcheck:ready` with what it was given and what it had
// before, so a test can see that a spare knew nothing of its case until the hand-over.
import { createInterface } from 'node:readline';

process.on('SIGTERM', () => process.exit(0));
const before = { ledger: process.env.AGENTCHECK_LEDGER_URL ?? null, queue: process.env.MY_QUEUE ?? null, cwd: process.cwd(), traces: process.env.AGENTCHECK_SPARE_TRACES ?? null };
let handed = { env: {}, cwd: process.cwd(), args: process.argv.slice(2) };
if (process.env.AGENTCHECK_WAIT_FOR_CASE === '1') {
  process.stdout.write('agentcheck:loaded\n');
  const lines = createInterface({ input: process.stdin });
  const line = await new Promise((resolve) => {
    lines.once('line', resolve);
    lines.once('close', () => resolve(undefined));
  });
  if (line === undefined) process.exit(0);
  lines.close();
  handed = JSON.parse(line);
  Object.assign(process.env, handed.env);
  process.chdir(handed.cwd);
}
const payload = { pid: process.pid, before, ledger: process.env.AGENTCHECK_LEDGER_URL ?? null, queue: process.env.MY_QUEUE ?? null, cwd: process.cwd(), args: handed.args };
process.stdout.write(`agentcheck:ready ${JSON.stringify(payload)}\n`);
setInterval(() => undefined, 1000);
