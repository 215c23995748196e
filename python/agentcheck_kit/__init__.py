"""agentcheck's kit for workers written in Python: the worker protocol (docs/protocol.md)
from the worker's side. Each runtime's interpreter supplies only its durable
primitives (effect, approval, sleep); the rest is here, the same as the TypeScript kit."""

from .env import WorkerEnv, ProtocolError
from .ledger import EffectCallError, call_effect, call_with_retry, request_approval, effect_request
from .ready import announce_ready, write_line, READY_MARKER
from .plan import PlanError, load_plan, validate_plan, all_steps, is_effect_step, branch_taken
from .walk import Primitives, agent_result, child_run_id, execute_plan, execute_plan_async, sort_output
from .app import Agent, make_server, serve
from .spare import wait_for_case

__all__ = [
    "WorkerEnv", "ProtocolError",
    "EffectCallError", "call_effect", "call_with_retry", "request_approval", "effect_request",
    "announce_ready", "write_line", "READY_MARKER",
    "PlanError", "load_plan", "validate_plan", "all_steps", "is_effect_step", "branch_taken",
    "Primitives", "agent_result", "child_run_id", "execute_plan", "execute_plan_async", "sort_output",
    "Agent", "make_server", "serve",
    "wait_for_case",
]
