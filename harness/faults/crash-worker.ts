import { armCrash, crashExplore, crashParts, describeCrash } from './crash.js';
import type { FaultPackage } from './package.js';
import { sleep } from './common.js';
import type { z } from 'zod';
import { findStep, inChildPlan } from '../plan/walk.js';

const parts = crashParts('crash-worker');
export type CrashWorker = z.infer<typeof parts.schema>;

/** SIGKILL of the worker's process group at an anchor, restarted after a downtime. */
export const crashWorker = {
  ...parts,
  inject(f, moments, p) {
    // A step of an agent's plan is run by the child's own worker where there is one: that
    // process dies, the parent's lives on (decision 0110). The agent step itself is the
    // parent's: its crash is the parent's, though the child's worker makes its start call.
    const child = p.childWorkers && inChildPlan(p.plan, f.step);
    const workers = child ? p.childWorkers! : p.workers;
    armCrash(f, moments, p, {
      kill: () => workers.crash(describeCrash(f)),
      restart: async () => workers.restartAfter(0),
      freeze: () => workers.freeze(),
      callerDies: child || !p.childWorkers || findStep(p.plan, f.step)?.kind !== 'agent',
    });
  },
  // With a crash during the wait, the human answers while the worker is down: half a downtime after the crash.
  answer: (f, moments, h) =>
    f.at === 'waiting' ? { when: { precedence: 1, at: () => h.asked(f.step).then((e) => sleep(Math.max(0, e.receivedAt + moments.intoWaitMs + f.downtimeMs / 2 - Date.now()))) } } : {},
  oracle: {},
  explore: crashExplore(3),
  category: (f) => (f.at === 'sleeping' ? 'timers' : f.at === 'waiting' ? 'approvals' : 'crash-recovery'),
} satisfies FaultPackage<'crash-worker', CrashWorker>;

