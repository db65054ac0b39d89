"""Known-answer tests for the crypto primitives, and their failure behaviour.

Vectors (checked byte by byte against the RFC texts):
- RFC 9106 section 5.3 (Argon2id)
- RFC 8032 section 7.1 TEST 1, 2, 3 (Ed25519)
- RFC 5869 Appendix A.1, A.2, A.3 (HKDF-SHA256)
"""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.crypto import envelope, kdf, signing
from casebook.crypto.errors import AuthenticationFailed, MalformedEnvelope, ParametersOutOfBounds
from casebook.crypto.kdf import (
    DEFAULT_PARAMS,
    MAX_ITERATIONS,
    MAX_LANES,
    MAX_MEMORY_KIB,
    TEST_ONLY_PARAMS,
    Argon2Params,
    derive_kek,
)
from casebook.crypto.subkeys import ROOT_KEY_LENGTH, Purpose, derive_subkey, hkdf_sha256

# --------------------------------------------------------------------------- Argon2id


def test_argon2id_rfc9106_section_5_3() -> None:
    params = Argon2Params(memory_kib=32, iterations=3, lanes=4)
    tag = derive_kek(
        bytes([0x01]) * 32,
        bytes([0x02]) * 16,
        params,
        secret=bytes([0x03]) * 8,
        associated_data=bytes([0x04]) * 12,
    )
    assert tag == bytes.fromhex(
        "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"
    )


def test_argon2id_depends_on_every_input() -> None:
    salt = bytes(range(16))
    base = derive_kek(b"passphrase", salt, TEST_ONLY_PARAMS)
    assert len(base) == kdf.KEY_LENGTH == 32
    assert derive_kek(b"passphrase", salt, TEST_ONLY_PARAMS) == base
    variants = {
        derive_kek(b"passphrasf", salt, TEST_ONLY_PARAMS),
        derive_kek(b"passphrase", bytes(16), TEST_ONLY_PARAMS),
        derive_kek(b"passphrase", salt, Argon2Params(128, 1, 1)),
        derive_kek(b"passphrase", salt, Argon2Params(64, 2, 1)),
        derive_kek(b"passphrase", salt, Argon2Params(64, 1, 2)),
    }
    assert base not in variants
    assert len(variants) == 5


@pytest.mark.parametrize(
    ("params", "what"),
    [
        (Argon2Params(MAX_MEMORY_KIB + 1, 3, 4), "memory"),
        (Argon2Params(8 * 1024 * 1024, 3, 4), "memory"),  # 8 GiB
        (Argon2Params(256 * 1024, MAX_ITERATIONS + 1, 4), "passes"),
        (Argon2Params(256 * 1024, 1000, 4), "passes"),
        (Argon2Params(256 * 1024, 0, 4), "passes"),
        (Argon2Params(256 * 1024, -1, 4), "passes"),
        (Argon2Params(256 * 1024, 3, 0), "lanes"),
        (Argon2Params(256 * 1024, 3, MAX_LANES + 1), "lanes"),
        (Argon2Params(256 * 1024, 3, -4), "lanes"),
        (Argon2Params(31, 3, 4), "memory"),  # under 8 KiB per lane
        (Argon2Params(0, 1, 1), "memory"),
        (Argon2Params(-64, 1, 1), "memory"),
    ],
)
def test_check_bounds_refuses_absurd_parameters(params: Argon2Params, what: str) -> None:
    with pytest.raises(ParametersOutOfBounds, match=what):
        params.check_bounds()


@pytest.mark.parametrize(
    "params",
    [
        Argon2Params(MAX_MEMORY_KIB, MAX_ITERATIONS, MAX_LANES),
        Argon2Params(8, 1, 1),
        Argon2Params(32, 3, 4),
        DEFAULT_PARAMS,
        TEST_ONLY_PARAMS,
    ],
)
def test_check_bounds_accepts_the_edges(params: Argon2Params) -> None:
    params.check_bounds()  # does not raise
    assert Argon2Params.from_json(params.to_json()) == params


