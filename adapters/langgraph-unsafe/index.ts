import type { Adapter } from '../../harness/index.js';
import { langgraphAdapter } from '../langgraph/adapter.js';

/**
 * Known-bad on purpose: LangGraph used the wrong way. The approval request is sent in
 * the same node that calls interrupt(), and LangGraph re-runs a node from its top on
 * resume, so every answer sends the request again. agentcheck must catch it
 * (test/langgraph.test.ts).
 */
export const adapter: Adapter = langgraphAdapter({
  name: 'langgraph-unsafe',
  description: 'known-bad LangGraph graph: a side effect before interrupt() in the same node (runs again on resume)',
  interpreter: 'graph-unsafe',
});
