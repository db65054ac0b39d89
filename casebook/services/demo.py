"""The demo vault: a fictional data set to explore Casebook with (resources/demo/)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from casebook.domain.errors import CasebookError
from casebook.domain.users import Role
from casebook.services.interchange import ImportReport, import_json
from casebook.services.vault_service import REAL_KDF, KdfPolicy, VaultSession, create_vault

#: Shown to the user when the demo is created: the demo holds no real data, so its
#: passphrase is no secret.
DEMO_PASSPHRASE = "demo vault - fictional data only"  # noqa: S105 - shown to the user
DEMO_USER = "Demo Documenter"


def demo_data_file() -> Path:
    """The demo data set shipped with Casebook (``resources/demo/coast-2025.json``)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "resources" / "demo" / "coast-2025.json"
        if candidate.is_file():
            return candidate
    raise CasebookError(
        "The demo data set (resources/demo/coast-2025.json) is not installed with this "
        "copy of Casebook."
    )


@dataclass(frozen=True, slots=True)
class DemoVault:
    session: VaultSession
    passphrase: str
    report: ImportReport


def create_demo_vault(directory: Path, policy: KdfPolicy = REAL_KDF) -> DemoVault:
    """Create a vault at ``directory`` and import the demo data set into it."""
    data = demo_data_file()
    session = create_vault(directory, DEMO_USER, Role.DOCUMENTER, DEMO_PASSPHRASE, policy)
    try:
        report = import_json(session, data)
    except BaseException:
        session.lock()
        raise
    return DemoVault(session, DEMO_PASSPHRASE, report)
