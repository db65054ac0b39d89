from __future__ import annotations

from pathlib import Path

import pytest

from casebook.services.vault_service import KdfPolicy
from tests.dossier.helpers import MarkerVault, make_marker_vault


@pytest.fixture
def marker_vault(vault_dir: Path, kdf_policy: KdfPolicy, tmp_path: Path) -> MarkerVault:
    """A supervisor's vault with markers in every protected field (locked)."""
    files = tmp_path / "files"
    files.mkdir()
    return make_marker_vault(vault_dir, kdf_policy, files)
