"""A worker that follows the worker protocol with the Python kit, or breaks one part of
it on purpose (argv[1]), for the protocol check's tests (test/protocol.test.ts).
Not durable: runs live in memory and die with the process (a fixture, not a runtime)."""

import sys
import threading
import time

from agentcheck_kit import Agent, WorkerEnv, call_effect, effect_request, execute_plan, load_plan, serve

MODE = sys.argv[1] if len(sys.argv) > 1 else "ok"
env = WorkerEnv.from_environ()
plan = load_plan(env.plan_file)

if MODE == "exit-before-ready":
    sys.exit(3)
if MODE == "no-ready":
    print("listening, but without the ready line", flush=True)
    time.sleep(3600)
if MODE == "wrong-token":
    env = WorkerEnv(env.ledger_url, "not-the-token", env.case_dir, env.run_salt, env.plan_file)


class Primitives:
    def __init__(self, run_id: str):
        self.run_id = run_id

    def effect(self, step):
        if MODE == "no-ledger":
            return f"{step['id']}:made-up"
        value = call_effect(env, effect_request(self.run_id, step), 2.0)
        return value + "!" if MODE == "wrong-output" else value

    def approval(self, step):
        return "timed-out"

    def sleep(self, step):
        time.sleep(step["ms"] / 1000)


class InMemoryAgent(Agent):
    def __init__(self):
        self.results = {}

    def recover(self):
        pass

    def start(self, run_id):
        def run():
            try:
                self.results[run_id] = {"status": "completed", "output": execute_plan(plan, Primitives(run_id))}
            except Exception as err:
                self.results[run_id] = {"status": "failed", "error": str(err)}

        threading.Thread(target=run, daemon=True).start()

    def answer(self, run_id, step_id, decision):
        return "not-waiting"

    def result(self, run_id):
        return self.results.get(run_id)

    def history(self, run_id):
        return None


serve(InMemoryAgent())
