"""The ``vault.key`` file: key slots in a checksummed plaintext header, users in an
encrypted directory.

Layout (all integers big-endian)::

    magic  "CASEBOOKVAULTKEY"                16 bytes
    format version                           u16
    header length                            u32
    header (canonical JSON, see below)
    SHA-256 of everything above              32 bytes
    directory length                         u32
    directory envelope (AES-256-GCM)
    SHA-256 of the directory length and envelope   32 bytes

The header holds only what unlocking needs and nothing about who uses the vault:
the vault id and, per slot, a random slot id, the Argon2id parameters, the salt
and the wrapped keys. The checksums tell accidental damage apart from a wrong
passphrase before any key derivation; authenticity comes from the AEAD tags.

The directory (user names, roles, public keys, which slot is whose) is encrypted
under a subkey of the root key with the whole header as associated data, so a
header edited by someone without the root key is caught on the next unlock.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casebook.crypto.errors import ParametersOutOfBounds
from casebook.crypto.kdf import Argon2Params
from casebook.domain.canonical import canonical_json
from casebook.domain.errors import DamagedKeyFileError, NewerFormatError, UnsafeParametersError
from casebook.domain.users import Role, User

MAGIC = b"CASEBOOKVAULTKEY"
FORMAT_VERSION = 1
MAX_HEADER_LENGTH = 1 << 20
MAX_DIRECTORY_LENGTH = 16 << 20
MAX_SLOTS = 256
_HEX_ID = re.compile(r"^[0-9a-f]{16,64}$")
_U16 = struct.Struct(">H")
_U32 = struct.Struct(">I")


@dataclass(frozen=True, slots=True)
class KeySlot:
    slot_id: str
    kdf: Argon2Params
    salt: bytes
    wrapped_keys: bytes

    def associated_data(self, vault_id: str) -> bytes:
        """What a slot's wrapped keys are bound to: the file format, the vault and the
        slot's own parameters, so a slot cannot be moved or re-parameterised."""
        own = {"kdf": self.kdf.to_json(), "salt": self.salt.hex(), "slot_id": self.slot_id}
        return (
            MAGIC
            + _U16.pack(FORMAT_VERSION)
            + vault_id.encode("ascii")
            + canonical_json(own)
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "slot_id": self.slot_id,
            "kdf": {"algorithm": "argon2id", **self.kdf.to_json()},
            "salt": self.salt.hex(),
            "wrapped_keys": self.wrapped_keys.hex(),
        }


@dataclass(frozen=True, slots=True)
class KeyFile:
    vault_id: str
    slots: tuple[KeySlot, ...]
    directory: bytes  # encrypted user directory (envelope)

    def header_bytes(self) -> bytes:
        header = {
            "format": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "slots": [slot.to_json() for slot in self.slots],
        }
        body = canonical_json(header)
        return MAGIC + _U16.pack(FORMAT_VERSION) + _U32.pack(len(body)) + body

    def to_bytes(self) -> bytes:
        header = self.header_bytes()
        directory_part = _U32.pack(len(self.directory)) + self.directory
        return (
            header
            + hashlib.sha256(header).digest()
            + directory_part
            + hashlib.sha256(directory_part).digest()
        )

    def with_slot(self, slot: KeySlot) -> KeyFile:
        """A copy with ``slot`` added, or replacing the slot with the same id."""
        others = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        return KeyFile(self.vault_id, (*others, slot), self.directory)


