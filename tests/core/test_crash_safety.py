"""Crashes and power loss while the key file is rewritten.

The promise: an interrupted ``passwd`` leaves the old or the new passphrase working,
never neither; an interrupted ``user add`` leaves the vault as it was or with the
new user; ``atomic_write_bytes`` never leaves a half-written file or a temp file.
"""

from __future__ import annotations

import errno
import json
import os
import select
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casebook.domain.errors import WrongPassphraseError
from casebook.domain.users import Role
from casebook.services.vault_service import KdfPolicy, create_vault, unlock_vault
from casebook.storage import atomic
from casebook.storage.atomic import atomic_write_bytes
from casebook.storage.keyfile import parse_key_file
from tests.core.helpers import KEY_BACKUP, KEY_FILE, materialise, snapshot

OLD = "the old passphrase 1"
NEW = "the new passphrase 2"
OTHER_USER = "Added Later"
OTHER_PASS = "added later passphrase 3"
CHILD = Path(__file__).with_name("passwd_child.py")


class InjectedFault(OSError):
    pass


class FaultyOs:
    """Stands in for ``os`` inside ``casebook.storage.atomic``: the ``fail_at``-th call
    to ``open``, ``fsync`` or ``replace`` fails as a full or dying disk would."""

    def __init__(self, fail_at: int) -> None:
        self.fail_at = fail_at
        self.calls: list[str] = []
        self.armed = True

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    def _count(self, name: str) -> None:
        if not self.armed:
            return
        self.calls.append(name)
        if len(self.calls) == self.fail_at:
            raise InjectedFault(errno.EIO, f"injected failure in os.{name}")

    def open(self, *args: Any, **kwargs: Any) -> int:
        self._count("open")
        return os.open(*args, **kwargs)

    def fsync(self, fd: int) -> None:
        self._count("fsync")
        os.fsync(fd)

    def replace(self, src: Any, dst: Any) -> None:
        self._count("replace")
        os.replace(src, dst)

    @property
    def fired(self) -> bool:
        return len(self.calls) >= self.fail_at


def opens(directory: Path, passphrase: str) -> bool:
    try:
        session = unlock_vault(directory, passphrase)
    except WrongPassphraseError:
        return False
    try:
        assert session.check_audit_chain() is None
    finally:
        session.lock()
    return True


def temp_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def locked_vault(tmp_path: Path, kdf_policy: KdfPolicy) -> dict[str, bytes]:
    create_vault(tmp_path / "origin", "Crash Tester", Role.SUPERVISOR, OLD, kdf_policy).lock()
    return snapshot(tmp_path / "origin")


def _passwd(kdf_policy: KdfPolicy) -> Callable[[Any], None]:
    return lambda session: session.change_passphrase(OLD, NEW, kdf_policy)


def _add_user(kdf_policy: KdfPolicy) -> Callable[[Any], None]:
    return lambda session: session.add_user(OTHER_USER, Role.DOCUMENTER, OTHER_PASS, kdf_policy)


@pytest.mark.parametrize("operation", ["passwd", "user-add"])
def test_failure_at_every_durable_step(
    locked_vault: dict[str, bytes],
    tmp_path: Path,
    kdf_policy: KdfPolicy,
    monkeypatch: pytest.MonkeyPatch,
    operation: str,
) -> None:
    """Fail the 1st, 2nd, 3rd... file-system call of the key-file rewrite; after each,
    a fresh unlock from disk finds the old state or the new one, never neither."""
    run = _passwd(kdf_policy) if operation == "passwd" else _add_user(kdf_policy)
    outcomes: list[str] = []
    calls: list[str] = []
    fail_at = 0
    while True:
        fail_at += 1
        assert fail_at < 50, "the operation never completed"
        directory = materialise(locked_vault, tmp_path / f"attempt-{fail_at}")
        session = unlock_vault(directory, OLD)
        faulty = FaultyOs(fail_at)
        monkeypatch.setattr(atomic, "os", faulty)
        try:
            run(session)
        except InjectedFault:
            assert faulty.fired
        else:
            assert not faulty.fired
        finally:
            faulty.armed = False
            monkeypatch.setattr(atomic, "os", os)
            session.lock()
        assert temp_files(directory) == [], f"temp file left after failing at {fail_at}"

        if operation == "passwd":
            old_works, new_works = opens(directory, OLD), opens(directory, NEW)
            assert old_works != new_works, f"failing at call {fail_at}: old={old_works}"
            outcomes.append("new" if new_works else "old")
        else:
            assert opens(directory, OLD)
            outcomes.append("new" if opens(directory, OTHER_PASS) else "old")
        # Whatever survived is a whole key file, and the backup agrees after an unlock.
        parse_key_file((directory / KEY_FILE).read_bytes(), directory / KEY_FILE)
        assert (directory / KEY_FILE).read_bytes() == (directory / KEY_BACKUP).read_bytes()
        if not faulty.fired:
            calls = faulty.calls
            break

    # The run that went through renamed both copies (main, then backup), and every
    # step before that was made to fail once.
    assert calls.count("replace") == 2
    assert len(outcomes) == len(calls) + 1
    assert outcomes[-1] == "new"
    assert outcomes[0] == "old"
    # Once the new key file is in place, no later failure brings the old one back.
    first_new = outcomes.index("new")
    assert outcomes == ["old"] * first_new + ["new"] * (len(outcomes) - first_new)


