from agentcheck_langgraph.child_run import Caller, caller_of, child_run_of, task_namespace


# A node's (or entrypoint's) checkpoint namespace as LangGraph hands it in the config: its graph's, then "|<node>:<task id>".
def at(checkpoint_ns):
    return {"configurable": {"thread_id": "run-1", "checkpoint_ns": checkpoint_ns}}


def test_a_node_of_the_started_graph_is_the_runs_own():
    assert caller_of(at("refund-payment:7f2c")) == Caller("run-1")
    assert caller_of(at("")) == Caller("run-1")


def test_a_subgraphs_node_is_the_child_run_named_by_the_parent_task_that_invoked_it():
    assert caller_of(at("ask-billing:aa11|refund-payment:bb22")) == Caller("run-1", "run-1/ask-billing:aa11")


def test_a_grandchild_names_the_whole_path_of_tasks():
    assert caller_of(at("ask-travel:aa11|ask-payments:bb22|charge-card:cc33")).child_run == "run-1/ask-travel:aa11|ask-payments:bb22"


def test_the_history_names_a_child_by_the_namespace_its_calls_carry():
    ns = task_namespace("ask-travel:aa11", "ask-payments", "bb22")
    assert ns == "ask-travel:aa11|ask-payments:bb22"
    assert child_run_of("run-1", ns) == caller_of(at(f"{ns}|charge-card:cc33")).child_run
    assert task_namespace("", "ask-billing", "aa11") == "ask-billing:aa11"


def test_an_entrypoint_is_named_by_its_own_node_task():
    # The started entrypoint's node, then a child's entrypoint under the agent step's task.
    assert caller_of(at("agent:e1")) == Caller("run-1")
    assert caller_of(at("agent:e1|ask-billing:t2|billing:e2")) == Caller("run-1", "run-1/agent:e1|ask-billing:t2")


def test_the_same_agent_step_run_by_a_new_task_is_a_different_child():
    assert caller_of(at("ask-billing:aa11|x:1")).child_run != caller_of(at("ask-billing:dd44|x:1")).child_run
