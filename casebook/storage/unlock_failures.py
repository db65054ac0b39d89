"""Counting failed unlocks (issue 5): a wrong passphrase cannot write to the encrypted
database (there is no key), so the count waits in a small plaintext file beside it,
holding only a number and a time, and moves into the audit trail at the next
successful unlock. Someone with the disk can delete the file; it warns the user, it
does not protect anything (docs/audit.md)."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from casebook.storage.atomic import atomic_write_bytes

FILE_NAME = "unlock-failures"
MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class FailedUnlocks:
    count: int
    last_at: str


def _path(folder: Path) -> Path:
    return folder / FILE_NAME


def read_failed_unlocks(folder: Path) -> FailedUnlocks | None:
    try:
        data = json.loads(_path(folder).read_text(encoding="utf-8"))
        count = min(int(data["count"]), MAX_COUNT)
        last_at = str(data["last_at"])[:40]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # A damaged counter still says something failed; its number is unknown.
        return FailedUnlocks(1, "")
    return FailedUnlocks(count, last_at) if count > 0 else None


def note_failed_unlock(folder: Path) -> None:
    if not folder.is_dir():
        return
    before = read_failed_unlocks(folder)
    count = 1 if before is None else min(before.count + 1, MAX_COUNT)
    payload = {"count": count, "last_at": datetime.now(UTC).isoformat(timespec="seconds")}
    # On a read-only medium the count is lost; the unlock error itself is what matters.
    with contextlib.suppress(OSError):
        atomic_write_bytes(_path(folder), json.dumps(payload).encode())


def clear_failed_unlocks(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(_path(folder))
