"""The plan walk, the same as the TypeScript executePlan (harness/plan/execute.ts): each
runtime's interpreter supplies only its durable primitives, so every runtime runs the
same agent. execute_plan is for threads (parallel branches run in a thread pool);
execute_plan_async for asyncio runtimes (branches run with asyncio.gather). An agent
step needs an `agent` primitive (another agent's run, through the runtime's own
child-run primitive); an interpreter without one cannot run it."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable, Protocol

from .plan import Step, branch_taken

Output = dict[str, dict[str, str]]


class Primitives(Protocol):
    def effect(self, step: Step) -> str: ...
    def approval(self, step: Step) -> str:
        """'approved', 'rejected' or 'timed-out'."""
        ...
    def sleep(self, step: Step) -> None: ...


def sort_output(output: Output) -> Output:
    """Key order must not depend on which parallel branch finished first."""
    return {"results": dict(sorted(output["results"].items())), "decisions": dict(sorted(output["decisions"].items()))}


def agent_result(child: Output) -> str:
    """An agent step's result: its child run's whole output, as the TypeScript agentResult writes it (JSON.stringify)."""
    return json.dumps(sort_output(child), separators=(",", ":"), ensure_ascii=False)


def child_run_id(parent_run_id: str, step: Step) -> str:
    """The child run's id, derived from its parent's: a replayed parent asks for the same child, never a second one."""
    return f"{parent_run_id}/{step['id']}"


def _agent(primitives: Any, step: Step) -> Any:
    if not hasattr(primitives, "agent"):
        raise RuntimeError(f'agent step "{step["id"]}": this interpreter does not run agent steps')
    return primitives.agent(step)


def execute_plan(plan: dict[str, Any], primitives: Any) -> Output:
    """Walk the plan with blocking primitives. A `parallel(branches, run_branch)` method, if the primitives have one,
    replaces the thread pool; it may return each branch's output ({"results", "decisions"}) to merge."""
    output: Output = {"results": {}, "decisions": {}}

    def run_steps(steps: list[Step]) -> None:
        for step in steps:
            kind = step["kind"]
            if kind in ("llm", "tool"):
                output["results"][step["id"]] = primitives.effect(step)
            elif kind == "agent":
                output["results"][step["id"]] = _agent(primitives, step)
            elif kind == "sleep":
                primitives.sleep(step)
            elif kind == "approval":
                decision = primitives.approval(step)
                output["decisions"][step["id"]] = decision
                run_steps(branch_taken(step, decision))
            elif kind == "parallel":
                if hasattr(primitives, "parallel"):
                    # A runtime that replays a branch from its record may hand back each branch's
                    # output instead of running it here: those are merged in.
                    for part in primitives.parallel(step["branches"], run_steps) or []:
                        output["results"].update(part["results"])
                        output["decisions"].update(part["decisions"])
                else:
                    with ThreadPoolExecutor(max_workers=len(step["branches"])) as pool:
                        for future in [pool.submit(run_steps, b) for b in step["branches"]]:
                            future.result()

    run_steps(plan["steps"])
    return sort_output(output)


async def execute_plan_async(plan: dict[str, Any], primitives: Any) -> Output:
    """Walk the plan with async primitives (effect, approval and sleep are coroutines)."""
    output: Output = {"results": {}, "decisions": {}}

    async def run_steps(steps: list[Step]) -> None:
        for step in steps:
            kind = step["kind"]
            if kind in ("llm", "tool"):
                output["results"][step["id"]] = await primitives.effect(step)
            elif kind == "agent":
                output["results"][step["id"]] = await _agent(primitives, step)
            elif kind == "sleep":
                await primitives.sleep(step)
            elif kind == "approval":
                decision = await primitives.approval(step)
                output["decisions"][step["id"]] = decision
                await run_steps(branch_taken(step, decision))
            elif kind == "parallel":
                await asyncio.gather(*(run_steps(b) for b in step["branches"]))

    await run_steps(plan["steps"])
    return sort_output(output)
