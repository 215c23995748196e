"""The graph's state: what the checkpointer saves after every superstep. Channel names
start with "_" so that no step id (which starts with a letter or digit) can clash."""

from __future__ import annotations

from typing import Annotated, TypedDict


def merge(a: dict | None, b: dict | None) -> dict:
    return {**(a or {}), **(b or {})}


class AgentState(TypedDict, total=False):
    # Each llm/tool step's answer, by step id.
    _results: Annotated[dict, merge]
    # Each approval's outcome, by step id.
    _decisions: Annotated[dict, merge]
    # When each approval stops waiting (epoch ms), saved before the run waits so a restart keeps it.
    _deadlines: Annotated[dict, merge]
    # When each sleep ends (epoch ms), saved before the sleep so a restart sleeps only the rest.
    _wakeAt: Annotated[dict, merge]
