import type { Adapter } from '../../harness/index.js';
import { langgraphPyAdapter } from './adapter.js';

/** LangGraph (Python), graph API: a node per step, interrupt() for approvals, SQLite or Postgres checkpointer. */
export const adapter: Adapter = langgraphPyAdapter({
  name: 'langgraph-py',
  description: 'LangGraph (Python) StateGraph (a node per step, interrupt()/Command(resume=...) for approvals) on the SQLite checkpointer (Postgres with AGENTCHECK_POSTGRES_URL), in a small Python worker app',
  interpreter: 'graph',
});
