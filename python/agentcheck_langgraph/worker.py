"""The langgraph-py worker: one process holding the compiled agent, its checkpointer and
the small HTTP app a LangGraph user puts in front of a graph (LangGraph has no server
of its own). On start it resumes unfinished threads.
Usage: python -m agentcheck_langgraph.worker <graph | graph-unsafe | functional | functional-unsafe>
The checkpointer's store comes from AGENTCHECK_LANGGRAPH_STORE (a SQLite file, default
checkpoints.db in the case's folder, or postgres:<schema>), the plan, the ledger and the rest
from the harness's environment (docs/protocol.md): all of it per case, so a warm spare can
be started before its case."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone

from agentcheck_kit import WorkerEnv, load_plan, serve, wait_for_case, write_line

from .app import LangGraphAgent
from .checkpointer import open_checkpointer
from .functional import build_entrypoint
from .graph import graph_interpreter

DURABILITY_MODES = ("async", "sync", "exit")


def log(line: str) -> None:
    write_line(f"{datetime.now(timezone.utc).isoformat()} {line}")


def main() -> None:
    # LangGraph is imported above: a warm spare has loaded it before its case (docs/protocol.md section 7).
    wait_for_case()
    interpreter = sys.argv[1] if len(sys.argv) > 1 else "graph"
    store = os.environ.get("AGENTCHECK_LANGGRAPH_STORE") or "checkpoints.db"
    env = WorkerEnv.from_environ()
    plan = load_plan(env.plan_file)
    durability = os.environ.get("AGENTCHECK_LANGGRAPH_DURABILITY") or None
    if durability is not None and durability not in DURABILITY_MODES:
        raise SystemExit(f"AGENTCHECK_LANGGRAPH_DURABILITY={durability}: expected one of {', '.join(DURABILITY_MODES)}")
    checkpointer = open_checkpointer(store)
    if interpreter in ("functional", "functional-unsafe"):
        chosen = build_entrypoint(plan, env, checkpointer, unsafe=interpreter == "functional-unsafe")
    else:
        chosen = graph_interpreter(plan, env, checkpointer, unsafe=interpreter == "graph-unsafe")
    serve(LangGraphAgent(chosen, checkpointer, log, durability))


if __name__ == "__main__":
    main()
