import type { Adapter } from '../../harness/index.js';
import { FUNCTIONAL_NO_HISTORY } from '../langgraph-py-functional/index.js';
import { langgraphPyAdapter } from '../langgraph-py/adapter.js';

/**
 * Known-bad on purpose: the LangGraph (Python) functional API used the wrong way. The
 * model and tool calls are made in the entrypoint's own code instead of in tasks, and
 * the entrypoint runs again from its top on every resume, so they are made again.
 * agentcheck must catch it (test/langgraph-py-functional.test.ts).
 */
export const adapter: Adapter = langgraphPyAdapter({
  name: 'langgraph-py-functional-unsafe',
  description: 'known-bad LangGraph (Python) functional API: model and tool calls in the entrypoint, not in tasks (made again on every resume)',
  interpreter: 'functional-unsafe',
  noHistory: FUNCTIONAL_NO_HISTORY,
});
