"""Warm spares (docs/protocol.md section 7): a worker that the harness may start before
its case exists. It imports what it can (an SDK, LangGraph) while other cases run, then
takes its case from one JSON line on stdin. Still a fresh process for exactly one case."""

from __future__ import annotations

import json
import os
import sys

from .ready import write_line

WAIT_FOR_CASE_ENV = "AGENTCHECK_WAIT_FOR_CASE"
LOADED_MARKER = "agentcheck:loaded"


def wait_for_case() -> None:
    """Started for its case (the usual way): returns at once. Started as a warm spare
    (AGENTCHECK_WAIT_FOR_CASE=1): call it once the imports are done; it prints
    `agentcheck:loaded`, waits for the case on stdin, puts the case's variables into
    os.environ and moves into the case's folder. Anything that reads the environment
    (WorkerEnv.from_environ) must run after it. A command's arguments are its own
    (sys.argv): the harness hands a command worker none."""
    if os.environ.get(WAIT_FOR_CASE_ENV) != "1":
        return
    write_line(LOADED_MARKER)
    line = sys.stdin.readline()
    # No case: the harness closed the pipe (the run ended, or the harness died). Nothing to do.
    if not line.strip():
        sys.exit(0)
    handed = json.loads(line)
    del os.environ[WAIT_FOR_CASE_ENV]
    os.environ.update({str(k): str(v) for k, v in handed["env"].items()})
    os.chdir(handed["cwd"])
