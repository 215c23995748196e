// agentcheck/postgres: for adapters whose runtime keeps its state in Postgres (DBOS,
// LangGraph's Postgres checkpointer). Its own entry, not part of agentcheck/kit: it
// loads `pg`, an optional peer that an adapter on another runtime need not install.
export { startEmbeddedPostgres, EmbeddedPostgresError, type EmbeddedPostgres } from './embedded.js';
export { POSTGRES_URL_ENV, postgresUrl, firstUrl, hidePassword, checkPostgres, caseSchema, dropSchema, type PostgresTarget } from './target.js';
