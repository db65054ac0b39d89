"""Signed audit checkpoints (DESIGN.md section 5).

A checkpoint says "this vault's trail had ``seq`` entries and its last entry hash was
``head_hash``", signed with the acting user's Ed25519 key. Kept in the vault, it makes
a quiet rewrite by anyone without that key detectable; kept *outside* the vault (a
file a supervisor holds), it also catches a rewrite re-signed by someone who has the
key, because the rewritten trail no longer passes through the old head.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from casebook.crypto import signing
from casebook.crypto.errors import AuthenticationFailed
from casebook.domain.canonical import canonical_json
from casebook.domain.errors import DamagedDataError
from casebook.domain.file_format import read_format_object

FORMAT = "casebook-checkpoint/v1"


@dataclass(frozen=True)
class Checkpoint:
    vault_id: str
    seq: int
    head_hash: str
    at: str
    reason: str
    signer: str  # key id
    public_key: str  # hex
    signature: str  # hex

    def message(self) -> bytes:
        return message(self.vault_id, self.seq, self.head_hash, self.at, self.reason)

    def signature_valid(self) -> bool:
        try:
            public_key = bytes.fromhex(self.public_key)
            signing.verify(public_key, bytes.fromhex(self.signature), self.message())
        except (ValueError, AuthenticationFailed):
            return False
        return signing.key_id(public_key) == self.signer

    @property
    def fingerprint(self) -> str:
        return signing.fingerprint(bytes.fromhex(self.public_key))

    def to_file(self) -> bytes:
        return (json.dumps({"format": FORMAT, **asdict(self)}, indent=2) + "\n").encode()


def message(vault_id: str, seq: int, head_hash: str, at: str, reason: str) -> bytes:
    """The exact bytes a checkpoint signature covers."""
    return canonical_json({"format": FORMAT, "vault_id": vault_id, "seq": seq,
                           "head_hash": head_hash, "at": at, "reason": reason})


def parse_checkpoint_file(raw: bytes, *, source: str = "checkpoint file") -> Checkpoint:
    data = read_format_object(raw, FORMAT, source=source, what="a Casebook checkpoint")
    try:
        checkpoint = Checkpoint(
            vault_id=str(data["vault_id"]), seq=int(data["seq"]),
            head_hash=str(data["head_hash"]), at=str(data["at"]), reason=str(data["reason"]),
            signer=str(data["signer"]), public_key=str(data["public_key"]),
            signature=str(data["signature"]),
        )
    except (KeyError, TypeError, ValueError):
        raise DamagedDataError(f"{source} is missing checkpoint fields or has bad ones.") from None
    if not checkpoint.signature_valid():
        raise DamagedDataError(f"{source}: the checkpoint's signature does not verify; "
                               "the file was altered.")
    return checkpoint
