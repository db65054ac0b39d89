"""Child process for ``test_crash_safety``: changes a passphrase back and forth until
it is killed.

Run as ``python passwd_child.py``. It imports Casebook once and then reads one JSON
command per line on stdin: ``{"vault": ..., "current": ..., "other": ...}``. For each
command it forks a worker (so the slow imports happen only once) and reports on
stdout, one line each:

- ``ready``: imports done, waiting for commands;
- ``pid <n>``: the worker for the command started;
- ``step <n> <name>``: the worker is about to fsync or rename (n counts from 1);
- ``changed <n>``: the worker finished its n-th passphrase change;
- ``error <text>``: the worker failed on its own (the test fails);
- ``exit <code>``: the worker is gone (``-9`` after SIGKILL).

The worker uses the test-only Argon2 parameters and never ends by itself.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class ReportingOs:
    """``os`` for ``casebook.storage.atomic``, announcing each durable step first."""

    def __init__(self) -> None:
        self.steps = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def _step(self, name: str) -> None:
        self.steps += 1
        say(f"step {self.steps} {name}")

    def fsync(self, fd: int) -> None:
        self._step("fsync")
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        self._step("replace")
        os.replace(src, dst)


def work(vault: Path, current: str, other: str) -> None:
    from casebook.crypto.kdf import TEST_ONLY_PARAMS
    from casebook.services.vault_service import KdfPolicy, unlock_vault
    from casebook.storage import atomic

    policy = KdfPolicy(TEST_ONLY_PARAMS, enforce_floor=False)
    atomic.os = ReportingOs()  # type: ignore[assignment]
    session = unlock_vault(vault, current)
    changes = 0
    while True:
        session.change_passphrase(current, other, policy)
        changes += 1
        say(f"changed {changes}")
        current, other = other, current


def main() -> int:
    # Everything the worker needs is imported before forking.
    import casebook.services.vault_service
    import casebook.storage.atomic  # noqa: F401

    say("ready")
    for line in sys.stdin:
        command = json.loads(line)
        pid = os.fork()
        if pid == 0:
            try:
                work(Path(command["vault"]), command["current"], command["other"])
            except BaseException as exc:  # noqa: BLE001 - reported to the test, then exit
                say(f"error {type(exc).__name__}: {exc}")
                os._exit(1)
            os._exit(0)
        say(f"pid {pid}")
        _pid, status = os.waitpid(pid, 0)
        say(f"exit {os.waitstatus_to_exitcode(status)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
