"""``vault.key``: parsing, damage versus wrong passphrase, hostile parameters."""

from __future__ import annotations

import copy
import hashlib
import json
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.crypto import kdf
from casebook.crypto.kdf import TEST_ONLY_PARAMS
from casebook.domain.errors import (
    DamagedDataError,
    DamagedKeyFileError,
    ExitCode,
    NewerFormatError,
    UnsafeParametersError,
    WrongPassphraseError,
)
from casebook.domain.users import Role, User
from casebook.services.vault_service import KdfPolicy, create_vault, unlock_vault
from casebook.storage import keyfile
from casebook.storage import vault as vault_store
from casebook.storage.keyfile import (
    MAGIC,
    KeyFile,
    directory_from_bytes,
    directory_to_bytes,
    parse_key_file,
)
from tests.core.helpers import (
    DATABASE,
    KEY_BACKUP,
    KEY_FILE,
    build_key_file,
    contains_text,
    flip,
    header_span,
    materialise,
    snapshot,
    split_key_file,
)

FIRST_NAME = "Keyfile Person Alpha"
FIRST_PASS = "first keyfile passphrase 1"
SECOND_NAME = "شاهد_مخفي Beta"
SECOND_PASS = "second keyfile passphrase 2"
PATH = Path("vault.key")


@pytest.fixture
def vault_files(tmp_path: Path, kdf_policy: KdfPolicy) -> dict[str, bytes]:
    """A locked two-user vault (supervisor, then documenter), as bytes in memory."""
    session = create_vault(tmp_path / "origin", FIRST_NAME, Role.SUPERVISOR, FIRST_PASS, kdf_policy)
    session.add_user(SECOND_NAME, Role.DOCUMENTER, SECOND_PASS, kdf_policy)
    session.lock()
    return snapshot(tmp_path / "origin")


def install(
    files: dict[str, bytes], directory: Path, main: bytes | None, backup: bytes | None
) -> Path:
    """A copy of the vault with the given key file copies (None: file absent)."""
    others = {k: v for k, v in files.items() if k not in {KEY_FILE, KEY_BACKUP}}
    materialise(others, directory)
    if main is not None:
        (directory / KEY_FILE).write_bytes(main)
    if backup is not None:
        (directory / KEY_BACKUP).write_bytes(backup)
    return directory


