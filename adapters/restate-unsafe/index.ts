import type { Adapter } from '../../harness/adapter.js';
import { compiledPath } from '../../harness/paths.js';
import { restateAdapter } from '../restate/adapter.js';

/** Known-bad Restate usage (write tools called outside ctx.run): agentcheck must catch it. */
export const adapter: Adapter = restateAdapter({
  name: 'restate-unsafe',
  description: 'known-bad Restate workflow: write tools called outside ctx.run, so a replay calls them again',
  workerScript: () => compiledPath('adapters/restate-unsafe/worker.js'),
});
