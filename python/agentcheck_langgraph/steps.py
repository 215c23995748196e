"""What each node (or task) does at the outside world: one call per attempt. Retrying
is LangGraph's job, through the node's RetryPolicy, as its docs teach."""

from __future__ import annotations

import time

from langgraph.types import RetryPolicy

from agentcheck_kit import EffectCallError, WorkerEnv, call_effect, effect_request, request_approval

from .child_run import Caller

# How long one call may take before it counts as failed (a client timeout).
CALL_TIMEOUT_S = 1.0

# LangGraph retries nothing unless a policy is set; an agent app that talks to flaky
# APIs sets more attempts and shorter waits than the default (3, 0.5 s). Jitter off so
# that a seed replays the same timings. Only failures worth retrying are retried.
RETRY = RetryPolicy(
    initial_interval=0.1,
    backoff_factor=2.0,
    max_interval=1.0,
    max_attempts=5,
    jitter=False,
    retry_on=lambda err: isinstance(err, EffectCallError) and err.retryable,
)


def call_step(env: WorkerEnv, who: Caller, step: dict) -> str:
    """An llm or tool call. No idempotency key: LangGraph's docs and its prebuilt ToolNode pass none."""
    return call_effect(env, effect_request(who.run_id, step, childRun=who.child_run), CALL_TIMEOUT_S)


def announce_child(env: WorkerEnv, who: Caller, agent_step: str) -> None:
    """A child agent's first act: it tells the world it started (decision 0044), like any call, with no key."""
    call_effect(env, {"runId": who.run_id, "stepId": agent_step, "kind": "agent-start", "childRun": who.child_run}, CALL_TIMEOUT_S)


def ask_human(env: WorkerEnv, run_id: str, step: dict) -> None:
    """The notification a real agent sends a human before it waits (a chat message, an email)."""
    request_approval(env, run_id, step["id"], CALL_TIMEOUT_S)


def to_decision(answer: str) -> str:
    return {"approve": "approved", "reject": "rejected"}.get(answer, "timed-out")


def now_ms() -> int:
    return int(time.time() * 1000)
