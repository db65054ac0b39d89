from __future__ import annotations

from pathlib import Path

import pytest

from casebook.services.vault_service import KdfPolicy
from tests.audit.helpers import TwoUsers, make_two_users


@pytest.fixture
def two_users(vault_dir: Path, kdf_policy: KdfPolicy) -> TwoUsers:
    """A locked vault: a supervisor (who made it) and a documenter."""
    return make_two_users(vault_dir, kdf_policy)
