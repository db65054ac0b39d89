"""Evidence files: attach (encrypt, hash at ingest), list, preview from memory, and
the explicit, audited "save a decrypted copy"."""

from __future__ import annotations

import mimetypes
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from casebook.crypto import envelope
from casebook.crypto.errors import CryptoError
from casebook.crypto.stream import Progress, new_stream_key
from casebook.crypto.subkeys import Purpose, derive_subkey
from casebook.domain.errors import CasebookError, DamagedDataError
from casebook.domain.records import RecordKind
from casebook.services.records import RecordNotFoundError, RecordStore, StoredRecord
from casebook.services.unit_of_work import UnitOfWork
from casebook.services.vault_service import VaultSession
from casebook.storage import blobs
from casebook.storage.models import Attachment, Record, RecordReference
from casebook.storage.vault import now_utc

#: Larger files are not previewed (their bytes would all sit in memory).
MAX_PREVIEW_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    id: str
    evidence_id: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    added_at: str


@dataclass(frozen=True, slots=True)
class SealedFile:
    """A file encrypted into a blob, not yet recorded in the database."""

    evidence_id: str
    attachment_id: str
    blob_name: str
    file_key: bytes = field(repr=False)
    sha256: str
    size: int
    media_type: str
    file_name: str


def _context(evidence_id: str, attachment_id: str) -> bytes:
    return f"casebook/v1/attachment/{evidence_id}/{attachment_id}".encode()


