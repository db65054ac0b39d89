"""Nothing identifying reaches the disk unencrypted (DESIGN.md section 4).

A vault is used with marker user names and passphrases; afterwards every file in the
vault folder, the temp folder and the XDG config/data/cache/state folders is searched
for the markers in UTF-8, UTF-16-LE and UTF-16-BE.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from casebook.crypto.subkeys import Purpose, derive_subkey
from casebook.domain.users import Role
from casebook.services.vault_service import KdfPolicy, create_vault, unlock_vault
from tests.core.helpers import DATABASE, KEY_BACKUP, KEY_FILE, contains_text

FIRST_MARKER = "Zarqa-Marker-7Q"
FIRST_ARABIC = "زرقاء_علامة"
SECOND_MARKER = "Qamar-Marker-9X"
SECOND_ARABIC = "قمر_إشارة"
PASSPHRASES = [
    "leak scan passphrase one 7Q",
    "ممر سري للاختبار ٧",  # Arabic passphrase with Arabic-Indic digit
    "leak scan passphrase two 9X",
    "leak scan changed passphrase 3Z",
]


def all_files(*roots: Path) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        if root.exists():
            files.extend(p for p in root.rglob("*") if p.is_file())
    return files


def test_no_names_or_passphrases_on_disk(
    tmp_path: Path, kdf_policy: KdfPolicy, isolated_environment: Path
) -> None:
    vault = tmp_path / "vault"
    first_name = f"{FIRST_MARKER} {FIRST_ARABIC}"
    second_name = f"{SECOND_MARKER} {SECOND_ARABIC}"

    session = create_vault(vault, first_name, Role.SUPERVISOR, PASSPHRASES[0], kdf_policy)
    session.add_user(second_name, Role.DOCUMENTER, PASSPHRASES[1], kdf_policy)
    session.change_passphrase(PASSPHRASES[0], PASSPHRASES[2], kdf_policy)
    root_key = session.vault.root_key()
    session.lock()
    second = unlock_vault(vault, PASSPHRASES[1])
    assert second.user.name == second_name
    second.change_passphrase(PASSPHRASES[1], PASSPHRASES[3], kdf_policy)
    second.lock()
    first = unlock_vault(vault, PASSPHRASES[2])
    assert {u.name for u in first.vault.users} == {first_name, second_name}
    first.lock()

    # After lock: only the vault's own files, no WAL with content, no temp files.
    assert sorted(p.name for p in vault.iterdir()) == sorted(
        ["backups", "blobs", DATABASE, KEY_FILE, KEY_BACKUP]
    )
    assert list((vault / "blobs").iterdir()) == []
    assert list((vault / "backups").iterdir()) == []

    secrets = [
        FIRST_MARKER, FIRST_ARABIC, SECOND_MARKER, SECOND_ARABIC,
        "Zarqa", "زرقاء", "Qamar", "قمر",
        *PASSPHRASES,
        *(unicodedata.normalize("NFD", p) for p in PASSPHRASES),
    ]
    keys = [
        root_key,
        derive_subkey(root_key, Purpose.DATABASE),
        derive_subkey(root_key, Purpose.KEYFILE_DIRECTORY),
    ]
    temp_dir = Path(tempfile.gettempdir())
    assert temp_dir.is_relative_to(isolated_environment)  # conftest isolates it
    files = all_files(vault, isolated_environment)
    assert {p.name for p in files} >= {DATABASE, KEY_FILE, KEY_BACKUP}
    for path in files:
        data = path.read_bytes()
        for text in secrets:
            encoding = contains_text(data, text)
            assert encoding is None, f"{text!r} found in {path} ({encoding})"
        for key in keys:
            assert key not in data, f"key material in {path}"
            assert contains_text(data, key.hex()) is None, f"key material (hex) in {path}"
        # SQLCipher pages carry no plaintext SQLite header either.
        assert b"SQLite format 3" not in data, f"unencrypted database in {path}"
