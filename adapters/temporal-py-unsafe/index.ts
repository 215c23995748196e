import { temporalAdapter } from '../temporal/adapter.js';
import { pythonWorkerOptions } from '../temporal-py/adapter.js';

/**
 * Known-bad on purpose: the Python workflow calls the model and the tools from workflow
 * code (sandbox off) instead of in activities. Nothing records those calls, so the replay
 * after a worker crash makes every one of them again. agentcheck must catch it.
 */
export const adapter = temporalAdapter({
  name: 'temporal-py-unsafe',
  description: 'known-bad: the temporal-py workflow makes its model and tool calls in workflow code, not activities (a replay after a crash calls again)',
  ...pythonWorkerOptions('workflow-unsafe'),
});
