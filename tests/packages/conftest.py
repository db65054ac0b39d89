from __future__ import annotations

from pathlib import Path

import pytest

from casebook.services.vault_service import KdfPolicy
from tests.packages.helpers import Pair, make_pair


@pytest.fixture
def pair(tmp_path: Path, kdf_policy: KdfPolicy) -> Pair:
    """A documenter's vault and a supervisor's, each with the other as a verified contact."""
    return make_pair(tmp_path, kdf_policy)
