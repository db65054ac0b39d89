"""Helpers shared by the core tests: key-file surgery and copies of vault folders.

Nothing here opens a vault; the tests do that themselves, so every test states the
passphrases and parameters it relies on.
"""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path
from typing import Any

from casebook.domain.canonical import canonical_json
from casebook.storage.keyfile import MAGIC

KEY_FILE = "vault.key"
KEY_BACKUP = "vault.key.bak"
DATABASE = "casebook.db"

_U16 = struct.Struct(">H")
_U32 = struct.Struct(">I")


def flip(data: bytes, index: int, mask: int = 0xFF) -> bytes:
    """``data`` with the byte at ``index`` XOR-ed with ``mask`` (non-zero)."""
    assert mask & 0xFF, "a zero mask flips nothing"
    changed = bytearray(data)
    changed[index] ^= mask & 0xFF
    return bytes(changed)


def header_span(data: bytes) -> tuple[int, int]:
    """Start and end offsets of the header JSON inside a well-formed key file."""
    start = len(MAGIC) + 6
    (length,) = _U32.unpack_from(data, len(MAGIC) + 2)
    return start, start + length


def split_key_file(data: bytes) -> tuple[dict[str, Any], bytes]:
    """The header (parsed JSON) and the directory envelope, without any checks."""
    start, end = header_span(data)
    header = json.loads(data[start:end].decode("utf-8"))
    checksum_end = end + 32
    (directory_length,) = _U32.unpack_from(data, checksum_end)
    directory = data[checksum_end + 4 : checksum_end + 4 + directory_length]
    return header, directory


def build_key_file(
    header: dict[str, Any], directory: bytes, *, version: int = 1, body: bytes | None = None
) -> bytes:
    """A key file with the given content and *valid* checksums: what someone who
    edits the file on purpose (rather than a failing disk) would produce."""
    if body is None:
        body = canonical_json(header)
    head = MAGIC + _U16.pack(version) + _U32.pack(len(body)) + body
    directory_part = _U32.pack(len(directory)) + directory
    return (
        head
        + hashlib.sha256(head).digest()
        + directory_part
        + hashlib.sha256(directory_part).digest()
    )


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` (relative path -> bytes)."""
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def materialise(files: dict[str, bytes], directory: Path) -> Path:
    """Write a :func:`snapshot` into a new folder (owner-only, like a real vault)."""
    directory.mkdir(mode=0o700, parents=True)
    for name, data in files.items():
        target = directory / name
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        target.write_bytes(data)
        target.chmod(0o600)
    return directory


def contains_text(data: bytes, text: str) -> str | None:
    """The encoding under which ``text`` occurs in ``data`` (UTF-8, UTF-16-LE/BE), if any."""
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        if text.encode(encoding) in data:
            return encoding
    return None
