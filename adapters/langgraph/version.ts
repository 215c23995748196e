import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The LangGraph and checkpointer versions in use, for the report. */
export function langgraphVersion(): string {
  const require = createRequire(import.meta.url);
  const version = (pkg: string) => {
    try {
      return (JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  return `@langchain/langgraph ${version('@langchain/langgraph')} + checkpoint-sqlite ${version('@langchain/langgraph-checkpoint-sqlite')} (better-sqlite3 ${version('better-sqlite3')})`;
}
