import type { Adapter } from '../../harness/index.js';
import { langgraphPyAdapter } from '../langgraph-py/adapter.js';

/**
 * Known-bad on purpose: LangGraph (Python) used the wrong way. The call before an
 * approval and the approval request are made in the same node that calls interrupt(),
 * and LangGraph re-runs a node from its top on resume, so both are made again.
 * agentcheck must catch it (test/langgraph-py.test.ts).
 */
export const adapter: Adapter = langgraphPyAdapter({
  name: 'langgraph-py-unsafe',
  description: 'known-bad LangGraph (Python) graph: a side effect before interrupt() in the same node (runs again on resume)',
  interpreter: 'graph-unsafe',
});