def forbid_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any key derivation fail the test at once."""

    def forbidden(*_args: object, **_kwargs: object) -> None:
        pytest.fail("key derivation ran for a key file that should be refused first")

    monkeypatch.setattr(kdf, "derive_kek", forbidden)
    monkeypatch.setattr(kdf, "Argon2id", forbidden)
    monkeypatch.setattr(vault_store, "derive_kek", forbidden)


# --------------------------------------------------------------------------- parsing


def test_parse_serialise_round_trip(vault_files: dict[str, bytes]) -> None:
    data = vault_files[KEY_FILE]
    assert vault_files[KEY_BACKUP] == data
    parsed = parse_key_file(data, PATH)
    assert parsed.to_bytes() == data
    assert len(parsed.slots) == 2
    assert len({s.slot_id for s in parsed.slots}) == 2
    for slot in parsed.slots:
        assert slot.kdf == TEST_ONLY_PARAMS
        assert len(slot.salt) == kdf.SALT_LENGTH
        assert len(slot.wrapped_keys) > 64
    assert parsed.slots[0].salt != parsed.slots[1].salt
    assert data.startswith(MAGIC + struct.pack(">H", keyfile.FORMAT_VERSION))
    # Replacing a slot keeps the others and their order-independent identity.
    replaced = parsed.with_slot(parsed.slots[0])
    assert {s.slot_id for s in replaced.slots} == {s.slot_id for s in parsed.slots}


def test_directory_round_trip_keeps_arabic_names() -> None:
    users = [
        User("00000000-0000-4000-8000-000000000001", "زرقاء", Role.DOCUMENTER, b"\x01" * 32,
             "aa" * 8, "2024-01-01T00:00:00.000000+00:00"),
        User("00000000-0000-4000-8000-000000000002", "Zoë", Role.SUPERVISOR, b"\x02" * 32,
             "bb" * 8, "2024-01-02T00:00:00.000000+00:00"),
    ]
    assert directory_from_bytes(directory_to_bytes(users)) == users


def test_every_flipped_byte_is_damage(vault_files: dict[str, bytes]) -> None:
    """Any single damaged byte, anywhere in the file, is reported as damage (which makes
    Casebook fall back to the backup), never as a newer format or a wrong passphrase."""
    data = vault_files[KEY_FILE]
    for index in range(len(data)):
        for mask in (0x01, 0x80, 0xFF):
            with pytest.raises(DamagedKeyFileError):
                parse_key_file(flip(data, index, mask), PATH)


def test_every_truncation_is_damage(vault_files: dict[str, bytes]) -> None:
    data = vault_files[KEY_FILE]
    for cut in range(len(data)):
        with pytest.raises(DamagedKeyFileError) as info:
            parse_key_file(data[:cut], PATH)
        assert info.value.path == PATH
    with pytest.raises(DamagedKeyFileError, match="trailing"):
        parse_key_file(data + b"\x00", PATH)


def _header_cases() -> list[Any]:
    def edit(fn: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
        def apply(data: bytes) -> bytes:
            header, directory = split_key_file(data)
            header = copy.deepcopy(header)
            fn(header)
            return build_key_file(header, directory)

        return apply

    def raw_body(body: bytes) -> Callable[[bytes], bytes]:
        def apply(data: bytes) -> bytes:
            header, directory = split_key_file(data)
            return build_key_file(header, directory, body=body)

        return apply

    def non_canonical(data: bytes) -> bytes:
        header, directory = split_key_file(data)
        return build_key_file(header, directory, body=json.dumps(header, indent=1).encode())

    def duplicate_slot(header: dict[str, Any]) -> None:
        header["slots"][1]["slot_id"] = header["slots"][0]["slot_id"]

    def cases() -> dict[str, Callable[[bytes], bytes]]:
        return {
            "non-canonical JSON": non_canonical,
            "not JSON": raw_body(b"\xff\xfe not json"),
            "JSON list": raw_body(b"[]"),
            "format 2 inside a format-1 file": edit(lambda h: h.__setitem__("format", 2)),
            "no slots": edit(lambda h: h.__setitem__("slots", [])),
            "slots not a list": edit(lambda h: h.__setitem__("slots", {})),
            "duplicate slot ids": edit(duplicate_slot),
            "bad vault id": edit(lambda h: h.__setitem__("vault_id", "../../etc")),
            "missing vault id": edit(lambda h: h.pop("vault_id")),
            "unknown KDF": edit(lambda h: h["slots"][0]["kdf"].__setitem__("algorithm", "scrypt")),
            "salt not hex": edit(lambda h: h["slots"][0].__setitem__("salt", "zz")),
            "wrapped keys missing": edit(lambda h: h["slots"][0].pop("wrapped_keys")),
            "bad slot id": edit(lambda h: h["slots"][0].__setitem__("slot_id", "X")),
        }

    return [pytest.param(fn, id=name) for name, fn in cases().items()]


@pytest.mark.parametrize("mutate", _header_cases())
def test_malformed_header_with_valid_checksums_is_damage(
    vault_files: dict[str, bytes], mutate: Callable[[bytes], bytes]
) -> None:
    with pytest.raises(DamagedKeyFileError):
        parse_key_file(mutate(vault_files[KEY_FILE]), PATH)


def test_oversized_lengths_are_refused_before_reading(vault_files: dict[str, bytes]) -> None:
    data = vault_files[KEY_FILE]
    huge_header = data[:18] + struct.pack(">I", keyfile.MAX_HEADER_LENGTH + 1) + data[22:]
    with pytest.raises(DamagedKeyFileError, match="header length"):
        parse_key_file(huge_header, PATH)
    _start, end = header_span(data)
    at = end + 32
    huge_dir = data[:at] + struct.pack(">I", keyfile.MAX_DIRECTORY_LENGTH + 1) + data[at + 4 :]
    with pytest.raises(DamagedKeyFileError, match="directory"):
        parse_key_file(huge_dir, PATH)


# --------------------------------------------------------------------------- unlocking


@pytest.mark.parametrize("where", ["magic", "version", "json", "salt", "checksum", "directory"])
def test_damaged_key_file_is_not_a_wrong_passphrase(
    vault_files: dict[str, bytes], tmp_path: Path, where: str
) -> None:
    data = vault_files[KEY_FILE]
    start, end = header_span(data)
    salt_hex = split_key_file(data)[0]["slots"][0]["salt"].encode()
    index = {
        "magic": 3,
        "version": len(MAGIC) + 1,
        "json": start + 5,
        "salt": data.index(salt_hex) + 4,
        "checksum": end + 7,
        "directory": len(data) - 40,
    }[where]
    damaged = flip(data, index, 0x01)
    # Both copies damaged (the same way): nothing to fall back on.
    directory = install(vault_files, tmp_path / "v", damaged, damaged)
    for passphrase in (FIRST_PASS, SECOND_PASS, "not the passphrase"):
        with pytest.raises(DamagedKeyFileError) as info:
            unlock_vault(directory, passphrase)
        assert info.value.exit_code == ExitCode.DAMAGED
        assert not isinstance(info.value, WrongPassphraseError)
    # Without a backup, the damaged main copy is reported.
    (directory / KEY_BACKUP).unlink()
    with pytest.raises(DamagedKeyFileError, match="damaged"):
        unlock_vault(directory, FIRST_PASS)
    assert (directory / KEY_FILE).read_bytes() == damaged  # never "repaired" blindly


def test_truncated_key_file_without_backup_is_damage_when_unlocking(
    vault_files: dict[str, bytes], tmp_path: Path
) -> None:
    data = vault_files[KEY_FILE]
    _start, end = header_span(data)
    cuts = sorted({0, 1, 15, 16, 17, 20, 22, 40, end - 1, end, end + 31, end + 32, end + 35,
                   len(data) - 33, len(data) - 32, len(data) - 1})
    for number, cut in enumerate(cuts):
        directory = install(vault_files, tmp_path / f"v{number}", data[:cut], None)
        with pytest.raises(DamagedKeyFileError):
            unlock_vault(directory, FIRST_PASS)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("memory_kib", 8 * 1024 * 1024),  # 8 GiB
        ("memory_kib", kdf.MAX_MEMORY_KIB + 1),
        ("iterations", 1000),
        ("iterations", 21),
        ("lanes", 0),
        ("lanes", 1 << 20),
        ("memory_kib", "64"),
    ],
)
@pytest.mark.parametrize("slot", [0, 1])
def test_absurd_kdf_parameters_are_refused_before_any_work(
    vault_files: dict[str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    field: str,
    value: object,
    slot: int,
) -> None:
    header, directory_blob = split_key_file(vault_files[KEY_FILE])
    header["slots"][slot]["kdf"][field] = value
    crafted = build_key_file(header, directory_blob)  # checksums recomputed
    directory = install(vault_files, tmp_path / "v", crafted, crafted)
    forbid_kdf(monkeypatch)
    with pytest.raises(UnsafeParametersError) as info:
        parse_key_file(crafted, PATH)
    assert isinstance(info.value, DamagedDataError)
    for passphrase in (FIRST_PASS, SECOND_PASS):
        with pytest.raises(UnsafeParametersError, match="outside safe bounds"):
            unlock_vault(directory, passphrase)
    (directory / KEY_BACKUP).unlink()
    with pytest.raises(UnsafeParametersError):
        unlock_vault(directory, FIRST_PASS)


def _newer(data: bytes) -> bytes:
    header, directory = split_key_file(data)
    header["format"] = keyfile.FORMAT_VERSION + 1
    return build_key_file(header, directory, version=keyfile.FORMAT_VERSION + 1)


def test_newer_format_version(vault_files: dict[str, bytes], tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    newer = _newer(vault_files[KEY_FILE])
    with pytest.raises(NewerFormatError, match="newer version"):
        parse_key_file(newer, PATH)
    # Even a newer file whose header this version cannot read is "newer", not "damaged".
    header, directory_blob = split_key_file(vault_files[KEY_FILE])
    strange = build_key_file(header, directory_blob, version=7, body=b"<format 7 header>")
    with pytest.raises(NewerFormatError, match="format 7"):
        parse_key_file(strange, PATH)
    # Newer main copy and an older backup: refuse rather than silently downgrade.
    directory = install(vault_files, tmp_path / "v", newer, vault_files[KEY_BACKUP])
    forbid_kdf(monkeypatch)
    with pytest.raises(NewerFormatError):
        unlock_vault(directory, FIRST_PASS)
    assert (directory / KEY_FILE).read_bytes() == newer
    assert (directory / KEY_BACKUP).read_bytes() == vault_files[KEY_BACKUP]


def test_format_version_zero_is_damage(vault_files: dict[str, bytes]) -> None:
    header, directory_blob = split_key_file(vault_files[KEY_FILE])
    with pytest.raises(DamagedKeyFileError):
        parse_key_file(build_key_file(header, directory_blob, version=0), PATH)


def _wrapped_hex_offset(data: bytes, slot: int) -> tuple[int, bytes]:
    header, _directory = split_key_file(data)
    wrapped_hex = header["slots"][slot]["wrapped_keys"].encode()
    offset = data.index(wrapped_hex)
    assert data.count(wrapped_hex) == 1
    return offset, bytes.fromhex(wrapped_hex.decode())


def test_flipped_wrapped_key_bytes_never_unlock(
    vault_files: dict[str, bytes], tmp_path: Path
) -> None:
    """Property: one changed byte in a slot's wrapped keys makes unlocking fail.

    Left as it is, the header checksum reports damage. With the checksums recomputed
    (a deliberate edit), the AEAD tag or the directory's associated data catches it:
    a wrong passphrase or damage, never success and never any other exception.
    """
    data = vault_files[KEY_FILE]
    parsed = parse_key_file(data, PATH)
    # The vault itself is fine with both passphrases before any edit.
    for passphrase, name in ((FIRST_PASS, FIRST_NAME), (SECOND_PASS, SECOND_NAME)):
        session = unlock_vault(install(vault_files, Path(tempfile.mkdtemp(dir=tmp_path)) / "v",
                                       data, data), passphrase)
        assert session.user.name == name
        session.lock()

    outcomes: set[str] = set()

    @settings(max_examples=60, deadline=None)
    @given(
        slot=st.integers(0, 1),
        position=st.integers(0, 10_000),
        mask=st.integers(1, 255),
        passphrase=st.sampled_from([FIRST_PASS, SECOND_PASS]),
    )
    def check(slot: int, position: int, mask: int, passphrase: str) -> None:
        offset, wrapped = _wrapped_hex_offset(data, slot)
        index = position % len(wrapped)
        changed_byte = wrapped[index] ^ mask
        # Accidental damage: same file, one byte of the wrapped keys changed in place.
        hex_index = offset + 2 * index
        damaged = data[:hex_index] + f"{changed_byte:02x}".encode() + data[hex_index + 2 :]
        assert len(damaged) == len(data)
        # Deliberate edit: the same change, with both checksums made to match again.
        slots = list(parsed.slots)
        new_wrapped = bytearray(wrapped)
        new_wrapped[index] = changed_byte
        slots[slot] = keyfile.KeySlot(
            slots[slot].slot_id, slots[slot].kdf, slots[slot].salt, bytes(new_wrapped)
        )
        edited = KeyFile(parsed.vault_id, tuple(slots), parsed.directory).to_bytes()
        parse_key_file(edited, PATH)  # structurally valid
        with tempfile.TemporaryDirectory(dir=tmp_path) as scratch:
            one = install(vault_files, Path(scratch) / "damaged", damaged, None)
            with pytest.raises(DamagedKeyFileError, match="checksum"):
                unlock_vault(one, passphrase)
            two = install(vault_files, Path(scratch) / "edited", edited, edited)
            with pytest.raises((WrongPassphraseError, DamagedKeyFileError)) as info:
                unlock_vault(two, passphrase)
            outcomes.add(type(info.value).__name__)
            # Nothing was written into the vault by the failed attempts.
            assert (two / KEY_FILE).read_bytes() == edited
            assert (two / DATABASE).read_bytes() == vault_files[DATABASE]

    check()
    # Both ways of failing were seen: one's own slot edited (wrong passphrase) and
    # another user's slot edited (the header no longer matches the directory).
    assert outcomes == {"WrongPassphraseError", "DamagedKeyFileError"}


# --------------------------------------------------------------------------- privacy


def test_key_file_holds_no_user_names_roles_or_public_keys(
    vault_files: dict[str, bytes], tmp_path: Path
) -> None:
    session = unlock_vault(install(vault_files, tmp_path / "v", vault_files[KEY_FILE],
                                   vault_files[KEY_BACKUP]), FIRST_PASS)
    users = list(session.vault.users)
    session.lock()
    assert {u.name for u in users} == {FIRST_NAME, SECOND_NAME}
    for name in (KEY_FILE, KEY_BACKUP):
        data = vault_files[name]
        for text in (FIRST_NAME, SECOND_NAME, "Keyfile", "شاهد", "Beta",
                     FIRST_PASS, SECOND_PASS):
            assert contains_text(data, text) is None, (name, text)
        lowered = data.lower()
        for role in Role:
            assert contains_text(lowered, role.value) is None, (name, role)
        for user in users:
            assert user.public_key not in data
            assert contains_text(lowered, user.public_key.hex()) is None
            assert contains_text(lowered, user.id) is None
            assert contains_text(lowered, hashlib.sha256(user.public_key).hexdigest()) is None
