import type { Adapter } from '../../harness/index.js';
import { langgraphAdapter } from '../langgraph/adapter.js';

/** LangGraph.js, functional API: the plan walked in an entrypoint, each call a task, interrupt() for approvals. */
export const adapter: Adapter = langgraphAdapter({
  name: 'langgraph-functional',
  description: 'LangGraph.js functional API (entrypoint + a task per call, interrupt()/Command for approvals) on the SQLite checkpointer (Postgres with AGENTCHECK_POSTGRES_URL), in a small worker app',
  interpreter: 'functional',
  noHistory:
    'the functional API checkpoints a task\'s result under its task id (a hash) without the task\'s name, and getStateHistory lists only the entrypoint: the thread\'s record cannot say which step ran',
});
