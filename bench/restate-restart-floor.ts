import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, scriptBeside } from '../harness/kit.js';
import { registerDeployment } from '../adapters/restate/admin.js';
import { RestateServer } from '../adapters/restate/server.js';
import { restartFloor, timeRestart, type RestartFloor } from './floor-process.js';

/**
 * Restate's own floor for a restart, without agentcheck (issue 20: "endpoint ready and a
 * resumed invocation's next step"): a workflow of two ctx.run steps on a bare endpoint
 * (bench/restate-restart-floor-worker.ts), SIGKILLed while the first is in flight; a
 * fresh endpoint is spawned at once on the same port, and the floor is from that spawn
 * to the first step's retried attempt on it. restate-server is started as the adapter
 * starts it (its test retry policy, adapters/restate/retry-policy.ts). The medians of
 * `times` restarts; the server is stopped here.
 */
export async function restateRestartFloor(times: number): Promise<RestartFloor> {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-restate-restart-floor-'));
  const server = await RestateServer.start(join(dir, 'data'), join(dir, 'restate-server.log'));
  try {
    return await restartFloor(scriptBeside(import.meta.url, 'restate-restart-floor-worker.js'), times, async (spawn, i) => {
      const port = await freePort();
      const first = spawn([String(port), 'block']);
      await first.until(/^listening$/);
      await registerDeployment(server.adminUrl, `http://127.0.0.1:${port}`);
      const inFlight = first.until(/^attempt first$/);
      const sent = await fetch(`${server.ingressUrl}/restartFloor/floor-${i}/run/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null', signal: AbortSignal.timeout(10_000) });
      if (!sent.ok) throw new Error(`starting the floor's workflow: HTTP ${sent.status} ${await sent.text()}`);
      await inFlight;
      const timed = await timeRestart(first, () => spawn([String(port), 'go']), { ready: /^listening$/, retried: /^attempt first$/ });
      const done = await fetch(`${server.ingressUrl}/restate/workflow/restartFloor/floor-${i}/attach`, { signal: AbortSignal.timeout(30_000) });
      if (!done.ok) throw new Error(`the floor's workflow: HTTP ${done.status} ${await done.text()}`);
      timed.replacement.process.kill('SIGKILL');
      return timed;
    });
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
