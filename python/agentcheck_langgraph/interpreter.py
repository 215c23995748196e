"""What each interpreter (graph API, functional API) hands the app (app.py), as the JS
adapter's Interpreter (adapters/langgraph/app.ts): the compiled agent, the input that
starts a run, and how to read a thread's answers, output and history, which differ
because a StateGraph keeps the plan's results in its state and an entrypoint only
returns them at the end."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Interpreter:
    agent: Any
    # The input that starts a run.
    input: Any
    # Whether the run already has an answer for this approval (so a late or repeated one is ignored).
    decided: Callable[[Any, str], bool]
    # The run's output, read from a finished thread's snapshot.
    output: Callable[[Any], dict]
    # The thread's audit trail ({"steps": [...]}) from the checkpointer, or None where the API keeps none.
    history: Callable[[str], dict | None]
    # Resume an interrupt by its id even when the snapshot shows only one: where tasks
    # interrupt too (the functional API's parallel branches), LangGraph may hold more
    # interrupts than get_state() lists, and refuses a plain resume then.
    resume_by_id: bool = False