def parse_key_file(data: bytes, path: Path) -> KeyFile:  # noqa: PLR0912 - one check per field
    """Parse and check ``vault.key``; every failure names the file."""

    def damaged(what: str) -> DamagedKeyFileError:
        return DamagedKeyFileError(
            f"The key file {path} is damaged ({what}). Casebook will use the backup copy "
            f"vault.key.bak if it is intact; otherwise restore vault.key from a backup.",
            path=path,
        )

    if not data.startswith(MAGIC):
        if len(data) < len(MAGIC):
            raise damaged("it is truncated")
        raise damaged("it does not start like a Casebook key file")
    offset = len(MAGIC)
    try:
        (version,) = _U16.unpack_from(data, offset)
        (header_length,) = _U32.unpack_from(data, offset + 2)
    except struct.error:
        raise damaged("it is truncated") from None
    header_end = offset + 6 + header_length
    checksum_end = header_end + 32
    if header_length > MAX_HEADER_LENGTH or len(data) < checksum_end + 4:
        raise damaged("it is truncated or its header length is wrong")
    header_bytes = data[:header_end]
    if hashlib.sha256(header_bytes).digest() != data[header_end:checksum_end]:
        raise damaged("the header checksum does not match")
    # The framing above (magic, version, length, header, checksum) is the same in
    # every format version, so the version is only trusted once its checksum holds.
    if version > FORMAT_VERSION:
        raise NewerFormatError(
            f"The key file {path} was written by a newer version of Casebook "
            f"(format {version}). Install the newer Casebook to open this vault.",
            path=path,
        )
    if version < 1:
        raise damaged("its format version is invalid")
    (directory_length,) = _U32.unpack_from(data, checksum_end)
    if directory_length > MAX_DIRECTORY_LENGTH:
        raise damaged("the user directory is malformed")
    directory_end = checksum_end + 4 + directory_length
    if len(data) < directory_end + 32:
        raise damaged("it is truncated")
    if len(data) > directory_end + 32:
        raise damaged("it has trailing data")
    directory_part = data[checksum_end:directory_end]
    if hashlib.sha256(directory_part).digest() != data[directory_end : directory_end + 32]:
        raise damaged("the user directory checksum does not match")
    try:
        header = json.loads(data[offset + 6 : header_end].decode("utf-8"))
        key_file = _key_file_from_json(header, directory_part[4:])
    except ParametersOutOfBounds as exc:
        raise UnsafeParametersError(
            f"The key file {path} asks for key-derivation work outside safe bounds ({exc}). "
            "It was damaged or crafted; restore vault.key from a backup.",
            path=path,
        ) from None
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise damaged("its header is malformed") from None
    if key_file.header_bytes() != header_bytes:
        raise damaged("its header is not in canonical form")
    return key_file


def _key_file_from_json(header: Any, directory: bytes) -> KeyFile:
    if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION:
        raise ValueError("bad header")
    vault_id = header["vault_id"]
    raw_slots = header["slots"]
    if not isinstance(vault_id, str) or not _HEX_ID.match(vault_id):
        raise ValueError("bad vault id")
    if not isinstance(raw_slots, list) or not 1 <= len(raw_slots) <= MAX_SLOTS:
        raise ValueError("bad slots")
    slots = []
    for raw in raw_slots:
        kdf = raw["kdf"]
        if not isinstance(kdf, dict) or kdf.get("algorithm") != "argon2id":
            raise ValueError("unknown kdf")
        params = Argon2Params.from_json({k: v for k, v in kdf.items() if k != "algorithm"})
        slot_id = raw["slot_id"]
        if not isinstance(slot_id, str) or not _HEX_ID.match(slot_id):
            raise ValueError("bad slot id")
        slots.append(
            KeySlot(
                slot_id=slot_id,
                kdf=params,
                salt=bytes.fromhex(raw["salt"]),
                wrapped_keys=bytes.fromhex(raw["wrapped_keys"]),
            )
        )
    if len({s.slot_id for s in slots}) != len(slots):
        raise ValueError("duplicate slot id")
    return KeyFile(vault_id=vault_id, slots=tuple(slots), directory=directory)


def directory_to_bytes(users: list[User]) -> bytes:
    return canonical_json(
        {
            "users": [
                {
                    "id": u.id,
                    "name": u.name,
                    "role": u.role.value,
                    "public_key": u.public_key.hex(),
                    "slot_id": u.slot_id,
                    "created_at": u.created_at,
                }
                for u in users
            ]
        }
    )


def directory_from_bytes(data: bytes) -> list[User]:
    raw = json.loads(data.decode("utf-8"))
    return [
        User(
            id=str(u["id"]),
            name=str(u["name"]),
            role=Role(u["role"]),
            public_key=bytes.fromhex(u["public_key"]),
            slot_id=str(u["slot_id"]),
            created_at=str(u["created_at"]),
        )
        for u in raw["users"]
    ]
