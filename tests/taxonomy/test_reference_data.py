"""Every vault gets the shipped taxonomy and gazetteer: a new one when it is created,
an older one (made before they existed) at its first unlock, audited, once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from casebook.crypto.signing import key_id
from casebook.gazetteer.shipped import shipped_gazetteer
from casebook.services.places import PlaceService
from casebook.services.reference_data import ensure_reference_data
from casebook.services.taxonomy import TaxonomyService
from casebook.services.vault_service import VaultSession, unlock_vault
from casebook.storage.models import AuditEntry
from casebook.taxonomy.shipped import default_taxonomy
from tests.core.test_fixture_vault import FIXTURE, fixture_matches_manifest
from tests.taxonomy.helpers import SHIPPED_ID, taxonomy_versions

SUPERVISOR = "fixture supervisor v1"
DOCUMENTER = "fixture passphrase v1"


def _entries(session: VaultSession) -> list[AuditEntry]:
    with Session(session.vault.engine) as db:
        return list(db.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all())


def _reference(entries: list[AuditEntry]) -> list[AuditEntry]:
    return [e for e in entries if e.action == "taxonomy-install"
            or (e.action == "import" and e.object_type == "place")]


@pytest.fixture
def old_vault(tmp_path: Path) -> Path:
    fixture_matches_manifest()
    target = tmp_path / "vault-v1"
    shutil.copytree(FIXTURE, target)
    return target


def test_a_new_vault_has_the_reference_data(vault_session: VaultSession) -> None:
    service = TaxonomyService(vault_session)
    assert service.installed() == (SHIPPED_ID, default_taxonomy().version)
    assert len(service.index()) == sum(1 for _ in default_taxonomy().terms())
    assert len(PlaceService(vault_session).gazetteer()) == len(shipped_gazetteer().places)
    reference = _reference(_entries(vault_session))
    assert len(reference) == 1 + len(shipped_gazetteer().places)
    assert ensure_reference_data(vault_session) is False
    assert len(_reference(_entries(vault_session))) == len(reference)


def test_an_old_vault_gets_the_reference_data_at_its_first_unlock(old_vault: Path) -> None:
    session = unlock_vault(old_vault, DOCUMENTER)
    try:
        entries = _entries(session)
        reference = _reference(entries)
        assert [e.action for e in reference[:1]] == ["taxonomy-install"]
        assert json.loads(reference[0].details) == {"from_version": None}
        assert len(reference) == 1 + len(shipped_gazetteer().places)
        assert {e.actor for e in reference} == {key_id(session.user.public_key)}
        assert session.check_audit_chain() is None
        assert TaxonomyService(session).installed() == (SHIPPED_ID, 1)
        assert taxonomy_versions(session) == [(SHIPPED_ID, 1)]
        gazetteer = PlaceService(session).gazetteer()
        assert len(gazetteer) == len(shipped_gazetteer().places)
        assert gazetteer.by_pcode("SY06") is not None
        count = len(entries)
    finally:
        session.lock()

    again = unlock_vault(old_vault, SUPERVISOR)
    try:
        entries = _entries(again)
        assert len(entries) == count + 1  # the login, nothing else
        assert entries[-1].action == "login"
        assert len(_reference(entries)) == 1 + len(shipped_gazetteer().places)
        assert taxonomy_versions(again) == [(SHIPPED_ID, 1)]
    finally:
        again.lock()
    fixture_matches_manifest()
