import { armCrash, crashExplore, crashParts, describeCrash } from './crash.js';
import type { FaultPackage } from './package.js';
import { sleep } from './common.js';
import type { z } from 'zod';

const parts = crashParts('crash-worker');
export type CrashWorker = z.infer<typeof parts.schema>;

/** SIGKILL of the worker's process group at an anchor, restarted after a downtime. */
export const crashWorker = {
  ...parts,
  inject(f, moments, p) {
    armCrash(f, moments, p, {
      kill: () => p.workers.crash(describeCrash(f)),
      restart: async () => p.workers.restartAfter(0),
      freeze: () => p.workers.freeze(),
      callerDies: true,
    });
  },
  // With a crash during the wait, the human answers while the worker is down: half a downtime after the crash.
  answer: (f, moments, h) =>
    f.at === 'waiting' ? { when: { precedence: 1, at: () => h.asked(f.step).then((e) => sleep(Math.max(0, e.receivedAt + moments.intoWaitMs + f.downtimeMs / 2 - Date.now()))) } } : {},
  oracle: {},
  explore: crashExplore(3),
  category: (f) => (f.at === 'sleeping' ? 'timers' : f.at === 'waiting' ? 'approvals' : 'crash-recovery'),
} satisfies FaultPackage<'crash-worker', CrashWorker>;

