"""A package and a contact card from the first release with packages still read
(``tests/fixtures/package-v1``, made by tests/fixtures/make_fixture_package.py)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from casebook.exchange.card import parse_card
from casebook.services.audit import AuditService
from casebook.services.evidence import EvidenceService
from casebook.services.packages import PackageService
from casebook.services.records import RecordService
from casebook.services.review import ReviewService
from casebook.services.vault_service import unlock_vault

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE = FIXTURES / "package-v1"
EVIDENCE = bytes(range(256)) * 64


def _unchanged() -> None:
    for line in (FIXTURES / "package-v1.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((FIXTURE / name).read_bytes()).hexdigest() == digest, name


def test_first_release_card_still_parses() -> None:
    card = parse_card((FIXTURE / "documenter.card.json").read_bytes())
    assert card.name == "Fixture Documenter" and card.role == "documenter"
    assert len(card.fingerprint.split()) == 6


def test_first_release_package_still_imports(tmp_path: Path) -> None:
    _unchanged()
    vault = tmp_path / "recipient"
    shutil.copytree(FIXTURE / "recipient", vault)
    session = unlock_vault(vault, "fixture supervisor v1")
    try:
        outcome = PackageService(session).import_package(FIXTURE / "package.cbpkg")
        assert outcome.sender.name == "Fixture Documenter" and outcome.sender.verified
        assert outcome.new_records == 4 and outcome.new_evidence_files == 1
        [queued] = ReviewService(session).queue()
        assert RecordService(session).get(queued.id).content["title"] == "اعتقال عند الحاجز"
        [attachment] = EvidenceService(session).attachments(queued.id)
        assert EvidenceService(session).read_whole(attachment.id) == EVIDENCE
        assert AuditService(session).verify().ok
    finally:
        session.lock()
    _unchanged()
