"""Case packages: sending records, reviews and evidence to colleagues' vaults, and
receiving theirs (DESIGN.md section 7, docs/packages.md).

Export reads what changed since the last package to the recipients, signs it and
encrypts it to them, and writes the file atomically. Import decrypts, checks the
signature against a verified contact, checks that the sender's audit trail continues
what was received from them before and that every item is one that trail records,
then merges record by record: nothing is overwritten, and concurrent edits become
conflicts (services/conflicts.py). The whole import is one transaction: a refused
package leaves the vault as it was.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from casebook.audit.checkpoint import Checkpoint
from casebook.audit.checkpoint import message as checkpoint_message
from casebook.audit.verify import (
    RECORD_OBJECT_TYPES,
    comment_payload,
    review_payload,
)
from casebook.crypto import signing
from casebook.domain.errors import (
    CasebookError,
    UsageError,
    ValidationError,
)
from casebook.domain.records import RecordKind
from casebook.exchange import package_format
from casebook.exchange.merge import Version
from casebook.services.audit import check_target, write_file
from casebook.services.contacts import ContactInfo, ContactService
from casebook.services.evidence import EvidenceService
from casebook.services.package_import import Receiver
from casebook.services.package_types import (
    ConflictSummary,
    ExportResult,
    ImportOutcome,
    PackageContents,
    PackagePlan,
    Progress,
)
from casebook.services.unit_of_work import COMMIT_SALT_KEY
from casebook.services.vault_service import VaultSession
from casebook.storage.models import (
    Attachment,
    AuditCheckpoint,
    AuditEntry,
    Comment,
    Contact,
    PackageSent,
    PeerCheckpoint,
    PeerVault,
    Record,
    RecordReference,
    RecordVersion,
    Review,
    VaultMeta,
    VersionAbsorbs,
)
from casebook.storage.vault import now_utc

#: Records travel parents first, so references resolve as they arrive.
_KIND_ORDER = {kind: i for i, kind in enumerate((
    RecordKind.PLACE, RecordKind.UNIT, RecordKind.PERSON, RecordKind.INCIDENT,
    RecordKind.INVOLVEMENT, RecordKind.ACT, RecordKind.STATEMENT, RecordKind.CONSENT,
    RecordKind.EVIDENCE, RecordKind.QUALIFICATION))}


@dataclass
class _Collected:
    entries: list[AuditEntry]
    records: list[dict[str, Any]]
    reviews: list[Review]
    comments: list[Comment]
    attachments: list[Attachment]
    contents: PackageContents


def _record_versions(db: Session, record_ids: Iterable[str]) -> dict[str, list[RecordVersion]]:
    versions: dict[str, list[RecordVersion]] = defaultdict(list)
    ids = list(record_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in db.exec(select(RecordVersion).where(col(RecordVersion.record_id).in_(chunk))
                           .order_by(col(RecordVersion.version))):
            versions[row.record_id].append(row)
    return versions


def _collect(db: Session, since: int) -> _Collected:
    entries = list(db.exec(select(AuditEntry).where(AuditEntry.seq > since)
                           .order_by(col(AuditEntry.seq))))
    record_ids: set[str] = set()
    review_ids: set[str] = set()
    comment_ids: set[str] = set()
    evidence_with_files: set[str] = set()
    for entry in entries:
        if entry.object_id is None:
            continue
        if entry.object_type in RECORD_OBJECT_TYPES:
            record_ids.add(entry.object_id)
            if entry.action == "attach":
                evidence_with_files.add(entry.object_id)
        elif entry.object_type == "review":
            review_ids.add(entry.object_id)
        elif entry.object_type == "comment":
            comment_ids.add(entry.object_id)
    reviews = [r for r in (db.get(Review, i) for i in sorted(review_ids)) if r is not None]
    comments = [c for c in (db.get(Comment, i) for i in sorted(comment_ids)) if c is not None]
    record_ids |= {r.record_id for r in reviews} | {c.record_id for c in comments}
    # What the records point at goes too, so the recipient can link them even if an
    # earlier package never reached them.
    frontier = set(record_ids)
    while frontier:
        targets = set(db.exec(select(RecordReference.to_id)
                              .where(col(RecordReference.from_id).in_(frontier))).all())
        frontier = targets - record_ids
        record_ids |= frontier
    rows = {r.id: r for r in db.exec(select(Record).where(col(Record.id).in_(record_ids)))}
    versions = _record_versions(db, rows)
    absorbs: dict[str, list[VersionAbsorbs]] = defaultdict(list)
    for row in db.exec(select(VersionAbsorbs).where(col(VersionAbsorbs.record_id).in_(rows))):
        absorbs[row.record_id].append(row)
    records: list[dict[str, Any]] = []
    for record in sorted(rows.values(), key=lambda r: (_KIND_ORDER[RecordKind(r.kind)],
                                                         r.created_at, r.id)):
        records.append({
            "id": record.id, "kind": record.kind, "created_at": record.created_at,
            "created_by": record.created_by,
            "versions": [Version(v.version, v.kind, v.content, bool(v.tombstone), v.saved_at,
                                 v.saved_by).as_json() for v in versions[record.id]],
            "absorbs": [{"version": a.version, "absorbed": a.absorbed}
                        for a in absorbs[record.id]],
        })
    attachments = list(db.exec(select(Attachment).where(
        col(Attachment.evidence_id).in_(evidence_with_files)).order_by(col(Attachment.id))))
    by_kind: dict[str, int] = defaultdict(int)
    for item in records:
        by_kind[str(item["kind"])] += 1
    contents = PackageContents(
        records=len(records), versions=sum(len(r["versions"]) for r in records),
        by_kind=dict(sorted(by_kind.items())), reviews=len(reviews), comments=len(comments),
        evidence_files=len(attachments), evidence_bytes=sum(a.size for a in attachments),
        audit_entries=len(entries))
    return _Collected(entries, records, reviews, comments, attachments, contents)


def _entry_json(entry: Any) -> dict[str, Any]:
    return {"seq": entry.seq, "at": entry.at, "actor": entry.actor, "action": entry.action,
            "object_type": entry.object_type, "object_id": entry.object_id,
            "object_version": entry.object_version, "object_commit": entry.object_commit,
            "details": json.loads(entry.details), "prev_hash": entry.prev_hash,
            "entry_hash": entry.entry_hash}


def _checkpoint_json(row: AuditCheckpoint | PeerCheckpoint | Checkpoint) -> dict[str, Any]:
    return {"seq": row.seq, "head_hash": row.head_hash, "at": row.at, "reason": row.reason,
            "signer": row.signer, "public_key": row.public_key, "signature": row.signature}


class PackageService:
    def __init__(self, session: VaultSession) -> None:
        self.session = session
        self.contacts = ContactService(session)

    # ---- export

    def _recipients(self, refs: Sequence[str]) -> list[ContactInfo]:
        if not refs:
            raise UsageError("Name at least one recipient (a verified contact).")
        recipients: dict[str, ContactInfo] = {}
        for ref in refs:
            contact = self.contacts.get(ref)
            if not contact.verified:
                raise ValidationError(
                    f"{contact.name} is not verified yet. Compare the fingerprint with them in "
                    f"person first (casebook contact verify {contact.key_id}).")
            recipients[contact.key_id] = contact
        return list(recipients.values())

    def _since(self, db: Session, recipients: list[ContactInfo], since: int | None) -> int:
        if since is not None:
            if since < 0:
                raise UsageError("--since must be 0 (everything) or an audit entry number.")
            return since
        sent = [db.exec(select(PackageSent.audit_seq).where(PackageSent.recipient == r.key_id)
                        .order_by(col(PackageSent.audit_seq).desc()).limit(1)).first()
                for r in recipients]
        return min((s or 0) for s in sent)

    def plan(self, recipients: Sequence[str], *, since: int | None = None) -> PackagePlan:
        contacts = self._recipients(recipients)
        with Session(self.session.vault.engine) as db:
            since_seq = self._since(db, contacts, since)
            collected = _collect(db, since_seq)
        contents = collected.contents
        estimate = (contents.evidence_bytes + 600 * contents.versions
                    + 500 * contents.audit_entries + 2048)
        return PackagePlan(contacts, since_seq, contents, estimate)

    def export(self, recipients: Sequence[str], out: Path, *, since: int | None = None,
               overwrite: bool = False, progress: Progress | None = None) -> ExportResult:
        check_target(out, overwrite=overwrite)
        contacts = self._recipients(recipients)
        vault = self.session.vault
        user = self.session.user
        with Session(vault.engine) as db:
            since_seq = self._since(db, contacts, since)
            collected = _collect(db, since_seq)
            if collected.contents.nothing_but_trail:
                raise CasebookError("Nothing new to send to "
                                    f"{', '.join(c.name for c in contacts)} since their last "
                                    "package. Use --since 0 to send everything again.")
            checkpoints = list(db.exec(select(AuditCheckpoint)
                                       .where(AuditCheckpoint.seq > since_seq)
                                       .order_by(col(AuditCheckpoint.id))))
            salt_row = db.get(VaultMeta, COMMIT_SALT_KEY)
            assert salt_row is not None
            salts = {vault.vault_id: salt_row.value}
            for review in collected.reviews:
                if review.origin_vault and review.origin_vault not in salts:
                    peer = db.get(PeerVault, review.origin_vault)
                    if peer is not None:
                        salts[peer.vault_id] = peer.commit_salt
        head = collected.entries[-1]
        at = now_utc()
        head_checkpoint = Checkpoint(
            vault.vault_id, head.seq, head.entry_hash, at, "package",
            signing.key_id(user.public_key), user.public_key.hex(),
            vault.sign(checkpoint_message(vault.vault_id, head.seq, head.entry_hash, at,
                                          "package")).hex())
        evidence = EvidenceService(self.session)
        files: dict[str, bytes] = {}
        total = len(collected.attachments) + 2
        for done, attachment in enumerate(collected.attachments, start=1):
            files[attachment.id] = evidence.read_whole(attachment.id)
            if progress is not None:
                progress(done, total)
        package_id = str(uuid.uuid4())
        own = self.contacts.own()
        body = {
            "package_id": package_id, "created_at": at,
            "sender": {"vault_id": vault.vault_id, "key_id": own.key_id, "name": own.name,
                       "role": own.role, "public_key": user.public_key.hex()},
            "recipients": [c.key_id for c in contacts], "since_seq": since_seq,
            "commit_salts": salts,
            "audit_entries": [_entry_json(e) for e in collected.entries],
            "checkpoints": [_checkpoint_json(c) for c in checkpoints]
            + [_checkpoint_json(head_checkpoint)],
            "records": collected.records,
            "reviews": [{**review_payload(r), "origin_vault": r.origin_vault or vault.vault_id}
                        for r in collected.reviews],
            "comments": [comment_payload(c) for c in collected.comments],
            "attachments": [{"id": a.id, "evidence_id": a.evidence_id, "sha256": a.sha256,
                             "size": a.size, "media_type": a.media_type,
                             "file_name": a.file_name, "added_at": a.added_at,
                             "added_by": a.added_by} for a in collected.attachments],
            "contents": collected.contents.as_json(),
        }
        with Session(vault.engine) as db:
            ages = {c.key_id: c.age_recipient for c in db.exec(select(Contact)).all()}
        ciphertext = package_format.build(body, files, vault.signing_seed(),
                                          [ages[c.key_id] for c in contacts])
        del files
        if progress is not None:
            progress(total - 1, total)
        write_file(out, ciphertext, mode=0o600)
        with self.session.unit_of_work() as uow:
            uow.session.add(AuditCheckpoint(
                seq=head_checkpoint.seq, head_hash=head_checkpoint.head_hash, at=at,
                reason="package", signer=head_checkpoint.signer,
                public_key=head_checkpoint.public_key, signature=head_checkpoint.signature))
            for contact in contacts:
                uow.session.add(PackageSent(package_id=package_id, recipient=contact.key_id,
                                            audit_seq=head.seq, at=at))
            uow.audit("package-export", "package", package_id, details={
                "recipients": [c.key_id for c in contacts], "since": since_seq,
                "head": head.seq, "file_name": out.name, **collected.contents.as_json()})
        if progress is not None:
            progress(total, total)
        plan = PackagePlan(contacts, since_seq, collected.contents, len(ciphertext))
        return ExportResult(package_id, out, len(ciphertext), plan)

    # ---- import

    def import_package(self, path: Path, *, dry_run: bool = False,
                       progress: Progress | None = None) -> ImportOutcome:
        try:
            ciphertext = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"{path} does not exist.") from None
        except OSError as exc:
            raise CasebookError(f"Could not read {path}: {exc.strerror}.", path=path) from None
        source = path.name
        opened = package_format.open_package(ciphertext, self.session.vault.signing_seed(),
                                             source=source)
        receiver = Receiver(self.session, opened, source, dry_run, progress)
        return receiver.run()



__all__ = ["ConflictSummary", "ExportResult", "ImportOutcome", "PackageContents", "PackagePlan",
           "PackageService", "Progress"]
