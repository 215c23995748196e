import type { Adapter } from '../../harness/index.js';
import { scriptBeside } from '../../harness/kit.js';
import { restateAdapter } from '../restate/adapter.js';

/** Known-bad Restate usage (write tools called outside ctx.run): agentcheck must catch it. */
export const adapter: Adapter = restateAdapter({
  name: 'restate-unsafe',
  description: 'known-bad Restate workflow: write tools called outside ctx.run, so a replay calls them again',
  workerScript: () => scriptBeside(import.meta.url, 'worker.js'),
});
