import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import pg from 'pg';
import { CouldNotRunError } from '../../harness/kit.js';
import { POSTGRES_URL_ENV } from '../../harness/postgres/index.js';

/** Where a case keeps its checkpoints: a SQLite file in its folder, or a schema of its own in the user's Postgres. */
export type CheckpointStore = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

/** LangGraph's persistent checkpointer on a store, and how to let go of it. */
export interface Checkpointer {
  saver: BaseCheckpointSaver;
  close(): Promise<void>;
}

/** Open the store's saver; in Postgres, create the schema and its tables if they are missing (PostgresSaver.setup()). */
export async function openCheckpointer(store: CheckpointStore): Promise<Checkpointer> {
  if (store.kind === 'sqlite') {
    const saver = openSqlite(store.file);
    return { saver, close: async () => saver.db.close() };
  }
  // PostgresSaver.fromConnString's own pool, plus a listener: an idle connection the
  // server drops would otherwise be an unhandled 'error' that ends the process.
  const pool = new pg.Pool({ connectionString: store.url, application_name: 'agentcheck' });
  pool.on('error', () => undefined);
  const saver = new PostgresSaver(pool, undefined, { schema: store.schema });
  try {
    await saver.setup();
  } catch (err) {
    await saver.end().catch(() => undefined);
    throw new CouldNotRunError(`the LangGraph Postgres checkpointer could not set up schema ${store.schema}: ${(err as Error).message.split('\n')[0]}`);
  }
  return { saver, close: () => saver.end() };
}

/**
 * How a worker is told where its checkpoints are: the SQLite file, or `postgres:<schema>`
 * with the URL in its environment, never in argv, where `ps` would show the password.
 */
export const storeArg = (store: CheckpointStore): string => (store.kind === 'sqlite' ? store.file : `postgres:${store.schema}`);
export const storeEnv = (store: CheckpointStore): Record<string, string> => (store.kind === 'sqlite' ? {} : { [POSTGRES_URL_ENV]: store.url });

export function storeFromArg(arg: string, env: NodeJS.ProcessEnv = process.env): CheckpointStore {
  if (!arg.startsWith('postgres:')) return { kind: 'sqlite', file: arg };
  const url = env[POSTGRES_URL_ENV];
  if (!url) throw new Error(`${arg} needs ${POSTGRES_URL_ENV} in the worker's environment`);
  return { kind: 'postgres', url, schema: arg.slice('postgres:'.length) };
}

/**
 * LangGraph's SQLite saver on a file in the case's folder. better-sqlite3 loads its
 * native addon here, so an addon built for another Node fails here, with the fix in
 * the message.
 */
function openSqlite(file: string): SqliteSaver {
  try {
    return SqliteSaver.fromConnString(file);
  } catch (err) {
    throw new CouldNotRunError(
      `the LangGraph SQLite checkpointer could not open ${file}: ${(err as Error).message.split('\n')[0]}\n` +
        `  better-sqlite3 must be built for Node ${process.versions.node}: run \`node scripts/build-better-sqlite3.mjs\` ` +
        '(npm install runs it as postinstall), or `npm_config_nodedir=<Node headers> npm rebuild better-sqlite3`',
    );
  }
}
