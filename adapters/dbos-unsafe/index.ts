import { scriptBeside } from '../../harness/kit.js';
import { dbosAdapter } from '../dbos/adapter.js';

/** Known-bad on purpose: DBOS with write tools called in the workflow body, outside any step. agentcheck must catch it. */
export const adapter = dbosAdapter({
  name: 'dbos-unsafe',
  description: 'known-bad: the dbos adapter with write tools called in the workflow body instead of a step (a recovered workflow re-runs its body)',
  workerScript: scriptBeside(import.meta.url, 'worker.js'),
});
