"""Bad packages are refused with a clear message and leave the vault unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casebook.domain.errors import (
    CasebookError,
    ExitCode,
    PackageNotForYouError,
    PackageRefusedError,
)
from casebook.domain.records import RecordKind
from casebook.domain.users import Role
from casebook.exchange import package_format
from casebook.services.contacts import ContactService
from casebook.services.packages import PackageService
from casebook.services.records import RecordService, RecordStore
from casebook.services.vault_service import KdfPolicy, create_vault
from tests.packages.helpers import SUPERVISOR, Pair, Side, database_digest


def _package(pair: Pair) -> Path:
    with pair.documenter.session() as session:
        RecordService(session).create(RecordKind.INCIDENT, {"title": "Arrest at the bakery"})
    return pair.send(pair.documenter, SUPERVISOR)


def _refused_unchanged(side: Side, package: Path, error: type[CasebookError],
                       match: str) -> CasebookError:
    with side.session() as session:
        before = database_digest(session)
        blobs = side.blob_names()
        with pytest.raises(error, match=match) as caught:
            PackageService(session).import_package(package)
        assert database_digest(session) == before
        assert side.blob_names() == blobs
    return caught.value


def test_tampered_package_is_refused(pair: Pair) -> None:
    package = _package(pair)
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0x01
    package.write_bytes(bytes(data))
    error = _refused_unchanged(pair.supervisor, package, PackageRefusedError, "altered")
    assert error.exit_code is ExitCode.DAMAGED


def test_truncated_package_is_refused(pair: Pair) -> None:
    package = _package(pair)
    package.write_bytes(package.read_bytes()[:-100])
    _refused_unchanged(pair.supervisor, package, PackageRefusedError, "truncated")
    package.write_bytes(b"not a package at all")
    _refused_unchanged(pair.supervisor, package, PackageRefusedError, "not an age file")


def test_package_for_someone_else_is_refused(pair: Pair, tmp_path: Path,
                                             kdf_policy: KdfPolicy) -> None:
    package = _package(pair)
    third = Side(tmp_path / "third", "third passphrase birch 73", kdf_policy)
    create_vault(third.folder, "Third Person", Role.SUPERVISOR, third.passphrase,
                 kdf_policy).lock()
    with third.session() as session:
        contacts = ContactService(session)
        card = contacts.import_card(tmp_path / "cards" / "documenter.json")
        contacts.verify(card.key_id, card.fingerprint)
    error = _refused_unchanged(third, package, PackageNotForYouError, "not made for you")
    assert error.exit_code is ExitCode.FAILED


def test_unknown_and_unverified_signers_are_refused(pair: Pair, tmp_path: Path,
                                                    kdf_policy: KdfPolicy) -> None:
    # A third vault that knows the supervisor, and sends them a package; the
    # supervisor has never imported its card.
    stranger = Side(tmp_path / "stranger", "stranger passphrase oak 74", kdf_policy)
    create_vault(stranger.folder, "Stranger", Role.DOCUMENTER, stranger.passphrase,
                 kdf_policy).lock()
    with stranger.session() as session:
        contacts = ContactService(session)
        card = contacts.import_card(tmp_path / "cards" / "supervisor.json")
        contacts.verify(card.key_id, card.fingerprint)
        RecordService(session).create(RecordKind.INCIDENT, {"title": "Unsolicited"})
        contacts.export_card(tmp_path / "cards" / "stranger.json")
        out = tmp_path / "stranger.cbpkg"
        PackageService(session).export([card.key_id], out)
    _refused_unchanged(pair.supervisor, out, PackageRefusedError, "not one of your contacts")
    with pair.supervisor.session() as session:
        ContactService(session).import_card(tmp_path / "cards" / "stranger.json")
    _refused_unchanged(pair.supervisor, out, PackageRefusedError, "not verified yet")


def test_content_the_senders_trail_does_not_record_is_refused(pair: Pair) -> None:
    """Even a package signed with the sender's own key must match their trail: a
    record altered after it was saved is caught."""
    package = _package(pair)
    with pair.supervisor.session() as supervisor:
        opened = package_format.open_package(package.read_bytes(),
                                             supervisor.vault.signing_seed(),
                                             source=package.name)
    body = {k: v for k, v in opened.body.items() if k != "format"}
    for record in body["records"]:
        if record["kind"] == "incident":
            record["versions"][-1]["content"]["title"] = "Something else"
    forged = package.with_name("forged.cbpkg")
    with pair.documenter.session() as session:
        forged.write_bytes(package_format.build(body, opened.files,
                                                session.vault.signing_seed(),
                                                [_age_recipient(pair)]))
    _refused_unchanged(pair.supervisor, forged, PackageRefusedError,
                       "not the one the sender's audit trail records")


def _age_recipient(pair: Pair) -> str:
    card = json.loads((pair.tmp / "cards" / "supervisor.json").read_text())
    return str(card["age_recipient"])


def test_an_approval_without_a_review_is_refused(pair: Pair) -> None:
    """A version whose status says approved, recorded by the sender's trail as a plain
    edit (a vault tampered with, or a bug), is not taken for an approval."""
    with pair.documenter.session() as session:
        incident = RecordService(session).create(RecordKind.INCIDENT, {"title": "Forged"})
        with session.unit_of_work() as uow:
            RecordStore(uow, session.user.id).put_version(
                incident.id, RecordKind.INCIDENT, 2, {**incident.content, "status": "approved"},
                tombstone=False, saved_at=incident.updated_at, saved_by=session.user.id,
                created=None, action="update", details={})
    package = pair.send(pair.documenter, SUPERVISOR)
    _refused_unchanged(pair.supervisor, package, PackageRefusedError,
                       "marked approved without a review decision")
