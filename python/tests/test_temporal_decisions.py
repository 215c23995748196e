"""The temporal-py workflow's decision rules, shared by its signal and its update (decision 0087):
the first decision on a step counts, and the update's validator refuses what the run would ignore."""

import pytest

from agentcheck_temporal.workflow import _Interpreter


def decide(step_id: str, decision: str) -> dict[str, str]:
    return {"stepId": step_id, "decision": decision}


def test_the_first_decision_counts_and_is_returned():
    run = _Interpreter()
    assert run.on_approval(decide("approve-deploy", "approve")) == "approved"
    assert run.on_approval(decide("approve-deploy", "reject")) == "approved"
    assert run.decisions == {"approve-deploy": "approved"}


def test_a_decision_before_the_wait_is_accepted():
    # Nothing is waiting yet: an early answer is kept, as a signal is.
    _Interpreter().refuse_decision(decide("approve-deploy", "approve"))


def test_the_validator_refuses_a_second_decision():
    run = _Interpreter()
    run.on_approval(decide("approve-deploy", "reject"))
    with pytest.raises(ValueError, match="approve-deploy was already decided: rejected"):
        run.refuse_decision(decide("approve-deploy", "approve"))
    # Another step is still open.
    run.refuse_decision(decide("approve-refund", "approve"))


def test_the_validator_refuses_a_decision_on_an_expired_wait():
    run = _Interpreter()
    run.expired.add("approve-deploy")
    with pytest.raises(ValueError, match="approve-deploy is no longer waiting"):
        run.refuse_decision(decide("approve-deploy", "approve"))
