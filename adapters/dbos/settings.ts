// Every DBOS setting the interpreter and its workers depend on, in one place, with
// what it means in production. Pure constants: the worker and the adapter share them.

/** The DBOS application name: it scopes the workflows in the system database. */
export const APP_NAME = 'agentcheck';

/**
 * Set explicitly, as DBOS's docs advise for self-hosting: by default the version is
 * a hash of the workflow code, and a worker recovers only workflows of its own
 * version, so a rebuilt worker would leave the runs of the old one pending.
 */
export const APPLICATION_VERSION = 'agentcheck-dbos-1';

/** The workflow's registered name (DBOS finds it by name on recovery). */
export const WORKFLOW_NAME = 'agentPlan';

/**
 * DBOS's step retry options on every llm and tool step. DBOS retries nothing unless
 * `retriesAllowed` is set; its defaults are then 3 attempts, 1 s, doubling. An agent
 * calling flaky APIs allows more attempts, sooner: 0.1 s doubling, 6 attempts (3.1 s
 * of waiting in all), enough for the suite's three 503s or one timeout.
 */
export const STEP_RETRY = { retriesAllowed: true, intervalSeconds: 0.1, backoffRate: 2, maxAttempts: 6 } as const;

/** The HTTP client timeout of one call to the outside world (the ledger), above the slowest scenario call (600 ms). */
export const CALL_TIMEOUT_MS = 1000;

/** The topic an approval is sent on: its step id, so each wait reads only its own answers. */
export const approvalTopic = (stepId: string) => stepId;

/** What the adapter gives each worker, in its environment (so a restart gets the same): DBOS's own variable for the URL, never argv. */
export const URL_ENV = 'DBOS_SYSTEM_DATABASE_URL';
export const SCHEMA_ENV = 'AGENTCHECK_DBOS_SCHEMA';
