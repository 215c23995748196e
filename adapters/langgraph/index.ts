import type { Adapter } from '../../harness/index.js';
import { langgraphAdapter } from './adapter.js';

/** LangGraph.js, graph API: a node per step, interrupt() for approvals, SQLite or Postgres checkpointer. */
export const adapter: Adapter = langgraphAdapter({
  name: 'langgraph',
  description: 'LangGraph.js StateGraph (a node per step, interrupt()/Command for approvals) on the SQLite checkpointer (Postgres with AGENTCHECK_POSTGRES_URL), in a small worker app',
  interpreter: 'graph',
});
