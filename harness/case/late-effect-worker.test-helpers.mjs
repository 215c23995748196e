// A worker with a duplicate run still going: once the harness puts a `start` file in
// its folder (the harness's action), it says it is busy and makes its effect only
// 400 ms later, far past any fixed quiet period the harness could guess. It speaks the
// announceIdle protocol by hand, as a worker in another language would.
import { existsSync } from 'node:fs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const url = process.env.AGENTCHECK_LEDGER_URL;
const token = process.env.AGENTCHECK_LEDGER_TOKEN;
process.on('SIGTERM', () => process.exit(0));
process.stdout.write('agentcheck:ready\n');
let done = false;
for (;;) {
  const lookedAt = Date.now();
  if (!done && existsSync('start')) {
    process.stdout.write(`agentcheck:busy ${lookedAt}\n`);
    await sleep(400);
    await fetch(`${url}/effects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ runId: 'run-1', stepId: 'late-charge', kind: 'tool', tool: 'charge', mode: 'write' }),
    });
    done = true;
    continue;
  }
  process.stdout.write(`agentcheck:idle ${lookedAt}\n`);
  await sleep(10);
}
