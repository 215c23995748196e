import { CouldNotRunError } from '../../harness/kit.js';
import { checkPostgres, firstUrl, POSTGRES_URL_ENV, startEmbeddedPostgres, type EmbeddedPostgres } from '../../harness/postgres/index.js';
import { URL_ENV } from './settings.js';

// Where DBOS keeps its state: a Postgres server, the user's or a private one that
// agentcheck starts and removes. Each case gets a DBOS system schema of its own there.

/** DBOS's own variable first (what a DBOS app reads), then agentcheck's. */
export const URL_VARIABLES = [URL_ENV, POSTGRES_URL_ENV];

export interface PostgresServer {
  url: string;
  /** For the report, never the password: "Postgres 18.1 at 127.0.0.1:5432/postgres (embedded)". */
  description: string;
  /** Set when agentcheck runs this server: it may crash and restart it. */
  embedded?: EmbeddedPostgres;
  close(): Promise<void>;
}

/** A private Postgres, or exit 2 with one line saying what is missing and how to fix it. */
export async function startOwnPostgres(): Promise<PostgresServer> {
  let embedded: EmbeddedPostgres;
  try {
    embedded = await startEmbeddedPostgres();
  } catch (err) {
    const why = (err as Error).message.split('\n')[0];
    throw new CouldNotRunError(`the embedded Postgres for DBOS could not start (${why}); set ${URL_ENV} to a running Postgres instead`);
  }
  try {
    const { description } = await checkPostgres(embedded.url);
    return { url: embedded.url, description: `${description} (embedded)`, embedded, close: () => embedded.stop() };
  } catch (err) {
    await embedded.stop();
    throw err;
  }
}

/** The user's Postgres when a variable names one (checked at once), else a private one. */
export async function openPostgres(env: NodeJS.ProcessEnv = process.env): Promise<PostgresServer> {
  const given = firstUrl(URL_VARIABLES, env);
  if (!given) return startOwnPostgres();
  const { description } = await checkPostgres(given.url, given.variable);
  return { url: given.url, description: `${description} (from ${given.variable})`, close: async () => undefined };
}
