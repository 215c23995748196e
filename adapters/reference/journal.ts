import { DatabaseSync } from 'node:sqlite';

// The reference runtime's whole state: one SQLite file shared by the client (the
// harness side) and the worker process. WAL lets both use it at once; every change
// is committed before the step it guards goes on (write-ahead).

export function openJournal(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA busy_timeout = 5000;
    PRAGMA synchronous = NORMAL;
    CREATE TABLE IF NOT EXISTS runs (
      id TEXT PRIMARY KEY, plan TEXT NOT NULL, status TEXT NOT NULL,
      output TEXT, error TEXT, created_at INTEGER NOT NULL, finished_at INTEGER,
      owner TEXT, lease_until INTEGER,
      parent TEXT, root TEXT, agent_step TEXT);
    CREATE TABLE IF NOT EXISTS steps (
      run_id TEXT NOT NULL, step_id TEXT NOT NULL, status TEXT NOT NULL,
      attempts INTEGER NOT NULL, result TEXT, started_at INTEGER, finished_at INTEGER,
      PRIMARY KEY (run_id, step_id));
    CREATE TABLE IF NOT EXISTS waits (
      run_id TEXT NOT NULL, step_id TEXT NOT NULL, until INTEGER NOT NULL,
      PRIMARY KEY (run_id, step_id));
    CREATE TABLE IF NOT EXISTS inbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, step_id TEXT NOT NULL,
      decision TEXT NOT NULL, received_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS run_traces (
      run_id TEXT PRIMARY KEY, traceparent TEXT NOT NULL);
  `);
  return db;
}

export interface RunRow {
  id: string;
  plan: string;
  status: 'running' | 'completed' | 'failed';
  output: string | null;
  error: string | null;
  /** A child run's parent run, the run the harness started, and the parent's agent step; null for that run itself. */
  parent: string | null;
  root: string | null;
  agent_step: string | null;
  /** The worker that holds the run's lease, and until when (ms since the epoch). */
  owner: string | null;
  lease_until: number | null;
}

export interface StepRow {
  run_id: string;
  step_id: string;
  status: 'started' | 'done' | 'failed';
  attempts: number;
  result: string | null;
}
