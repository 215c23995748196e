import type { PostgresTarget } from '../../harness/postgres/index.js';
import { runtimePackageVersion } from '../../harness/kit.js';

/** The LangGraph and checkpointer versions in use, for the report; with Postgres, which server, never the password. */
export function langgraphVersion(postgres?: PostgresTarget): string {
  const version = (pkg: string) => runtimePackageVersion(pkg, import.meta.url);
  const checkpointer = postgres
    ? `checkpoint-postgres ${version('@langchain/langgraph-checkpoint-postgres')} (${postgres.description})`
    : `checkpoint-sqlite ${version('@langchain/langgraph-checkpoint-sqlite')} (better-sqlite3 ${version('better-sqlite3')})`;
  return `@langchain/langgraph ${version('@langchain/langgraph')} + ${checkpointer}`;
}
