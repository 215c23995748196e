import type { z } from 'zod';
import { armCrash, crashExplore, crashParts, describeCrash } from './crash.js';
import type { FaultPackage } from './package.js';

const parts = crashParts('restart-runtime');
export type RestartRuntime = z.infer<typeof parts.schema>;

/** SIGKILL of the runtime's own server or database at an anchor, restarted on the same data after a downtime. */
export const restartRuntime = {
  ...parts,
  inject(f, moments, p) {
    const runtime = p.runtime;
    if (!runtime) return p.notInjected(`${describeCrash(f)}: the adapter cannot crash its runtime`);
    armCrash(f, moments, p, {
      kill: async () => {
        p.note('crash-runtime');
        await runtime.crash();
      },
      restart: async () => {
        await runtime.restart();
        p.note('runtime-restarted');
      },
      // The worker lives on: it reads the answer itself.
      freeze: async () => undefined,
      callerDies: false,
    });
  },
  oracle: { needs: 'restart-runtime' },
  // Rarer than a worker crash, and adapters without the power leave it out.
  explore: crashExplore(1),
  category: () => 'runtime-durability',
} satisfies FaultPackage<'restart-runtime', RestartRuntime>;