class EvidenceService:
    def __init__(self, session: VaultSession) -> None:
        self.session = session

    def _wrapping_key(self) -> bytes:
        return derive_subkey(self.session.vault.root_key(), Purpose.ATTACHMENT_WRAPPING)

    def attach(
        self, record_id: str, source: Path, *, description: str | None = None,
        progress: Progress | None = None,
    ) -> tuple[StoredRecord, AttachmentInfo]:
        """Encrypt ``source`` into the vault as evidence for ``record_id``.

        An evidence record gets the file directly; any other record gets a new evidence
        record pointing at it. The blob is written first; if the transaction then
        fails, the blob is removed again.
        """
        vault = self.session.vault
        with Session(vault.engine) as db:
            target = db.get(Record, record_id)
            if target is None or target.deleted:
                raise RecordNotFoundError(f"There is no record with id {record_id}.")
            target_kind = RecordKind(target.kind)
        evidence_id = record_id if target_kind is RecordKind.EVIDENCE else str(uuid.uuid4())
        sealed = self.seal_file(evidence_id, source, progress)
        try:
            with self.session.unit_of_work() as uow:
                store = RecordStore(uow, self.session.user.id)
                if target_kind is RecordKind.EVIDENCE:
                    evidence = store.get_current(evidence_id)
                else:
                    evidence = store.create(
                        RecordKind.EVIDENCE,
                        {"record": record_id, "description": description or source.name},
                        record_id=evidence_id,
                    )
                info = self.add_sealed(uow, evidence, sealed)
        except BaseException:
            self.discard(sealed)
            raise
        return evidence, info

    def seal_file(
        self, evidence_id: str, source: Path, progress: Progress | None = None
    ) -> SealedFile:
        """Encrypt ``source`` into a new blob for evidence record ``evidence_id``.

        The blob is useless until :meth:`add_sealed` records it in a committed unit of
        work; a caller whose transaction does not commit must :meth:`discard` it.
        """
        attachment_id = str(uuid.uuid4())
        file_key = new_stream_key()
        blob_name, digest = blobs.store(
            self.session.vault.paths.blobs, file_key, _context(evidence_id, attachment_id),
            source, progress,
        )
        media_type = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
        return SealedFile(evidence_id, attachment_id, blob_name, file_key, digest.sha256,
                          digest.size, media_type, source.name)

    def seal_bytes(self, evidence_id: str, attachment_id: str, data: bytes, *,
                   media_type: str, file_name: str) -> SealedFile:
        """Encrypt a file received in a case package into a new blob, under the id it
        has in every vault (same rules as :meth:`seal_file`)."""
        file_key = new_stream_key()
        blob_name, digest = blobs.store_bytes(
            self.session.vault.paths.blobs, file_key, _context(evidence_id, attachment_id),
            data)
        return SealedFile(evidence_id, attachment_id, blob_name, file_key, digest.sha256,
                          digest.size, media_type, file_name)

    def add_sealed(
        self, uow: UnitOfWork, evidence: StoredRecord | Record, sealed: SealedFile, *,
        added: tuple[str, str] | None = None, details: Mapping[str, Any] | None = None,
    ) -> AttachmentInfo:
        """Record a sealed blob as a file of ``evidence``, with its ``attach`` audit
        entry, in the caller's unit of work. ``added``: when and by whom, for a file
        received from another vault (default: now, by this user)."""
        if evidence.id != sealed.evidence_id:
            raise ValueError("the blob was sealed for another evidence record")
        added_at, added_by = added or (now_utc(), self.session.user.id)
        attachment = Attachment(
            id=sealed.attachment_id, evidence_id=evidence.id, blob_name=sealed.blob_name,
            wrapped_key=envelope.seal(
                self._wrapping_key(), sealed.file_key, sealed.attachment_id.encode()
            ).hex(),
            sha256=sealed.sha256, size=sealed.size, media_type=sealed.media_type,
            file_name=sealed.file_name, added_at=added_at, added_by=added_by,
        )
        uow.session.add(attachment)
        uow.audit(
            "attach", RecordKind.EVIDENCE.value, evidence.id, version=evidence.version,
            payload={"attachment": sealed.attachment_id, "sha256": sealed.sha256,
                     "size": sealed.size},
            details=details,
        )
        return _info(attachment)

    def discard(self, sealed: SealedFile) -> None:
        """Remove the blob of a sealed file whose transaction did not commit."""
        blobs.remove(self.session.vault.paths.blobs, sealed.blob_name)

    def attachments(self, record_id: str) -> list[AttachmentInfo]:
        """Files of an evidence record, or of every evidence record pointing at a record."""
        with Session(self.session.vault.engine) as db:
            statement = select(Attachment).where(
                (col(Attachment.evidence_id) == record_id)
                | col(Attachment.evidence_id).in_(self._evidence_of(db, record_id))
            ).order_by(col(Attachment.added_at))
            return [_info(a) for a in db.exec(statement).all()]

    @staticmethod
    def _evidence_of(db: Session, record_id: str) -> list[str]:
        rows = db.exec(
            select(RecordReference.from_id).where(
                RecordReference.to_id == record_id, RecordReference.field == "record"
            )
        )
        return list(rows.all())

    def _load(self, attachment_id: str) -> tuple[Attachment, blobs.SealedBlob]:
        with Session(self.session.vault.engine) as db:
            attachment = db.get(Attachment, attachment_id)
        if attachment is None:
            raise CasebookError(f"There is no evidence file with id {attachment_id}.")
        try:
            key = envelope.open_sealed(
                self._wrapping_key(), bytes.fromhex(attachment.wrapped_key),
                attachment_id.encode(),
            )
        except (CryptoError, ValueError):
            raise DamagedDataError(
                f"The key of evidence file {attachment.file_name} is damaged. "
                "Restore casebook.db from a backup of this vault."
            ) from None
        sealed = blobs.SealedBlob(
            path=self.session.vault.paths.blobs / attachment.blob_name, key=key,
            context=_context(attachment.evidence_id, attachment.id), sha256=attachment.sha256,
        )
        return attachment, sealed

    def read_into_memory(self, attachment_id: str) -> bytes:
        attachment, sealed = self._load(attachment_id)
        if attachment.size > MAX_PREVIEW_BYTES:
            raise CasebookError(
                f"{attachment.file_name} is too large to preview "
                f"({attachment.size // (1024 * 1024)} MiB); save a decrypted copy instead."
            )
        return blobs.read_into_memory(sealed)

    def read_whole(self, attachment_id: str) -> bytes:
        """The whole original in memory, whatever its size: case packages, which are
        built and encrypted in memory so no plaintext reaches the disk."""
        _attachment, sealed = self._load(attachment_id)
        return blobs.read_into_memory(sealed)

    def save_decrypted_copy(
        self, attachment_id: str, target: Path, progress: Progress | None = None
    ) -> None:
        """Write the original, decrypted, outside the vault. Audited: the copy is no
        longer protected by Casebook."""
        attachment, sealed = self._load(attachment_id)
        blobs.save_copy(sealed, target, progress)
        with self.session.unit_of_work() as uow:
            uow.audit(
                "export-file", RecordKind.EVIDENCE.value, attachment.evidence_id,
                details={"attachment": attachment.id, "sha256": attachment.sha256},
            )


def _info(a: Attachment) -> AttachmentInfo:
    return AttachmentInfo(a.id, a.evidence_id, a.file_name, a.media_type, a.size, a.sha256,
                          a.added_at)