@pytest.mark.parametrize("fail_at", [1, 2, 3, 4, 5])
def test_atomic_write_failure_leaves_old_or_new_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    target = tmp_path / "file.bin"
    target.write_bytes(b"old content")
    faulty = FaultyOs(fail_at)
    monkeypatch.setattr(atomic, "os", faulty)
    with pytest.raises(InjectedFault):
        atomic_write_bytes(target, b"new content")
    monkeypatch.setattr(atomic, "os", os)
    assert faulty.calls[-1] == ["open", "fsync", "replace", "open", "fsync"][fail_at - 1]
    assert [p.name for p in tmp_path.iterdir()] == ["file.bin"]
    # Before the rename the old content stays; after it, the new content is whole.
    expected = b"old content" if fail_at <= 3 else b"new content"
    assert target.read_bytes() == expected


def test_atomic_write_interrupted_by_keyboard_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.bin"

    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "os", FaultyOs(10**6))
    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"never visible")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_success(tmp_path: Path) -> None:
    target = tmp_path / "file.bin"
    atomic_write_bytes(target, b"first")
    atomic_write_bytes(target, b"second, longer content")
    assert target.read_bytes() == b"second, longer content"
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)
    assert [p.name for p in tmp_path.iterdir()] == ["file.bin"]


# --------------------------------------------------------------------------- real kill


class LineReader:
    """Lines from a child's stdout, with a generous guard against a hung child (no
    timing is asserted: the guard only turns a hang into a failure)."""

    GUARD_SECONDS = 60.0

    def __init__(self, proc: subprocess.Popen[bytes], stderr: Path) -> None:
        assert proc.stdout is not None
        self.fd = proc.stdout.fileno()
        self.buffer = b""
        self.stderr = stderr

    def next(self) -> str:
        while b"\n" not in self.buffer:
            ready, _, _ = select.select([self.fd], [], [], self.GUARD_SECONDS)
            if not ready:
                pytest.fail("the child process went silent\n" + self.stderr.read_text())
            chunk = os.read(self.fd, 65536)
            if not chunk:
                pytest.fail("the child process ended early\n" + self.stderr.read_text())
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        text = line.decode("utf-8")
        if text.startswith("error"):
            pytest.fail(f"the worker failed: {text}\n" + self.stderr.read_text())
        return text


# Kill right after the worker announces this step (counted from its start: an unlock
# may refresh the backup copy, then each change makes six fsync/rename steps).
KILL_AFTER_STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 17, 20, 24]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_sigkill_during_passwd_leaves_one_passphrase_working(
    tmp_path: Path, kdf_policy: KdfPolicy
) -> None:
    vault = tmp_path / "vault"
    create_vault(vault, "Kill Tester", Role.SUPERVISOR, OLD, kdf_policy).lock()
    stderr = tmp_path / "child-stderr.txt"
    with stderr.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )
    assert proc.stdin is not None
    reader = LineReader(proc, stderr)
    seen_changes = 0
    try:
        assert reader.next() == "ready"
        current, other = OLD, NEW
        for kill_after in KILL_AFTER_STEPS:
            command = {"vault": str(vault), "current": current, "other": other}
            proc.stdin.write((json.dumps(command) + "\n").encode())
            proc.stdin.flush()
            first = reader.next()
            assert first.startswith("pid ")
            pid = int(first.split()[1])
            while True:
                line = reader.next()
                if line.startswith("changed"):
                    seen_changes += 1
                elif line.startswith("step") and int(line.split()[1]) >= kill_after:
                    break
            os.kill(pid, signal.SIGKILL)
            while not (line := reader.next()).startswith("exit"):
                seen_changes += line.startswith("changed")
            assert line == "exit -9", "the worker was not killed by the signal"

            works = [p for p in (OLD, NEW) if opens(vault, p)]
            assert len(works) == 1, f"after a kill at step {kill_after}: {works}"
            # The unlock removed any temp file the killed rewrite left behind.
            assert temp_files(vault) == []
            current = works[0]
            other = NEW if current == OLD else OLD
    finally:
        proc.stdin.close()
        if proc.poll() is None:
            proc.wait(timeout=LineReader.GUARD_SECONDS)
        assert proc.stdout is not None
        proc.stdout.close()

    assert proc.returncode == 0
    # Kills after step 7 and later come after at least one whole change.
    assert seen_changes >= 1
    session = unlock_vault(vault, current)
    try:
        assert session.check_audit_chain() is None
        assert session.info().audit_entries >= 2 + len(KILL_AFTER_STEPS)
    finally:
        session.lock()


def test_unlock_removes_stale_key_file_temp_copies(
    locked_vault: dict[str, bytes], tmp_path: Path, kdf_policy: KdfPolicy
) -> None:
    """A temp file from a killed rewrite can hold the slot under the *old* passphrase:
    the next successful unlock deletes it (and nothing else)."""
    directory = materialise(locked_vault, tmp_path / "v")
    old_key_file = (directory / KEY_FILE).read_bytes()
    session = unlock_vault(directory, OLD)
    session.change_passphrase(OLD, NEW, kdf_policy)
    session.lock()
    stale = [
        directory / ".vault.key.0123456789ab.tmp",
        directory / ".vault.key.bak.ba9876543210.tmp",
    ]
    unrelated = [directory / ".vault.key.notes.tmp", directory / "vault.key.tmp",
                 directory / ".casebook.db.0123456789ab.tmp"]
    for path in stale + unrelated:
        path.write_bytes(old_key_file)
    with pytest.raises(WrongPassphraseError):
        unlock_vault(directory, OLD)
    assert all(p.exists() for p in stale)  # a failed attempt writes and deletes nothing
    opens_with_new = opens(directory, NEW)
    assert opens_with_new
    assert not any(p.exists() for p in stale)
    assert all(p.read_bytes() == old_key_file for p in unrelated)
