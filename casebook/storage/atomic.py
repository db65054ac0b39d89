"""Atomic file replacement: temp file in the same folder, fsync, rename, fsync folder.

A reader sees the old file or the new one, never a mix, even after power loss.
Only ciphertext or non-sensitive data is ever handed to these functions.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

# What follows ".<file name>" in the name of a temp file made by atomic_write_bytes.
_TEMP_SUFFIX = re.compile(r"\.[0-9a-f]{12}\.tmp")


def fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    directory = path.parent
    tmp = directory / f".{path.name}.{os.urandom(6).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_directory(directory)


def remove_stale_temp_files(path: Path) -> int:
    """Delete the temp files of ``atomic_write_bytes(path, ...)`` calls that a crash or
    a kill interrupted. They may hold an older copy of the file (for ``vault.key``: a
    slot wrapped under an old passphrase), so they must not linger. Returns how many."""
    prefix = f".{path.name}"
    removed = 0
    for candidate in path.parent.iterdir():
        name = candidate.name
        if name.startswith(prefix) and _TEMP_SUFFIX.fullmatch(name[len(prefix) :]):
            with contextlib.suppress(FileNotFoundError):
                candidate.unlink()
                removed += 1
    if removed:
        fsync_directory(path.parent)
    return removed
