"""What a review signature covers (docs/audit.md): the reviewer's decision on one
record version, named by its object commit. Anyone holding the review row, the
reviewer's public key and the version can check it, outside Casebook too."""

from __future__ import annotations

from typing import Protocol

from casebook.crypto import signing
from casebook.crypto.errors import AuthenticationFailed
from casebook.domain.canonical import canonical_json

FORMAT = "casebook-review/v1"


class _ReviewFields(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def record_id(self) -> str: ...
    @property
    def record_version(self) -> int: ...
    @property
    def object_commit(self) -> str: ...
    @property
    def decision(self) -> str: ...
    @property
    def comment(self) -> str: ...
    @property
    def reviewer(self) -> str: ...
    @property
    def at(self) -> str: ...
    @property
    def public_key(self) -> str: ...
    @property
    def signature(self) -> str: ...


def review_message(vault_id: str, review: _ReviewFields) -> bytes:
    return canonical_json({
        "format": FORMAT, "vault_id": vault_id, "review_id": review.id,
        "record_id": review.record_id, "record_version": review.record_version,
        "object_commit": review.object_commit, "decision": review.decision,
        "comment": review.comment, "reviewer": review.reviewer, "at": review.at,
    })


def review_signature_valid(vault_id: str, review: _ReviewFields) -> bool:
    try:
        public_key = bytes.fromhex(review.public_key)
        signing.verify(public_key, bytes.fromhex(review.signature),
                       review_message(vault_id, review))
    except (ValueError, AuthenticationFailed):
        return False
    return signing.key_id(public_key) == review.reviewer
