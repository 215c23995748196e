import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { CouldNotRunError } from '../../harness/errors.js';

/**
 * The persistent checkpointer: LangGraph's SQLite saver on a file in the case's folder.
 * better-sqlite3 loads its native addon here, so an addon built for another Node
 * fails here, with the fix in the message.
 */
export function openCheckpointer(file: string): SqliteSaver {
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
