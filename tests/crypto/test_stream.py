"""Streaming encryption of evidence files."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.crypto.errors import AuthenticationFailed, MalformedEnvelope
from casebook.crypto.stream import CHUNK, decrypt_stream, encrypt_stream, new_stream_key


def _encrypt(data: bytes, key: bytes, context: bytes = b"record/attachment") -> bytes:
    out = io.BytesIO()
    digest = encrypt_stream(key, context, io.BytesIO(data), out)
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert digest.size == len(data)
    return out.getvalue()


def test_round_trip_across_chunks() -> None:
    key = new_stream_key()
    data = os.urandom(CHUNK * 2 + 12345)
    sealed = _encrypt(data, key)
    assert data[:64] not in sealed
    out = io.BytesIO()
    seen: list[int] = []
    digest = decrypt_stream(key, b"record/attachment", io.BytesIO(sealed), out, seen.append)
    assert out.getvalue() == data
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert seen[-1] <= len(data)


def test_empty_stream() -> None:
    key = new_stream_key()
    out = io.BytesIO()
    decrypt_stream(key, b"c", io.BytesIO(_encrypt(b"", key, b"c")), out)
    assert out.getvalue() == b""


@pytest.mark.parametrize("cut", [1, 16, 1000, CHUNK // 2])
def test_truncation_is_caught(cut: int) -> None:
    key = new_stream_key()
    sealed = _encrypt(os.urandom(CHUNK + 5000), key)
    with pytest.raises(AuthenticationFailed):
        decrypt_stream(key, b"record/attachment", io.BytesIO(sealed[:-cut]), io.BytesIO())


def test_swapped_context_is_caught() -> None:
    key = new_stream_key()
    sealed = _encrypt(b"photo bytes" * 100, key, b"record-1/attachment-1")
    with pytest.raises(AuthenticationFailed):
        decrypt_stream(key, b"record-2/attachment-1", io.BytesIO(sealed), io.BytesIO())


def test_wrong_key_is_caught() -> None:
    sealed = _encrypt(b"x" * 100, new_stream_key())
    with pytest.raises(AuthenticationFailed):
        decrypt_stream(new_stream_key(), b"record/attachment", io.BytesIO(sealed), io.BytesIO())


def test_not_a_stream() -> None:
    with pytest.raises(MalformedEnvelope):
        decrypt_stream(new_stream_key(), b"c", io.BytesIO(b"JPEG...."), io.BytesIO())


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=3000), st.data())
def test_any_flipped_byte_is_caught(data: bytes, choice: st.DataObject) -> None:
    key = bytes(32)
    sealed = bytearray(_encrypt(data, key))
    index = choice.draw(st.integers(min_value=0, max_value=len(sealed) - 1))
    sealed[index] ^= 0x01
    with pytest.raises((AuthenticationFailed, MalformedEnvelope)):
        decrypt_stream(key, b"record/attachment", io.BytesIO(bytes(sealed)), io.BytesIO())


def test_memory_stays_bounded_by_the_chunk(tmp_path: Path) -> None:
    """A large file streams through a few chunks of memory, whatever its size."""
    import tracemalloc

    size = 96 * CHUNK
    source = tmp_path / "large.bin"
    with source.open("wb") as handle:
        handle.truncate(size)  # sparse: reads back as zeros, costs no disk
    sealed_path, plain_path = tmp_path / "sealed", tmp_path / "plain"
    key = new_stream_key()
    tracemalloc.start()
    try:
        with source.open("rb") as src, sealed_path.open("wb") as dst:
            encrypt_stream(key, b"ctx", src, dst)
        with sealed_path.open("rb") as src, plain_path.open("wb") as dst:
            digest = decrypt_stream(key, b"ctx", src, dst)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest.size == size
    assert peak < 8 * CHUNK  # a 96 MiB file, under 8 MiB of Python memory at peak
