"""The leak scan extended to records, statements, drafts, search and attachments:
after use and lock, no marker from any of them is on disk in plaintext."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from casebook.domain.records import RecordKind
from casebook.services.drafts import DraftService
from casebook.services.evidence import EvidenceService
from casebook.services.queries import IncidentFilter, Queries
from casebook.services.records import RecordService
from casebook.services.vault_service import VaultSession, unlock_vault
from tests.conftest import PASSPHRASE
from tests.core.helpers import contains_text

MARKERS = {
    "incident title": "Ghadir-Incident-4K",
    "narrative": "سردية_الحادثة_خاصة",
    "victim name": "Yaman-Victim-8R",
    "victim name (ar)": "يمان_الضحية",
    "witness contact": "+963-900-000-077-MARK",
    "statement": "إفادة_سرية_جدا",
    "draft": "Draft-Marker-2W",
    "file name": "Nadim-photo-5T",
}
FILE_MARKER = b"EXIF-GPS-35.5-MARKER"


def _png(marker: bytes) -> bytes:
    """A tiny valid PNG with ``marker`` in a text chunk (like camera metadata)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"tEXt", b"c\x00" + marker)
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def test_records_statements_drafts_and_files_leave_no_plaintext(
    vault_session: VaultSession, vault_dir: Path, tmp_path: Path, isolated_environment: Path
) -> None:
    records = RecordService(vault_session)
    incident = records.create(RecordKind.INCIDENT, {
        "title": MARKERS["incident title"], "narrative": MARKERS["narrative"]})
    victim = records.create(RecordKind.PERSON, {
        "name": f'{MARKERS["victim name"]} {MARKERS["victim name (ar)"]}',
        "contact": MARKERS["witness contact"]})
    records.create(RecordKind.INVOLVEMENT, {"incident": incident.id, "person": victim.id,
                                            "role": "victim"})
    records.create(RecordKind.STATEMENT, {"incident": incident.id, "source": victim.id,
                                          "text": MARKERS["statement"]})
    DraftService(vault_session).save(RecordKind.INCIDENT, {"title": MARKERS["draft"]})
    outside = tmp_path / "outside"
    outside.mkdir()
    photo = outside / f'{MARKERS["file name"]}.png'
    photo.write_bytes(_png(FILE_MARKER))
    _, info = EvidenceService(vault_session).attach(incident.id, photo)
    assert EvidenceService(vault_session).read_into_memory(info.id) == photo.read_bytes()
    assert Queries(vault_session).incident_ids(IncidentFilter(search="يمان"))
    records.update(incident.id, {"title": MARKERS["incident title"] + " v2",
                                 "narrative": MARKERS["narrative"]}, expected_version=1)
    vault_session.lock()
    # Reopen and lock once more, so the WAL has been used and checkpointed twice.
    unlock_vault(vault_dir, PASSPHRASE).lock()
    photo.unlink()

    files = [p for root in (vault_dir, isolated_environment)
             for p in root.rglob("*") if p.is_file()]
    assert any(p.parent.name == "blobs" for p in files)
    for path in files:
        data = path.read_bytes()
        for what, marker in MARKERS.items():
            assert not contains_text(data, marker), f"{what} found in {path}"
        assert FILE_MARKER not in data, f"file content found in {path}"
