"""The agent plan, as the harness writes it (AGENTCHECK_PLAN_FILE), validated against the
JSON Schema generated from the zod plan schema (docs/plan.schema.json), so Python reads
exactly what TypeScript accepts. A plan is kept as plain dicts: steps are
{"kind": "llm" | "tool" | "sleep" | "approval" | "parallel", "id": ..., ...}."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import jsonschema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "plan.schema.json"

Step = dict[str, Any]
Plan = dict[str, Any]


class PlanError(Exception):
    pass


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text())
    return jsonschema.Draft202012Validator(schema)


def _where(path: Any) -> str:
    out = "plan"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def validate_plan(plan: Any, source: str = "plan") -> Plan:
    """Raise PlanError with one line (source, field, expectation) unless `plan` is a valid plan."""
    errors = sorted(_validator().iter_errors(plan), key=lambda e: len(list(e.absolute_path)))
    if errors:
        # The shallowest error names the field; a oneOf's own sub-errors say which kind it is.
        err = errors[0]
        best = jsonschema.exceptions.best_match([err]) if err.context else err
        raise PlanError(f"{source}: {_where(best.absolute_path)}: {best.message}")
    seen: set[str] = set()
    for step in all_steps(plan):
        if step["id"] in seen:
            raise PlanError(f'{source}: step id "{step["id"]}" is used twice; ids must be unique')
        seen.add(step["id"])
    return plan


def load_plan(file: str | Path) -> Plan:
    try:
        plan = json.loads(Path(file).read_text())
    except (OSError, json.JSONDecodeError) as err:
        raise PlanError(f"{file}: not a readable JSON plan ({err})") from None
    return validate_plan(plan, str(file))


def all_steps(plan: Plan | dict[str, Any]) -> list[Step]:
    """Every step, depth first, branches and agents' plans included (harness/plan/walk.ts)."""

    def visit(steps: list[Step]) -> Iterator[Step]:
        for step in steps:
            yield step
            if step["kind"] == "approval":
                yield from visit(step.get("approved", []))
                yield from visit(step.get("rejected", []))
            elif step["kind"] == "parallel":
                for branch in step["branches"]:
                    yield from visit(branch)
            elif step["kind"] == "agent":
                yield from visit(step["plan"]["steps"])

    return list(visit(plan["steps"]))


def is_effect_step(step: Step) -> bool:
    return step["kind"] in ("llm", "tool")


def branch_taken(step: Step, decision: str) -> list[Step]:
    """The steps an approval goes on with: its on-timeout path when nobody answered in time."""
    approved = decision == "approved" or (decision == "timed-out" and step.get("onTimeout", "reject") == "approve")
    return step.get("approved", []) if approved else step.get("rejected", [])
