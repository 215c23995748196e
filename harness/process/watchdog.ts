// The watchdog outlives the harness by design: it reads process-group ids on stdin
// ("+123" spawned, "-123" reaped) and, when stdin closes because the harness died
// (even by SIGKILL), kills every group still registered. No orphans, whatever happens.
import { createInterface } from 'node:readline';

const groups = new Set<number>();

function killAll(): void {
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const pgid = Number(line.slice(1));
  if (!Number.isInteger(pgid) || pgid <= 0) return;
  if (line.startsWith('+')) groups.add(pgid);
  else if (line.startsWith('-')) groups.delete(pgid);
});
lines.on('close', () => {
  killAll();
  process.exit(0);
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => undefined);
