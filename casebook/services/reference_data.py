"""The reference data every vault starts with: the shipped taxonomy and gazetteer.

Installed in the transaction that creates a vault; a vault made before they existed
gets them at its next unlock (audited as that user's action).
"""

from __future__ import annotations

from casebook.services.places import install_shipped_places
from casebook.services.records import RecordStore
from casebook.services.taxonomy import install_taxonomy
from casebook.services.unit_of_work import UnitOfWork
from casebook.services.vault_service import VaultSession
from casebook.storage.taxonomy_rows import installed_taxonomy
from casebook.taxonomy.shipped import default_taxonomy


def install_reference_data(uow: UnitOfWork, user_id: str) -> None:
    if installed_taxonomy(uow.session) is None:
        install_taxonomy(uow, default_taxonomy())
        install_shipped_places(RecordStore(uow, user_id, allow_retired_tags=True))


def ensure_reference_data(session: VaultSession) -> bool:
    """Install the shipped taxonomy and gazetteer if this vault has none yet."""
    with session.unit_of_work() as uow:
        if installed_taxonomy(uow.session) is not None:
            return False
        install_reference_data(uow, session.user.id)
    return True
