"""Streaming authenticated encryption for evidence files (cryptography's chunked
``cobblestone`` AEAD, 256-bit keys).

A stream is ``MAGIC || version byte || cobblestone ciphertext``. The context
(record and attachment ids, from the caller) is bound into every chunk, so a blob
swapped between attachments fails. Memory stays bounded by the chunk size, whatever
the file size. The decryptor only releases authenticated chunks, and truncation is
caught at the end: callers must treat the output as unusable until
:func:`decrypt_stream` returns (the storage layer writes it to a temporary file that
is renamed only then).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from cryptography.cobblestone import Cobblestone256Decryptor, Cobblestone256Encryptor
from cryptography.exceptions import InvalidTag

from casebook.crypto.errors import AuthenticationFailed, MalformedEnvelope

MAGIC = b"CBBLOB"
STREAM_VERSION = 1
CHUNK = 1 << 20
KEY_LENGTH = 32

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class StreamDigest:
    sha256: str  # of the plaintext
    size: int  # plaintext bytes


def new_stream_key() -> bytes:
    return Cobblestone256Encryptor.generate_key()


def encrypt_stream(
    key: bytes, context: bytes, source: BinaryIO, target: BinaryIO,
    progress: Progress | None = None,
) -> StreamDigest:
    encryptor = Cobblestone256Encryptor(key, context)
    digest = hashlib.sha256()
    size = 0
    target.write(MAGIC + bytes([STREAM_VERSION]))
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        target.write(encryptor.update(chunk))
        if progress is not None:
            progress(size)
    target.write(encryptor.finalize())
    return StreamDigest(digest.hexdigest(), size)


def decrypt_stream(
    key: bytes, context: bytes, source: BinaryIO, target: BinaryIO,
    progress: Progress | None = None,
) -> StreamDigest:
    header = source.read(len(MAGIC) + 1)
    if len(header) < len(MAGIC) + 1 or not header.startswith(MAGIC):
        raise MalformedEnvelope("not a Casebook encrypted stream")
    if header[-1] != STREAM_VERSION:
        raise MalformedEnvelope(f"unknown stream version {header[-1]}")
    decryptor = Cobblestone256Decryptor(key, context)
    digest = hashlib.sha256()
    size = 0
    try:
        while chunk := source.read(CHUNK):
            plain = decryptor.update(chunk)
            digest.update(plain)
            size += len(plain)
            target.write(plain)
            if progress is not None:
                progress(size)
        tail = decryptor.finalize()
    except InvalidTag:
        raise AuthenticationFailed("stream did not authenticate") from None
    digest.update(tail)
    size += len(tail)
    target.write(tail)
    return StreamDigest(digest.hexdigest(), size)
