"""LangGraph's persistent checkpointer: SQLite in the case's folder by default, or a
schema of its own in the user's Postgres (AGENTCHECK_POSTGRES_URL; the schema is chosen
through the connection's search_path, since the Python PostgresSaver has no schema option)."""

from __future__ import annotations

import os
import sqlite3
from typing import Any


def open_checkpointer(store: str) -> Any:
    """`store`: a SQLite file, or postgres:<schema> with the URL in AGENTCHECK_POSTGRES_URL (never in argv, where ps shows it)."""
    if not store.startswith("postgres:"):
        from langgraph.checkpoint.sqlite import SqliteSaver

        # One connection shared by the app's threads; SqliteSaver serialises use with its own lock.
        saver = SqliteSaver(sqlite3.connect(store, check_same_thread=False, timeout=30))
        saver.setup()
        return saver
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg.rows import dict_row
    from psycopg_pool import ConnectionPool

    url = os.environ.get("AGENTCHECK_POSTGRES_URL")
    if not url:
        raise SystemExit(f"{store} needs AGENTCHECK_POSTGRES_URL in the worker's environment")
    schema = store[len("postgres:"):]
    pool = ConnectionPool(
        url,
        min_size=1,
        max_size=8,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row, "options": f"-c search_path={schema}"},
        open=True,
    )
    with pool.connection() as conn:
        conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    saver = PostgresSaver(pool)
    saver.setup()
    return saver