def test_derive_kek_refuses_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*_args: object, **_kwargs: object) -> None:
        pytest.fail("Argon2id must not run for out-of-bounds parameters")

    monkeypatch.setattr(kdf, "Argon2id", forbidden)
    with pytest.raises(ParametersOutOfBounds):
        derive_kek(b"x", bytes(16), Argon2Params(8 * 1024 * 1024, 1000, 4))
    with pytest.raises(ParametersOutOfBounds, match="salt"):
        derive_kek(b"x", bytes(7), TEST_ONLY_PARAMS)


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "memory_kib=64",
        {},
        {"memory_kib": 64, "iterations": 1},
        {"memory_kib": "64", "iterations": 1, "lanes": 1},
        {"memory_kib": 64.0, "iterations": 1, "lanes": 1},
        {"memory_kib": 64, "iterations": True, "lanes": 1},
        {"memory_kib": 64, "iterations": 1, "lanes": None},
        {"memory_kib": 8 * 1024 * 1024, "iterations": 3, "lanes": 4},
        {"memory_kib": 64, "iterations": 10**6, "lanes": 1},
    ],
)
def test_params_from_json_refuses_malformed_or_absurd(data: object) -> None:
    with pytest.raises(ParametersOutOfBounds):
        Argon2Params.from_json(data)


def test_production_floor() -> None:
    DEFAULT_PARAMS.check_production_floor()
    Argon2Params(kdf.MIN_PRODUCTION_MEMORY_KIB, 1, 1).check_production_floor()
    assert kdf.MIN_PRODUCTION_MEMORY_KIB == 64 * 1024
    with pytest.raises(ParametersOutOfBounds, match="floor"):
        Argon2Params(kdf.MIN_PRODUCTION_MEMORY_KIB - 1, 3, 4).check_production_floor()
    with pytest.raises(ParametersOutOfBounds, match="floor"):
        TEST_ONLY_PARAMS.check_production_floor()


def test_default_parameters_are_the_documented_ones() -> None:
    assert Argon2Params(memory_kib=256 * 1024, iterations=3, lanes=4) == DEFAULT_PARAMS


# --------------------------------------------------------------------------- Ed25519

RFC8032_VECTORS = [
    pytest.param(
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        id="TEST 1",
    ),
    pytest.param(
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
        id="TEST 2",
    ),
    pytest.param(
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
        id="TEST 3",
    ),
]


@pytest.mark.parametrize(("secret", "public", "message", "signature"), RFC8032_VECTORS)
def test_ed25519_rfc8032(secret: str, public: str, message: str, signature: str) -> None:
    seed = bytes.fromhex(secret)
    msg = bytes.fromhex(message)
    assert signing.public_key_from_seed(seed) == bytes.fromhex(public)
    assert signing.sign(seed, msg) == bytes.fromhex(signature)
    signing.verify(bytes.fromhex(public), bytes.fromhex(signature), msg)


@pytest.mark.parametrize(("secret", "public", "message", "signature"), RFC8032_VECTORS)
def test_ed25519_rejects_altered_message_signature_or_key(
    secret: str, public: str, message: str, signature: str
) -> None:
    pub = bytes.fromhex(public)
    sig = bytes.fromhex(signature)
    msg = bytes.fromhex(message)
    with pytest.raises(AuthenticationFailed):
        signing.verify(pub, sig, msg + b"\x00")
    for index in (0, 31, 32, 63):
        changed = bytearray(sig)
        changed[index] ^= 0x01
        with pytest.raises(AuthenticationFailed):
            signing.verify(pub, bytes(changed), msg)
    other = signing.public_key_from_seed(bytes(32))
    with pytest.raises(AuthenticationFailed):
        signing.verify(other, sig, msg)
    with pytest.raises(AuthenticationFailed):
        signing.verify(pub[:31], sig, msg)  # malformed key: still only AuthenticationFailed
    del secret


