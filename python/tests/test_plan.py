import json

import pytest

from agentcheck_kit import PlanError, all_steps, branch_taken, load_plan, validate_plan

PLAN = {
    "name": "refund",
    "steps": [
        {"kind": "llm", "id": "assess", "tokens": 10, "latencyMs": 0},
        {
            "kind": "approval", "id": "ok", "timeoutMs": 1000, "onTimeout": "approve",
            "approved": [{"kind": "tool", "id": "refund", "tool": "payments.refund", "mode": "write", "latencyMs": 0}],
            "rejected": [],
        },
        {"kind": "parallel", "id": "fan", "branches": [[{"kind": "sleep", "id": "nap", "ms": 5}], [{"kind": "llm", "id": "note", "tokens": 1, "latencyMs": 0}]]},
    ],
}


def test_a_valid_plan_loads_from_its_file(tmp_path):
    file = tmp_path / "plan.json"
    file.write_text(json.dumps(PLAN))
    assert load_plan(file) == PLAN


def test_every_step_depth_first():
    assert [s["id"] for s in all_steps(PLAN)] == ["assess", "ok", "refund", "fan", "nap", "note"]


def test_a_wrong_field_is_named_with_its_path():
    bad = {**PLAN, "steps": [{"kind": "tool", "id": "x", "tool": "t", "mode": "maybe"}]}
    with pytest.raises(PlanError, match=r"^plan\.json: plan\.steps\[0\]"):
        validate_plan(bad, "plan.json")


def test_an_unknown_field_is_refused():
    with pytest.raises(PlanError, match="plan"):
        validate_plan({"name": "x", "steps": [{"kind": "llm", "id": "a", "colour": "red"}]})


def test_an_empty_plan_is_refused():
    with pytest.raises(PlanError, match=r"plan\.steps"):
        validate_plan({"name": "x", "steps": []})


def test_a_step_id_used_twice_is_refused():
    twice = {"name": "x", "steps": [{"kind": "llm", "id": "a"}, {"kind": "sleep", "id": "a", "ms": 1}]}
    with pytest.raises(PlanError, match='step id "a" is used twice'):
        validate_plan(twice)


def test_a_file_that_is_not_json_is_named(tmp_path):
    file = tmp_path / "plan.json"
    file.write_text("{")
    with pytest.raises(PlanError, match="plan.json: not a readable JSON plan"):
        load_plan(file)


def test_the_branch_an_approval_takes():
    step = PLAN["steps"][1]
    assert branch_taken(step, "approved") == step["approved"]
    assert branch_taken(step, "rejected") == step["rejected"]
    assert branch_taken(step, "timed-out") == step["approved"]
    assert branch_taken({**step, "onTimeout": "reject"}, "timed-out") == step["rejected"]
