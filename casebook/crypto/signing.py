"""Ed25519 signing keys (RFC 8032) and their fingerprints."""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from casebook.crypto.errors import AuthenticationFailed

SEED_LENGTH = 32
PUBLIC_KEY_LENGTH = 32


def new_signing_seed() -> bytes:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key_from_seed(seed: bytes) -> bytes:
    key = Ed25519PrivateKey.from_private_bytes(seed)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign(seed: bytes, message: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(seed).sign(message)


def verify(public_key: bytes, signature: bytes, message: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        raise AuthenticationFailed("signature did not verify") from None


def fingerprint(public_key: bytes) -> str:
    """A short, readable fingerprint: the first 16 bytes of SHA-256, in 8 groups of 4 hex."""
    digest = hashlib.sha256(b"casebook/v1/fingerprint" + public_key).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def key_id(public_key: bytes) -> str:
    """A compact stable id for audit entries: 16 hex digits of the fingerprint."""
    return fingerprint(public_key).replace(" ", "")[:16].lower()
