"""What the harness hands every worker in its environment (docs/protocol.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping


class ProtocolError(Exception):
    """The worker was started without what the protocol promises it."""


@dataclass(frozen=True)
class WorkerEnv:
    ledger_url: str
    ledger_token: str
    case_dir: str
    run_salt: str
    plan_file: str

    @staticmethod
    def from_environ(environ: Mapping[str, str] | None = None) -> "WorkerEnv":
        env = os.environ if environ is None else environ
        names = {
            "ledger_url": "AGENTCHECK_LEDGER_URL",
            "ledger_token": "AGENTCHECK_LEDGER_TOKEN",
            "case_dir": "AGENTCHECK_CASE_DIR",
            "run_salt": "AGENTCHECK_RUN_SALT",
            "plan_file": "AGENTCHECK_PLAN_FILE",
        }
        missing = [var for var in names.values() if not env.get(var)]
        if missing:
            raise ProtocolError(f"{', '.join(missing)} must be set (the harness sets them for every worker; docs/protocol.md)")
        return WorkerEnv(**{field: env[var] for field, var in names.items()})
