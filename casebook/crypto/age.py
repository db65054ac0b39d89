"""Encryption to people: the age format (age-encryption.org/v1) through ``pyrage``.

A user's X25519 age identity is derived from their Ed25519 signing seed with HKDF
(its own label), so a vault keeps one secret per user and the key file format does
not change. ``pyrage`` wants identities and recipients as Bech32 strings; the small
encoder below produces them from raw keys (BIP 173, which age uses).

Everything happens in memory: a failure can never leave plaintext on disk.
"""

from __future__ import annotations

import pyrage
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from casebook.crypto.errors import AuthenticationFailed, CryptoError
from casebook.crypto.subkeys import hkdf_sha256

_X25519_LABEL = b"casebook/v1/x25519-age-identity"
_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


class NotARecipient(CryptoError):
    """The ciphertext is not encrypted to the identity given."""


def _polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for i, generator in enumerate(_GENERATOR):
            checksum ^= generator if (top >> i) & 1 else 0
    return checksum


def _bech32_encode(hrp: str, data: bytes) -> str:
    # 8-bit bytes to 5-bit groups, padded.
    accumulator, bits, groups = 0, 0, []
    for byte in data:
        accumulator = (accumulator << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            groups.append((accumulator >> bits) & 31)
    if bits:
        groups.append((accumulator << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    polymod = _polymod(expanded + groups + [0] * 6) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[g] for g in groups + checksum)


def _x25519_private(signing_seed: bytes) -> bytes:
    return hkdf_sha256(signing_seed, _X25519_LABEL)


def recipient_for_seed(signing_seed: bytes) -> str:
    """The public ``age1…`` recipient of the identity derived from ``signing_seed``."""
    private = X25519PrivateKey.from_private_bytes(_x25519_private(signing_seed))
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return _bech32_encode("age", public)


def _identity_for_seed(signing_seed: bytes) -> pyrage.x25519.Identity:
    text = _bech32_encode("age-secret-key-", _x25519_private(signing_seed)).upper()
    return pyrage.x25519.Identity.from_str(text)


def check_recipient(recipient: str) -> None:
    """Raise ValueError unless ``recipient`` is a well-formed X25519 age recipient."""
    try:
        pyrage.x25519.Recipient.from_str(recipient)
    except (pyrage.RecipientError, ValueError) as exc:
        raise ValueError("not an age X25519 recipient") from exc


def encrypt(plaintext: bytes, recipients: list[str]) -> bytes:
    parsed = [pyrage.x25519.Recipient.from_str(r) for r in recipients]
    try:
        return bytes(pyrage.encrypt(plaintext, parsed))
    except pyrage.EncryptError as exc:  # pragma: no cover - pyrage only fails on bad input
        raise CryptoError(str(exc)) from None


def decrypt(ciphertext: bytes, signing_seed: bytes) -> bytes:
    """Decrypt with the identity derived from ``signing_seed``.

    Raises NotARecipient when no stanza is for this identity, AuthenticationFailed
    when the file is truncated or altered.
    """
    identity = _identity_for_seed(signing_seed)
    try:
        return bytes(pyrage.decrypt(ciphertext, [identity]))
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise NotARecipient("not encrypted to this identity") from None
        raise AuthenticationFailed(f"age: {exc}") from None
