"""Evidence files: encrypted per file, hashed at ingest, tamper cases leave no plaintext."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from sqlmodel import Session

from casebook.domain.errors import CasebookError, DamagedDataError
from casebook.domain.records import RecordKind
from casebook.services.evidence import EvidenceService
from casebook.services.records import RecordNotFoundError, RecordService
from casebook.services.vault_service import VaultSession
from casebook.storage.models import Attachment

MARKER = b"EVIDENCE-MARKER-91QZ"


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "incoming" / "photo of the wall.jpg"
    path.parent.mkdir()
    path.write_bytes(MARKER + os.urandom(3 * 1024 * 1024) + MARKER)
    return path


@pytest.fixture
def incident_id(vault_session: VaultSession) -> str:
    return RecordService(vault_session).create(RecordKind.INCIDENT, {"title": "Raid"}).id


def _blob(session: VaultSession, attachment_id: str) -> Path:
    with Session(session.vault.engine) as db:
        row = db.get(Attachment, attachment_id)
        assert row is not None
        return session.vault.paths.blobs / row.blob_name


def test_attach_encrypts_hashes_and_reads_back(
    vault_session: VaultSession, incident_id: str, photo: Path
) -> None:
    service = EvidenceService(vault_session)
    progress: list[int] = []
    evidence, info = service.attach(incident_id, photo, progress=progress.append)
    assert evidence.kind is RecordKind.EVIDENCE
    assert evidence.content["record"] == incident_id
    assert info.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert info.media_type == "image/jpeg"
    assert progress[-1] == photo.stat().st_size
    blob = _blob(vault_session, info.id)
    assert MARKER not in blob.read_bytes()
    assert blob.name != info.sha256
    assert service.read_into_memory(info.id) == photo.read_bytes()
    assert [a.id for a in service.attachments(incident_id)] == [info.id]
    assert vault_session.check_audit_chain() is None


def test_second_file_on_an_evidence_record(
    vault_session: VaultSession, incident_id: str, photo: Path
) -> None:
    service = EvidenceService(vault_session)
    evidence, first = service.attach(incident_id, photo)
    _, second = service.attach(evidence.id, photo)
    assert {a.id for a in service.attachments(evidence.id)} == {first.id, second.id}


def test_save_decrypted_copy(
    vault_session: VaultSession, incident_id: str, photo: Path, tmp_path: Path
) -> None:
    service = EvidenceService(vault_session)
    _, info = service.attach(incident_id, photo)
    target = tmp_path / "out.jpg"
    service.save_decrypted_copy(info.id, target)
    assert target.read_bytes() == photo.read_bytes()
    with pytest.raises(CasebookError, match="already exists"):
        service.save_decrypted_copy(info.id, target)


@pytest.mark.parametrize("damage", ["truncate", "flip", "swap", "delete"])
def test_damaged_blob_gives_clear_error_and_no_plaintext(
    vault_session: VaultSession, incident_id: str, photo: Path, tmp_path: Path, damage: str
) -> None:
    service = EvidenceService(vault_session)
    _, info = service.attach(incident_id, photo)
    _, other = service.attach(incident_id, photo)
    blob = _blob(vault_session, info.id)
    data = bytearray(blob.read_bytes())
    if damage == "truncate":
        blob.write_bytes(bytes(data[: len(data) // 2]))
    elif damage == "flip":
        data[len(data) - 100] ^= 0x40
        blob.write_bytes(bytes(data))
    elif damage == "swap":
        blob.write_bytes(_blob(vault_session, other.id).read_bytes())
    else:
        blob.unlink()
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(DamagedDataError) as caught:
        service.save_decrypted_copy(info.id, out_dir / "copy.jpg")
    assert caught.value.exit_code == 4
    assert list(out_dir.iterdir()) == []
    with pytest.raises(DamagedDataError):
        service.read_into_memory(info.id)


def test_attach_to_missing_record_or_file_writes_nothing(
    vault_session: VaultSession, incident_id: str, photo: Path, tmp_path: Path
) -> None:
    service = EvidenceService(vault_session)
    with pytest.raises(RecordNotFoundError):
        service.attach("no-such-record", photo)
    with pytest.raises(CasebookError, match="does not exist"):
        service.attach(incident_id, tmp_path / "missing.jpg")
    assert list(vault_session.vault.paths.blobs.iterdir()) == []
