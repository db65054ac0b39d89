"""Encrypted evidence files in ``blobs/``: written and read as streams, atomically.

A blob is named by a random id, never by its hash or file name. Decrypted output
goes to a temporary file that is renamed into place only after the whole stream
has authenticated, and is deleted on any failure, so a truncated, altered or
swapped blob never leaves plaintext on disk.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from casebook.crypto.errors import AuthenticationFailed, MalformedEnvelope
from casebook.crypto.stream import Progress, StreamDigest, decrypt_stream, encrypt_stream
from casebook.domain.errors import CasebookError, DamagedDataError
from casebook.storage.atomic import fsync_directory


def _damaged(blob: Path) -> DamagedDataError:
    return DamagedDataError(
        f"The encrypted evidence file {blob} is damaged, truncated or was altered. "
        "Restore the vault's blobs folder from a backup; nothing was written.",
        path=blob,
    )


def store(
    blobs_dir: Path, key: bytes, context: bytes, source: Path, progress: Progress | None = None
) -> tuple[str, StreamDigest]:
    """Encrypt ``source`` into a new blob; return its name and the original's digest."""
    blobs_dir.mkdir(mode=0o700, exist_ok=True)
    name = os.urandom(16).hex()
    temp = blobs_dir / f".{name}.tmp"
    try:
        with source.open("rb") as plain:
            digest = _seal(blobs_dir, name, key, context, plain, progress=progress)
    except FileNotFoundError:
        _remove(temp)
        raise CasebookError(f"The file {source} does not exist.", path=source) from None
    except IsADirectoryError:
        _remove(temp)
        raise CasebookError(f"{source} is a folder, not a file.", path=source) from None
    except PermissionError:
        _remove(temp)
        raise CasebookError(f"Casebook may not read {source}.", path=source) from None
    except BaseException:
        _remove(temp)
        raise
    return name, digest


def store_bytes(blobs_dir: Path, key: bytes, context: bytes,
                data: bytes) -> tuple[str, StreamDigest]:
    """Encrypt ``data`` (a file received in a case package) into a new blob."""
    blobs_dir.mkdir(mode=0o700, exist_ok=True)
    name = os.urandom(16).hex()
    return name, _seal(blobs_dir, name, key, context, io.BytesIO(data), progress=None)


def _seal(blobs_dir: Path, name: str, key: bytes, context: bytes, plain: BinaryIO, *,
          progress: Progress | None) -> StreamDigest:
    temp = blobs_dir / f".{name}.tmp"
    try:
        with _exclusive(temp) as sealed:
            digest = encrypt_stream(key, context, plain, sealed, progress)
            sealed.flush()
            os.fsync(sealed.fileno())
        os.replace(temp, blobs_dir / name)
        fsync_directory(blobs_dir)
    except BaseException:
        _remove(temp)
        raise
    return digest


@dataclass(frozen=True, slots=True)
class SealedBlob:
    """What it takes to read one blob back: where, its key and context, and the
    SHA-256 its plaintext had at ingest."""

    path: Path
    key: bytes
    context: bytes
    sha256: str


def read_into_memory(blob: SealedBlob) -> bytes:
    """The whole plaintext in memory (image previews): never through a file."""
    buffer = io.BytesIO()
    _decrypt_checked(blob, buffer, None)
    return buffer.getvalue()


def save_copy(blob: SealedBlob, target: Path, progress: Progress | None = None) -> None:
    """Write a decrypted copy to ``target``: complete and authenticated, or not at all."""
    if target.exists():
        raise CasebookError(f"{target} already exists; choose another name.", path=target)
    temp = target.parent / f".{target.name}.{os.urandom(4).hex()}.partial"
    try:
        with _exclusive(temp) as out:
            _decrypt_checked(blob, out, progress)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        fsync_directory(target.parent)
    except BaseException:
        _remove(temp)
        raise


def remove(blobs_dir: Path, name: str) -> None:
    _remove(blobs_dir / name)


def _decrypt_checked(blob: SealedBlob, out: BinaryIO, progress: Progress | None) -> None:
    path = blob.path
    try:
        with path.open("rb") as sealed:
            digest = decrypt_stream(blob.key, blob.context, sealed, out, progress)
    except FileNotFoundError:
        raise DamagedDataError(
            f"The encrypted evidence file {path} is missing. Restore the vault's blobs "
            "folder from a backup.",
            path=path,
        ) from None
    except (AuthenticationFailed, MalformedEnvelope):
        raise _damaged(path) from None
    if digest.sha256 != blob.sha256:
        raise _damaged(path)


@contextlib.contextmanager
def _exclusive(path: Path):  # type: ignore[no-untyped-def]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        yield handle


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