def test_new_signing_seed_round_trip() -> None:
    seed = signing.new_signing_seed()
    assert len(seed) == signing.SEED_LENGTH
    assert seed != signing.new_signing_seed()
    public = signing.public_key_from_seed(seed)
    assert len(public) == signing.PUBLIC_KEY_LENGTH
    signing.verify(public, signing.sign(seed, b"checkpoint"), b"checkpoint")


def test_fingerprint_and_key_id_format() -> None:
    public = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
    digest = hashlib.sha256(b"casebook/v1/fingerprint" + public).hexdigest().upper()
    fp = signing.fingerprint(public)
    groups = fp.split(" ")
    assert len(groups) == 8
    assert all(len(g) == 4 for g in groups)
    assert "".join(groups) == digest[:32]
    assert signing.key_id(public) == digest[:16].lower()
    assert signing.key_id(signing.public_key_from_seed(bytes(32))) != signing.key_id(public)


# --------------------------------------------------------------------------- HKDF


@pytest.mark.parametrize(
    ("ikm", "salt", "info", "length", "okm"),
    [
        pytest.param(
            "0b" * 22,
            "000102030405060708090a0b0c",
            "f0f1f2f3f4f5f6f7f8f9",
            42,
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
            id="A.1",
        ),
        pytest.param(
            bytes(range(0x00, 0x50)).hex(),
            bytes(range(0x60, 0xB0)).hex(),
            bytes(range(0xB0, 0x100)).hex(),
            82,
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
            "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
            "cc30c58179ec3e87c14c01d5c1f3434f1d87",
            id="A.2",
        ),
        pytest.param(
            "0b" * 22,
            None,
            "",
            42,
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
            id="A.3",
        ),
    ],
)
def test_hkdf_sha256_rfc5869(
    ikm: str, salt: str | None, info: str, length: int, okm: str
) -> None:
    assert len(bytes.fromhex(ikm)) in {22, 80}
    result = hkdf_sha256(
        bytes.fromhex(ikm),
        bytes.fromhex(info),
        length,
        salt=None if salt is None else bytes.fromhex(salt),
    )
    assert result == bytes.fromhex(okm)
    assert len(result) == length


def test_hkdf_empty_salt_equals_no_salt() -> None:
    ikm = bytes([0x0B]) * 22
    assert hkdf_sha256(ikm, b"", 42, salt=b"") == hkdf_sha256(ikm, b"", 42, salt=None)


def _reference_hkdf(ikm: bytes, info: bytes, length: int) -> bytes:
    """RFC 5869 written out with hmac, independent of the code under test."""
    prk = hmac.new(bytes(32), ikm, hashlib.sha256).digest()
    okm, block, counter = b"", b"", 1
    while len(okm) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        okm += block
        counter += 1
    return okm[:length]


def test_subkeys_are_hkdf_of_the_root_key_with_their_labels() -> None:
    """Pins the derivation: a change here would make every existing vault unreadable."""
    root = bytes(range(ROOT_KEY_LENGTH))
    for purpose in Purpose:
        assert purpose.value.startswith(b"casebook/v1/")
        assert derive_subkey(root, purpose) == _reference_hkdf(root, purpose.value, 32)
    assert derive_subkey(root, Purpose.DATABASE_SALT, 16) == _reference_hkdf(
        root, Purpose.DATABASE_SALT.value, 16
    )


def test_distinct_purposes_give_distinct_keys() -> None:
    root = bytes(range(ROOT_KEY_LENGTH))
    keys = [derive_subkey(root, purpose) for purpose in Purpose]
    assert len(set(keys)) == len(list(Purpose)) >= 5
    assert len({p.value for p in Purpose}) == len(list(Purpose))
    other_root = bytes(reversed(root))
    assert derive_subkey(other_root, Purpose.DATABASE) != derive_subkey(root, Purpose.DATABASE)
    assert all(root not in key for key in keys)


