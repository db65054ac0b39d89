"""Version-tagged AES-256-GCM envelopes.

Layout: ``version (1 byte) || nonce (12 bytes) || ciphertext || tag (16 bytes)``.
The version byte is authenticated together with the caller's associated data, so
an envelope cannot be replayed under another version's rules.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casebook.crypto.errors import AuthenticationFailed, MalformedEnvelope

ENVELOPE_VERSION = 1
NONCE_LENGTH = 12
TAG_LENGTH = 16
OVERHEAD = 1 + NONCE_LENGTH + TAG_LENGTH


def seal(key: bytes, plaintext: bytes, associated_data: bytes) -> bytes:
    nonce = os.urandom(NONCE_LENGTH)
    header = bytes([ENVELOPE_VERSION])
    return header + nonce + AESGCM(key).encrypt(nonce, plaintext, header + associated_data)


def open_sealed(key: bytes, envelope: bytes, associated_data: bytes) -> bytes:
    if len(envelope) < OVERHEAD:
        raise MalformedEnvelope("envelope too short")
    if envelope[0] != ENVELOPE_VERSION:
        raise MalformedEnvelope(f"unknown envelope version {envelope[0]}")
    header, nonce, body = envelope[:1], envelope[1 : 1 + NONCE_LENGTH], envelope[1 + NONCE_LENGTH :]
    try:
        return AESGCM(key).decrypt(nonce, body, header + associated_data)
    except InvalidTag:
        raise AuthenticationFailed("envelope did not authenticate") from None
