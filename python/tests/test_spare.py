"""wait_for_case (docs/protocol.md section 7), run in a child process as the harness runs a spare."""

import json
import os
import subprocess
import sys
from pathlib import Path

SOURCES = str(Path(__file__).resolve().parents[1])
# What the spare prints once handed its case: the variables it got, where it is, its own args.
SCRIPT = (
    "import os, sys\n"
    "from agentcheck_kit import wait_for_case\n"
    "before = os.environ.get('MY_QUEUE')\n"
    "wait_for_case()\n"
    "print('case', before, os.environ.get('MY_QUEUE'), os.environ.get('AGENTCHECK_WAIT_FOR_CASE'), os.getcwd(), sys.argv[1:], flush=True)\n"
)


def run(env_extra, stdin, tmp_path):
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": SOURCES, **env_extra}
    return subprocess.run([sys.executable, "-c", SCRIPT, "interp"], input=stdin, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)


def test_a_spare_says_it_loaded_then_takes_its_case(tmp_path):
    case = tmp_path / "case-a"
    case.mkdir()
    line = json.dumps({"env": {"MY_QUEUE": "queue-a"}, "cwd": str(case), "args": []}) + "\n"
    out = run({"AGENTCHECK_WAIT_FOR_CASE": "1"}, line, tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["agentcheck:loaded", f"case None queue-a None {case} ['interp']"]


def test_a_spare_whose_pipe_closes_before_a_case_exits_quietly(tmp_path):
    out = run({"AGENTCHECK_WAIT_FOR_CASE": "1"}, "", tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["agentcheck:loaded"]


def test_a_worker_started_for_its_case_goes_straight_on(tmp_path):
    out = run({"MY_QUEUE": "queue-b"}, "", tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [f"case queue-b queue-b None {tmp_path} ['interp']"]
