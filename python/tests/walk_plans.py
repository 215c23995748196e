"""Walk plans the way the TypeScript side's cross-check does (adapters/python/kit.test.ts):
stdin holds [{"plan", "decisions"}]; each effect answers "<id>:answer", each approval
the given decision, each agent step runs its plan the same way; stdout gets the outputs, one JSON list."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agentcheck_kit import agent_result, execute_plan, validate_plan  # noqa: E402


class Scripted:
    def __init__(self, decisions):
        self.decisions = decisions

    def effect(self, step):
        return f"{step['id']}:answer"

    def approval(self, step):
        return self.decisions.get(step["id"], "timed-out")

    def sleep(self, step):
        pass

    def agent(self, step):
        return agent_result(execute_plan(step["plan"], self))


cases = json.load(sys.stdin)
print(json.dumps([execute_plan(validate_plan(c["plan"]), Scripted(c["decisions"])) for c in cases]))
