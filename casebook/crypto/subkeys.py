"""The root key and the subkeys derived from it (HKDF-SHA256, RFC 5869)."""

from __future__ import annotations

import os
from enum import Enum

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

ROOT_KEY_LENGTH = 32


class Purpose(Enum):
    """Each subkey has its own label, so no key is ever used for two jobs."""

    DATABASE = b"casebook/v1/database-key"
    DATABASE_SALT = b"casebook/v1/database-salt"
    ATTACHMENT_WRAPPING = b"casebook/v1/attachment-wrapping-key"
    PSEUDONYM = b"casebook/v1/pseudonym-key"
    KEYFILE_DIRECTORY = b"casebook/v1/keyfile-directory-key"


def new_root_key() -> bytes:
    return os.urandom(ROOT_KEY_LENGTH)


def hkdf_sha256(
    key_material: bytes, info: bytes, length: int = 32, salt: bytes | None = None
) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(
        key_material
    )


def derive_subkey(root_key: bytes, purpose: Purpose, length: int = 32) -> bytes:
    if len(root_key) != ROOT_KEY_LENGTH:
        raise ValueError("root key must be 32 bytes")
    return hkdf_sha256(root_key, purpose.value, length)
