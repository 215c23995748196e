import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PostgresTarget } from '../../harness/postgres/index.js';

/** The LangGraph and checkpointer versions in use, for the report; with Postgres, which server, never the password. */
export function langgraphVersion(postgres?: PostgresTarget): string {
  const require = createRequire(import.meta.url);
  const version = (pkg: string) => {
    try {
      return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  const checkpointer = postgres
    ? `checkpoint-postgres ${version('@langchain/langgraph-checkpoint-postgres')} (${postgres.description})`
    : `checkpoint-sqlite ${version('@langchain/langgraph-checkpoint-sqlite')} (better-sqlite3 ${version('better-sqlite3')})`;
  return `@langchain/langgraph ${version('@langchain/langgraph')} + ${checkpointer}`;
}
