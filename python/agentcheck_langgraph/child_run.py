"""Which run a node's (or task's) calls belong to (as adapters/langgraph/child-run.ts).
LangGraph names every task by a checkpoint namespace: its graph's, then
"|<node>:<task id>". A subgraph's graph namespace is the namespace of the parent task
that invoked it, and its checkpoints are saved under it (decision 0080). So that task is
the child run: the same task resumed after a crash is the same child; a new task for
the same agent step (a new superstep, a thread started over) is a second child, and the
ledger sees two names (decision 0081)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NS_SEP = "|"


@dataclass(frozen=True)
class Caller:
    """Who makes a call, as the ledger files it: the started run, and the child run if a subgraph makes it."""

    run_id: str
    child_run: str | None = None


def child_run_of(run_id: str, namespace: str) -> str:
    """The ledger's name for a child run: the started thread, then the namespace the child's checkpoints live in."""
    return f"{run_id}/{namespace}"


def task_namespace(graph_namespace: str, node: str, task_id: str) -> str:
    """The namespace of a subgraph invoked by a node's task: the graph's own, then the task."""
    return f"{graph_namespace}{NS_SEP if graph_namespace else ''}{node}:{task_id}"


def caller_of(config: Any) -> Caller:
    """From a node's config, or an entrypoint's: its own task is the last segment of the
    namespace, and what comes before it is the graph it runs in (empty for the started run)."""
    configurable = config.get("configurable", {})
    run_id = str(configurable["thread_id"])
    graph_namespace = NS_SEP.join(str(configurable.get("checkpoint_ns") or "").split(NS_SEP)[:-1])
    return Caller(run_id, child_run_of(run_id, graph_namespace) if graph_namespace else None)
