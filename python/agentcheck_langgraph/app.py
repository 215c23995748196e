"""The application around the agent, as a LangGraph user must write it (the same as
adapters/langgraph/app.ts): LangGraph is a library, so starting runs, resuming them
after a crash, routing a human's answer to the right interrupt and timing out a wait
are the app's code. Written plainly, the way LangGraph's docs show each piece: no lock
per thread, no deduplication, nothing a LangGraph user would not have."""

from __future__ import annotations

import threading
import time
import traceback
from typing import Any, Callable

from langgraph.types import Command

from .interpreter import Interpreter


def config_of(run_id: str) -> dict:
    return {"configurable": {"thread_id": run_id}}


def pending_approvals(snapshot: Any) -> list[tuple[str | None, dict]]:
    """The approvals a thread waits on: the interrupts of its pending tasks."""
    return [(i.id, i.value) for t in snapshot.tasks for i in t.interrupts]


def finished(snapshot: Any) -> bool:
    """Nothing left to run. Tasks must be empty too: read from another process between a
    task's writes and the next checkpoint, a snapshot shows next=() with the task listed."""
    return bool(snapshot.created_at) and not snapshot.next and not snapshot.tasks


class LangGraphAgent:
    def __init__(self, interpreter: Interpreter, checkpointer: Any, log: Callable[[str], None], durability: str | None = None):
        self.interpreter = interpreter
        self.agent = interpreter.agent
        self.checkpointer = checkpointer
        self.log = log
        self.durability = durability
        self.timers: set[str] = set()
        self.timers_lock = threading.Lock()

    # POST /runs: run the agent on a thread named by the run id. A second start of the same id runs it again.
    def start(self, run_id: str) -> None:
        self._drive(run_id, self.interpreter.input, "start")

    def answer(self, run_id: str, step_id: str, answer: str) -> str:
        """Read the thread's pending interrupts (as the docs do to show a human what waits),
        then resume that interrupt with Command(resume=...). Between the read and the
        resume nothing stops a second resume: LangGraph has no lock per thread."""
        snapshot = self.agent.get_state(config_of(run_id))
        waits = pending_approvals(snapshot)
        match = next((p for p in waits if p[1].get("step") == step_id), None)
        if match is None:
            return "already-decided" if self.interpreter.decided(snapshot, step_id) else "not-waiting"
        # With one interrupt pending, the docs' plain form; with several, address it by id.
        by_id = len(waits) > 1 or self.interpreter.resume_by_id
        resume = {match[0]: answer} if by_id and match[0] else answer
        self._drive(run_id, Command(resume=resume), f"resume {step_id} with {answer}")
        return "resumed"

    def recover(self) -> None:
        """On worker start: LangGraph resumes nothing by itself. Every thread whose latest
        checkpoint still has tasks to run, and waits on no human, is invoked again with
        None input (the documented way to continue from the last checkpoint). Unfinished
        means next or tasks non-empty: when a superstep's writes were saved but not the
        checkpoint after it, Python's get_state shows next=() with the task listed."""
        threads = {str(t.config["configurable"]["thread_id"]) for t in self.checkpointer.list(None)}
        for run_id in sorted(threads):
            snapshot = self.agent.get_state(config_of(run_id))
            if finished(snapshot):
                continue
            if pending_approvals(snapshot):
                self._arm_timeouts(run_id, snapshot)
            else:
                self._drive(run_id, None, "recover")

    def result(self, run_id: str) -> dict | None:
        snapshot = self.agent.get_state(config_of(run_id))
        if finished(snapshot):
            return {"status": "completed", "output": self.interpreter.output(snapshot)}
        failed = next((t for t in snapshot.tasks if t.error is not None and not t.interrupts), None)
        if failed is not None:
            return {"status": "failed", "error": f"node {failed.name} failed: {failed.error}"}
        return None

    def history(self, run_id: str) -> dict | None:
        return self.interpreter.history(run_id)

    def _drive(self, run_id: str, input: Any, what: str) -> None:
        """Invoke in the background (an HTTP handler answers at once), then arm the timeouts of any wait it stopped at."""
        self.log(f"{run_id}: {what}")

        def run() -> None:
            try:
                extra = {"durability": self.durability} if self.durability else {}
                self.agent.invoke(input, config_of(run_id), **extra)
                self._arm_timeouts(run_id, self.agent.get_state(config_of(run_id)))
            except Exception as err:
                self.log(f"{run_id}: {what} failed: {type(err).__name__}: {err}")
                traceback.print_exc()

        threading.Thread(target=run, daemon=True).start()

    def _arm_timeouts(self, run_id: str, snapshot: Any) -> None:
        """interrupt() has no timeout: the app keeps one. The deadline lives in the thread's
        state (saved before the wait), so a restarted worker re-arms the same deadline."""
        for _, wait in pending_approvals(snapshot):
            key = f"{run_id}/{wait['step']}"
            with self.timers_lock:
                if key in self.timers:
                    continue
                self.timers.add(key)

            def fire(step_id: str = wait["step"], key: str = key) -> None:
                with self.timers_lock:
                    self.timers.discard(key)
                try:
                    outcome = self.answer(run_id, step_id, "timed-out")
                except Exception as err:
                    outcome = str(err)
                self.log(f"{run_id}: timeout of {step_id}: {outcome}")

            timer = threading.Timer(max(0.0, wait["deadline"] / 1000 - time.time()), fire)
            timer.daemon = True
            timer.start()