@pytest.mark.parametrize("length", [0, 16, 31, 33, 64])
def test_derive_subkey_refuses_wrong_root_length(length: int) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        derive_subkey(bytes(length), Purpose.DATABASE)


# --------------------------------------------------------------------------- envelopes

KEY = bytes(range(32))


@settings(max_examples=100, deadline=None)
@given(plaintext=st.binary(max_size=300), ad=st.binary(max_size=64))
def test_envelope_round_trip(plaintext: bytes, ad: bytes) -> None:
    sealed = envelope.seal(KEY, plaintext, ad)
    assert len(sealed) == len(plaintext) + envelope.OVERHEAD
    assert sealed[0] == envelope.ENVELOPE_VERSION
    assert envelope.open_sealed(KEY, sealed, ad) == plaintext
    if len(plaintext) >= 8:
        assert plaintext not in sealed


def test_envelope_nonces_are_fresh() -> None:
    first = envelope.seal(KEY, b"same plaintext", b"ad")
    second = envelope.seal(KEY, b"same plaintext", b"ad")
    assert first != second
    assert first[1 : 1 + envelope.NONCE_LENGTH] != second[1 : 1 + envelope.NONCE_LENGTH]


@settings(max_examples=200, deadline=None)
@given(
    plaintext=st.binary(max_size=100),
    ad=st.binary(max_size=32),
    data=st.data(),
)
def test_envelope_any_flipped_bit_fails(plaintext: bytes, ad: bytes, data: st.DataObject) -> None:
    sealed = envelope.seal(KEY, plaintext, ad)
    index = data.draw(st.integers(0, len(sealed) - 1), label="index")
    bit = data.draw(st.integers(0, 7), label="bit")
    changed = bytearray(sealed)
    changed[index] ^= 1 << bit
    with pytest.raises((AuthenticationFailed, MalformedEnvelope)):
        envelope.open_sealed(KEY, bytes(changed), ad)
    if index == 0:
        with pytest.raises(MalformedEnvelope, match="version"):
            envelope.open_sealed(KEY, bytes(changed), ad)


@settings(max_examples=100, deadline=None)
@given(plaintext=st.binary(max_size=64), ad=st.binary(min_size=1, max_size=32), data=st.data())
def test_envelope_flipped_bit_in_associated_data_fails(
    plaintext: bytes, ad: bytes, data: st.DataObject
) -> None:
    sealed = envelope.seal(KEY, plaintext, ad)
    index = data.draw(st.integers(0, len(ad) - 1), label="index")
    bit = data.draw(st.integers(0, 7), label="bit")
    changed = bytearray(ad)
    changed[index] ^= 1 << bit
    with pytest.raises(AuthenticationFailed):
        envelope.open_sealed(KEY, sealed, bytes(changed))
    with pytest.raises(AuthenticationFailed):
        envelope.open_sealed(KEY, sealed, ad + b"\x00")


def test_envelope_wrong_key_truncation_and_version() -> None:
    sealed = envelope.seal(KEY, b"root key material", b"ad")
    with pytest.raises(AuthenticationFailed):
        envelope.open_sealed(bytes(32), sealed, b"ad")
    for cut in range(envelope.OVERHEAD):
        with pytest.raises(MalformedEnvelope, match="short"):
            envelope.open_sealed(KEY, sealed[:cut], b"ad")
    for cut in range(envelope.OVERHEAD, len(sealed)):
        with pytest.raises(AuthenticationFailed):
            envelope.open_sealed(KEY, sealed[:cut], b"ad")
    with pytest.raises(AuthenticationFailed):
        envelope.open_sealed(KEY, sealed + b"\x00", b"ad")
    with pytest.raises(MalformedEnvelope, match="version 2"):
        envelope.open_sealed(KEY, bytes([2]) + sealed[1:], b"ad")
