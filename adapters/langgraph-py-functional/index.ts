import type { Adapter } from '../../harness/index.js';
import { langgraphPyAdapter } from '../langgraph-py/adapter.js';

/** Why the functional API's checkpoints cannot serve as the audit trail. */
export const FUNCTIONAL_NO_HISTORY =
  'the functional API checkpoints a task\'s result under its task id without the task\'s name, and get_state_history lists only the entrypoint: the thread\'s record cannot say which step ran';

/** LangGraph (Python), functional API: the plan walked in an @entrypoint, each call a @task, interrupt() for approvals. */
export const adapter: Adapter = langgraphPyAdapter({
  name: 'langgraph-py-functional',
  description: 'LangGraph (Python) functional API (@entrypoint + a @task per call, interrupt()/Command(resume=...) for approvals) on the SQLite checkpointer (Postgres with AGENTCHECK_POSTGRES_URL), in a small Python worker app',
  interpreter: 'functional',
  noHistory: FUNCTIONAL_NO_HISTORY,
});
