"""The audit trail from the checkpointer itself (as adapters/langgraph/history.ts): every
checkpoint of the thread (get_state_history, newest first) lists the tasks that ran
from it. LangGraph writes the next checkpoint only once every task of a superstep has
finished, so a task of any checkpoint but the newest completed; the newest one's tasks
completed only if their result is recorded. Helper nodes (names with "/") are the
app's, not the plan's."""

from __future__ import annotations

from typing import Any

RANK = {"started": 0, "failed": 1, "completed": 2}


def _result_of(step_id: str, result: Any) -> str | None:
    if isinstance(result, str):
        return result
    if isinstance(result, dict):
        value = (result.get("_results") or {}).get(step_id)
        return value if isinstance(value, str) else None
    return None


def read_history(agent: Any, run_id: str) -> dict:
    seen: list[dict] = []
    newest = True
    for snapshot in agent.get_state_history({"configurable": {"thread_id": run_id}}):
        for task in snapshot.tasks:
            if "/" in task.name or task.name.startswith("__"):
                continue
            done = not newest or task.result is not None
            status = "completed" if done else "failed" if task.error is not None else "started"
            entry = {"stepId": task.name, "status": status}
            result = _result_of(task.name, task.result)
            if result is not None:
                entry["result"] = result
            seen.append(entry)
        newest = False
    # Oldest first, so the order is the run's; the strongest status wins per step.
    steps: dict[str, dict] = {}
    for entry in reversed(seen):
        prior = steps.get(entry["stepId"])
        if prior is None or RANK[entry["status"]] >= RANK[prior["status"]]:
            steps[entry["stepId"]] = entry
    return {"steps": list(steps.values())}
