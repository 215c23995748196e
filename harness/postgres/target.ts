import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CouldNotRunError } from '../errors.js';

// The user's Postgres, when they give one (LangGraph's checkpoints, DBOS's system
// database). agentcheck touches nothing there but schemas of its own: one per case,
// dropped after it.

export const POSTGRES_URL_ENV = 'AGENTCHECK_POSTGRES_URL';
const EXPECTED = 'postgres://user:password@host:port/database';

export interface PostgresTarget {
  url: string;
  /** What runs where, for the report, without the password: "Postgres 18.1 at 127.0.0.1:5432/agentcheck". */
  description: string;
}

/** The URL the user gave, or undefined (then the checkpoints go to SQLite). */
export const postgresUrl = (env: NodeJS.ProcessEnv = process.env): string | undefined => env[POSTGRES_URL_ENV] || undefined;

/** The first of these variables that is set, and its value: which one is named in every message about it. */
export function firstUrl(variables: string[], env: NodeJS.ProcessEnv = process.env): { variable: string; url: string } | undefined {
  const variable = variables.find((v) => env[v]);
  return variable ? { variable, url: env[variable]! } : undefined;
}

/** Never the password: error messages and the report name the server as host:port/database. */
export function hidePassword(text: string, url: URL): string {
  const password = decodeURIComponent(url.password);
  return password ? text.split(password).join('***') : text;
}

const reasonOf = (err: unknown): string => {
  const e = err as Error & { code?: string; errors?: Error[] };
  // A host with several addresses (localhost: ::1 and 127.0.0.1) fails with an AggregateError whose message is empty.
  return (e.message || e.errors?.[0]?.message || e.code || String(err)).split('\n')[0]!;
};

/**
 * Connect once, before any case, so a bad URL, a server that does not answer or a
 * user who may not create schemas stops the run at once with one line (exit 2).
 */
export async function checkPostgres(url: string, variable = POSTGRES_URL_ENV): Promise<PostgresTarget> {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !['postgres:', 'postgresql:'].includes(parsed.protocol)) {
    throw new CouldNotRunError(`${variable} is not a Postgres URL: expected ${EXPECTED}`);
  }
  const at = `${parsed.hostname || 'localhost'}:${parsed.port || 5432}`;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, application_name: 'agentcheck' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; db: string; user: string; creates: boolean }>(
      `SELECT current_setting('server_version') AS version, current_database() AS db, current_user AS "user",
              has_database_privilege(current_database(), 'CREATE') AS creates`,
    );
    const { version, db, user, creates } = rows[0]!;
    if (!creates) {
      throw new CouldNotRunError(
        `${variable}: user ${user} may not create schemas in database ${db} at ${at} (agentcheck makes one per case and drops it after): ` +
          `GRANT CREATE ON DATABASE ${db} TO ${user}, or give another user`,
      );
    }
    return { url, description: `Postgres ${version.split(' ')[0]} at ${at}/${db}` };
  } catch (err) {
    if (err instanceof CouldNotRunError) throw err;
    const db = decodeURIComponent(parsed.pathname.slice(1)) || '(default database)';
    throw new CouldNotRunError(hidePassword(`${variable}: could not connect to Postgres at ${at}/${db} (${reasonOf(err)}): expected ${EXPECTED} of a running server`, parsed));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A schema of the case's own: the case's salt, and random bytes so two runs with one seed on one database never share it. */
export const caseSchema = (salt: string): string => `agentcheck_${salt}_${randomBytes(4).toString('hex')}`;

/**
 * Leave the user's database as it was. The case's workers are gone by now; a drop
 * that still fails is said on stderr (a case's close() has no other way to tell).
 */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, application_name: 'agentcheck' });
  client.on('error', () => undefined);
  const sql = `DROP SCHEMA IF EXISTS ${client.escapeIdentifier(schema)} CASCADE`;
  try {
    await client.connect();
    await client.query(`SET lock_timeout = '10s'`);
    await client.query(sql);
  } catch (err) {
    process.stderr.write(`agentcheck: could not drop schema ${schema} (${hidePassword(reasonOf(err), new URL(url))}): run ${sql} yourself\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
