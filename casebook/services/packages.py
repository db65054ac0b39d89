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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from casebook.audit.chain import GENESIS_HASH, compute_entry_hash
from casebook.audit.checkpoint import Checkpoint
from casebook.audit.checkpoint import message as checkpoint_message
from casebook.audit.review_signature import review_signature_valid
from casebook.audit.verify import (
    RECORD_OBJECT_TYPES,
    attachment_payload,
    comment_payload,
    commit_of,
    review_payload,
)
from casebook.crypto import envelope, signing
from casebook.crypto.stream import new_stream_key
from casebook.crypto.subkeys import Purpose, derive_subkey
from casebook.domain.canonical import canonical_json
from casebook.domain.errors import (
    CasebookError,
    PackageOutOfOrderError,
    PackageRefusedError,
    UsageError,
    ValidationError,
)
from casebook.domain.records import RecordKind
from casebook.exchange import package_format
from casebook.exchange.merge import MergePlan, Outcome, Version, plan_merge
from casebook.services.audit import check_target, write_file
from casebook.services.contacts import ContactInfo, ContactService
from casebook.services.evidence import EvidenceService
from casebook.services.records import RecordStore, _references
from casebook.services.unit_of_work import COMMIT_SALT_KEY, UnitOfWork
from casebook.services.vault_service import VaultSession
from casebook.storage import blobs
from casebook.storage.models import (
    Attachment,
    AuditCheckpoint,
    AuditEntry,
    Comment,
    Conflict,
    Contact,
    PackageReceived,
    PackageSent,
    PeerAuditEntry,
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

Progress = Callable[[int, int], None]

#: Records travel parents first, so references resolve as they arrive.
_KIND_ORDER = {kind: i for i, kind in enumerate((
    RecordKind.PLACE, RecordKind.UNIT, RecordKind.PERSON, RecordKind.INCIDENT,
    RecordKind.INVOLVEMENT, RecordKind.ACT, RecordKind.STATEMENT, RecordKind.CONSENT,
    RecordKind.EVIDENCE, RecordKind.QUALIFICATION))}


@dataclass(frozen=True, slots=True)
class PackageContents:
    records: int
    versions: int
    by_kind: dict[str, int]
    reviews: int
    comments: int
    evidence_files: int
    evidence_bytes: int
    audit_entries: int

    def as_json(self) -> dict[str, Any]:
        return {"records": self.records, "versions": self.versions, "by_kind": self.by_kind,
                "reviews": self.reviews, "comments": self.comments,
                "evidence_files": self.evidence_files, "evidence_bytes": self.evidence_bytes,
                "audit_entries": self.audit_entries}


@dataclass(frozen=True, slots=True)
class PackagePlan:
    recipients: list[ContactInfo]
    since_seq: int
    contents: PackageContents
    estimated_bytes: int

    @property
    def empty(self) -> bool:
        return self.contents.audit_entries == 0


@dataclass(frozen=True, slots=True)
class ExportResult:
    package_id: str
    path: Path
    size: int
    plan: PackagePlan


@dataclass(frozen=True, slots=True)
class ConflictSummary:
    """A conflict a package opened (or would open, in a dry run)."""

    record_id: str
    kind: str
    local_version: int
    their_version: int


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    package_id: str
    sender: ContactInfo
    created_at: str
    contents: PackageContents
    new_records: int = 0
    new_versions: int = 0
    new_reviews: int = 0
    new_comments: int = 0
    new_evidence_files: int = 0
    conflicts: list[ConflictSummary] = field(default_factory=list)
    already_imported: bool = False
    dry_run: bool = False


class _DryRunFinished(Exception):
    """Raised inside the import transaction to roll a dry run back."""


# ---------------------------------------------------------------------------- export


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
    records = []
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
    for record in records:
        by_kind[record["kind"]] += 1
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
            if not collected.entries:
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
        receiver = _Receiver(self.session, opened, source, dry_run, progress)
        return receiver.run()


# ---------------------------------------------------------------------------- import


def _refuse(source: str, why: str) -> PackageRefusedError:
    return PackageRefusedError(f"{source} was refused: {why}. Nothing was imported.")


class _Receiver:
    """One package import (checks, then the merge, in one transaction)."""

    def __init__(self, session: VaultSession, opened: package_format.OpenedPackage,
                 source: str, dry_run: bool, progress: Progress | None) -> None:
        self.session = session
        self.body = opened.body
        self.files = opened.files
        self.signer_key = opened.signer_key
        self.source = source
        self.dry_run = dry_run
        self.progress = progress
        self.new_blobs: list[str] = []

    # -- checks that need no transaction

    def _sender(self) -> tuple[ContactInfo, str, bytes]:
        body = self.body
        sender = body["sender"]
        signer_id = signing.key_id(self.signer_key)
        if sender["public_key"] != self.signer_key.hex() or sender["key_id"] != signer_id:
            raise _refuse(self.source, "the sender it names is not the key that signed it")
        contacts = ContactService(self.session)
        with Session(self.session.vault.engine) as db:
            row = db.get(Contact, signer_id)
        if row is None:
            raise _refuse(self.source, f"it is signed by {sender.get('name', '?')!s} "
                                       f"(key {signer_id}), who is not one of your contacts. "
                                       "Import their card and verify it in person first")
        contact = contacts.get(signer_id)
        if not contact.verified:
            raise _refuse(self.source, f"it is signed by {contact.name}, whose fingerprint "
                                       "you have not verified yet. Compare it with them in "
                                       f"person (casebook contact verify {contact.key_id}), "
                                       "then import the package again")
        if row.signing_key != self.signer_key.hex():
            raise _refuse(self.source, "the signing key differs from the contact's card")
        vault_id = str(sender["vault_id"])
        if vault_id == self.session.vault.vault_id:
            raise _refuse(self.source, "it comes from this very vault")
        salts = body.get("commit_salts", {})
        salt = bytes.fromhex(salts[vault_id])
        return contact, vault_id, salt

    def run(self) -> ImportOutcome:
        body = self.body
        try:
            contact, sender_vault, sender_salt = self._sender()
            contents = _contents(body["contents"])
            package_id = str(body["package_id"])
            created_at = str(body["created_at"])
        except (KeyError, TypeError, ValueError):
            raise _refuse(self.source, "its contents are damaged") from None
        self.contact, self.sender_vault, self.sender_salt = contact, sender_vault, sender_salt
        self.package_id = package_id
        base = ImportOutcome(package_id, contact, created_at, contents, dry_run=self.dry_run)
        with Session(self.session.vault.engine) as db:
            if db.get(PackageReceived, package_id) is not None:
                return ImportOutcome(package_id, contact, created_at, contents,
                                     already_imported=True, dry_run=self.dry_run)
        try:
            with self.session.unit_of_work() as uow:
                outcome = self._merge(uow, base)
                if self.dry_run:
                    raise _DryRunFinished
        except _DryRunFinished:
            return outcome
        except (KeyError, TypeError, ValueError):
            self._discard_blobs()
            raise _refuse(self.source, "its contents are damaged") from None
        except BaseException:
            self._discard_blobs()
            raise
        return outcome

    def _discard_blobs(self) -> None:
        for name in self.new_blobs:
            blobs.remove(self.session.vault.paths.blobs, name)

    def _tick(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    # -- inside the transaction

    def _merge(self, uow: UnitOfWork, base: ImportOutcome) -> ImportOutcome:
        db = uow.session
        trail = self._check_trail(db)
        records = self.body.get("records", [])
        total = len(records) + 3
        store = RecordStore(uow, uow.user.id, allow_retired_tags=True)
        counts: dict[str, int] = defaultdict(int)
        conflicts: list[ConflictSummary] = []
        conflicting_versions: set[tuple[str, int]] = set()
        written: set[str] = set()
        for done, item in enumerate(records, start=1):
            summary = self._merge_record(uow, store, trail, item, counts, written)
            if summary is not None:
                conflicts.append(summary)
                conflicting_versions |= {(summary.record_id, v) for v in
                                         range(1, summary.their_version + 1)}
            self._tick(done, total)
        store.flush_buffer()
        self._check_references(db, written)
        self._receive_reviews(uow, trail, counts, conflicting_versions)
        self._receive_comments(uow, trail, counts)
        self._tick(len(records) + 1, total)
        self._receive_files(uow, trail, counts)
        self._store_trail(uow, trail)
        self._tick(total, total)
        return ImportOutcome(
            base.package_id, base.sender, base.created_at, base.contents,
            new_records=counts["records"], new_versions=counts["versions"],
            new_reviews=counts["reviews"], new_comments=counts["comments"],
            new_evidence_files=counts["files"], conflicts=conflicts, dry_run=self.dry_run)

    def _check_trail(self, db: Session) -> _Trail:
        """The sender's audit entries must continue those already received from that
        vault, hash by hash, and end at a checkpoint its sender signed."""
        entries = sorted(self.body["audit_entries"], key=lambda e: int(e["seq"]))
        if not entries:
            raise _refuse(self.source, "it carries no audit trail")
        stored_head = db.exec(select(PeerAuditEntry).where(
            PeerAuditEntry.vault_id == self.sender_vault)
            .order_by(col(PeerAuditEntry.seq).desc()).limit(1)).first()
        stored_seq = 0 if stored_head is None else stored_head.seq
        first_seq = int(entries[0]["seq"])
        if first_seq > stored_seq + 1:
            raise PackageOutOfOrderError(
                f"{self.source} continues from an earlier package from {self.contact.name} "
                f"that you have not imported (you have their history up to entry "
                f"{stored_seq}; this package starts at entry {first_seq}). Import the earlier "
                "package first, or ask them for a full package (--since 0). Nothing was "
                "imported.")
        previous_hash = GENESIS_HASH
        if first_seq > 1:
            before = db.get(PeerAuditEntry, (self.sender_vault, first_seq - 1))
            assert before is not None
            previous_hash = before.entry_hash
        expected = first_seq
        for raw in entries:
            entry = _PackageEntry.from_json(raw)
            if entry.seq != expected or entry.prev_hash != previous_hash \
                    or compute_entry_hash(entry) != entry.entry_hash:
                raise _refuse(self.source, f"the sender's audit trail in it is broken at entry "
                                           f"{entry.seq}")
            if entry.seq <= stored_seq:
                stored = db.get(PeerAuditEntry, (self.sender_vault, entry.seq))
                assert stored is not None
                if stored.entry_hash != entry.entry_hash:
                    raise _refuse(self.source, f"{self.contact.name}'s history was rewritten: "
                                               f"entry {entry.seq} differs from the one an "
                                               "earlier package carried. Ask them why")
            previous_hash = entry.entry_hash
            expected += 1
        head_seq = expected - 1
        if head_seq <= stored_seq:
            raise _refuse(self.source, f"it is older than what you already received from "
                                       f"{self.contact.name} (their history up to entry "
                                       f"{stored_seq}; this package ends at {head_seq}): it "
                                       "was replayed or is out of date")
        new_entries = [_PackageEntry.from_json(e) for e in entries if int(e["seq"]) > stored_seq]
        by_seq_hash = {e.seq: e.entry_hash for e in new_entries}
        checkpoints = [Checkpoint(self.sender_vault, int(c["seq"]), str(c["head_hash"]),
                                  str(c["at"]), str(c["reason"]), str(c["signer"]),
                                  str(c["public_key"]), str(c["signature"]))
                       for c in self.body.get("checkpoints", [])]
        signed_head = False
        for checkpoint in checkpoints:
            if not checkpoint.signature_valid():
                raise _refuse(self.source, "one of its audit checkpoints has a signature that "
                                           "does not verify")
            known = by_seq_hash.get(checkpoint.seq)
            if known is None:
                stored = db.get(PeerAuditEntry, (self.sender_vault, checkpoint.seq))
                known = None if stored is None else stored.entry_hash
            if known != checkpoint.head_hash:
                raise _refuse(self.source, f"the sender's trail does not pass through their "
                                           f"own checkpoint at entry {checkpoint.seq}")
            if checkpoint.seq == head_seq and checkpoint.public_key == self.signer_key.hex():
                signed_head = True
        if not signed_head:
            raise _refuse(self.source, "its audit trail does not end at a checkpoint signed "
                                       "by its sender")
        return _Trail(db, self.sender_vault, self.sender_salt, new_entries, checkpoints,
                      head_seq)

    def _merge_record(self, uow: UnitOfWork, store: RecordStore, trail: _Trail,
                      item: Mapping[str, Any], counts: dict[str, int],
                      written: set[str]) -> ConflictSummary | None:
        db = uow.session
        record_id = str(item["id"])
        kind = RecordKind(item["kind"])
        incoming = [Version(int(v["version"]), str(v["kind"]), canonical_json(v["content"])
                            .decode("utf-8"), bool(v["tombstone"]), str(v["saved_at"]),
                            str(v["saved_by"])) for v in item["versions"]]
        numbers = [v.version for v in incoming]
        if numbers != list(range(1, len(incoming) + 1)) or \
                any(v.kind != kind.value for v in incoming):
            raise _refuse(self.source, f"record {record_id} arrives with an incomplete history")
        absorbs: dict[int, list[str]] = defaultdict(list)
        for row in item.get("absorbs", []):
            absorbs[int(row["version"])].append(str(row["absorbed"]))
        store.flush_buffer()
        local_rows = list(db.exec(select(RecordVersion).where(RecordVersion.record_id == record_id)
                                  .order_by(col(RecordVersion.version))))
        local = [Version(r.version, r.kind, r.content, bool(r.tombstone), r.saved_at,
                         r.saved_by) for r in local_rows]
        local_absorbed = set(db.exec(select(VersionAbsorbs.absorbed)
                                     .where(VersionAbsorbs.record_id == record_id)).all())
        plan = plan_merge(record_id, local, local_absorbed, incoming, absorbs)
        if plan.outcome is Outcome.NOTHING_NEW:
            return None
        if local and local[0].kind != kind.value:
            raise _refuse(self.source, f"record {record_id} is a {local[0].kind} here but a "
                                       f"{kind.value} in the package")
        for version in (*plan.append, *plan.theirs):
            trail.require_version(record_id, version, self.source)
        details = {"package": self.package_id, "from": self.contact.key_id}
        if plan.outcome in (Outcome.NEW_RECORD, Outcome.FAST_FORWARD):
            created = (str(item["created_at"]), str(item["created_by"]))
            for version in plan.append:
                self._put(store, record_id, kind, version, created, "import", details)
                counts["versions"] += 1
                for absorbed in absorbs.get(version.version, ()):
                    db.add(VersionAbsorbs(record_id=record_id, version=version.version,
                                          absorbed=absorbed))
            counts["records"] += plan.outcome is Outcome.NEW_RECORD
            written.add(record_id)
            return None
        if plan.outcome is Outcome.ADOPT:
            adopt_version(uow, store, record_id, kind, local[-1], plan, details)
            counts["versions"] += 1
            written.add(record_id)
            return None
        return self._open_conflict(uow, record_id, kind, local[-1], plan)

    def _put(self, store: RecordStore, record_id: str, kind: RecordKind, version: Version,
             created: tuple[str, str], action: str, details: Mapping[str, Any]) -> None:
        try:
            store.put_version(record_id, kind, version.version, json.loads(version.content),
                              tombstone=version.tombstone, saved_at=version.saved_at,
                              saved_by=version.saved_by, created=created, action=action,
                              details=details)
        except ValidationError as exc:
            raise _refuse(self.source, f"{kind.value} {record_id} version {version.version} "
                                       f"is not valid here ({exc.message})") from None

    def _open_conflict(self, uow: UnitOfWork, record_id: str, kind: RecordKind, mine: Version,
                       plan: MergePlan) -> ConflictSummary:
        db = uow.session
        their_head = plan.theirs[-1]
        head_identity = their_head.identity(record_id)
        summary = ConflictSummary(record_id, kind.value, mine.version, their_head.version)
        existing = db.exec(select(Conflict).where(
            Conflict.record_id == record_id, col(Conflict.resolved_at).is_(None))).first()
        versions_json = json.dumps([v.as_json() for v in plan.theirs], ensure_ascii=False)
        absorbs_json = json.dumps(sorted(plan.their_identities))
        if existing is not None:
            if existing.their_head == head_identity and existing.local_version == mine.version:
                return summary
            # Their line moved on (or ours did): the open conflict now shows the newest.
            existing.local_version, existing.their_version = mine.version, their_head.version
            existing.their_head, existing.their_versions = head_identity, versions_json
            existing.their_absorbs, existing.package_id = absorbs_json, self.package_id
            db.add(existing)
            uow.audit("conflict-update", kind.value, record_id, version=mine.version,
                      details={"conflict": existing.id, "package": self.package_id,
                               "their_version": their_head.version})
            return summary
        conflict = Conflict(
            id=str(uuid.uuid4()), record_id=record_id, kind=kind.value,
            local_version=mine.version, their_version=their_head.version,
            their_head=head_identity, their_versions=versions_json, their_absorbs=absorbs_json,
            sender_vault=self.sender_vault, sender_key=self.contact.key_id,
            package_id=self.package_id, opened_at=now_utc())
        db.add(conflict)
        uow.audit("conflict-open", kind.value, record_id, version=mine.version,
                  details={"conflict": conflict.id, "package": self.package_id,
                           "from": self.contact.key_id, "their_version": their_head.version})
        return summary

    def _check_references(self, db: Session, written: set[str]) -> None:
        """Everything the received records point at must now be here."""
        for record_id in sorted(written):
            record = db.get(Record, record_id)
            if record is None or record.deleted:
                continue
            row = db.get(RecordVersion, (record_id, record.version))
            assert row is not None
            for field_name, target, kinds in _references(RecordKind(record.kind),
                                                         json.loads(row.content)):
                found = db.get(Record, target)
                if found is None or found.deleted or RecordKind(found.kind) not in kinds:
                    raise PackageOutOfOrderError(
                        f"{self.source}: {record.kind} {record_id} points at {target} "
                        f"({field_name}), which is neither in the package nor in your vault. "
                        "Ask the sender for a full package (--since 0). Nothing was imported.")

    def _receive_reviews(self, uow: UnitOfWork, trail: _Trail, counts: dict[str, int],
                         conflicting: set[tuple[str, int]]) -> None:
        db = uow.session
        for raw in self.body.get("reviews", []):
            review = Review(
                id=str(raw["id"]), record_id=str(raw["record_id"]),
                record_version=int(raw["record_version"]),
                object_commit=str(raw["object_commit"]), decision=str(raw["decision"]),
                comment=str(raw["comment"]), reviewer=str(raw["reviewer"]), at=str(raw["at"]),
                public_key=str(raw["public_key"]), signature=str(raw["signature"]),
                origin_vault=str(raw["origin_vault"]))
            if db.get(Review, review.id) is not None:
                continue
            trail.require("review", review.id, review_payload(review), self.source)
            if not review_signature_valid(review.origin_vault or "", review):
                raise _refuse(self.source, f"review {review.id} has a signature that does not "
                                           "verify")
            if review.origin_vault == self.session.vault.vault_id:
                # One of ours would be here already (the id check above).
                raise _refuse(self.source, f"review {review.id} claims to be made in this vault "
                                           "but is not here")
            if (review.record_id, review.record_version) in conflicting:
                continue  # kept with the conflict's versions; it is about their version
            version = db.get(RecordVersion, (review.record_id, review.record_version))
            salt = trail.salt_of(review.origin_vault or "", self.body)
            if version is None or commit_of(salt, version.content.encode("utf-8")) \
                    != review.object_commit:
                raise _refuse(self.source, f"review {review.id} is about a version of "
                                           f"{review.record_id} that is not the one received")
            if review.origin_vault != self.sender_vault and \
                    db.get(PeerVault, review.origin_vault) is None:
                db.add(PeerVault(vault_id=review.origin_vault, commit_salt=salt.hex(),
                                 first_seen_at=now_utc()))
            db.add(review)
            uow.audit("import", "review", review.id, version=review.record_version,
                      payload=review_payload(review),
                      details={"package": self.package_id, "record": review.record_id,
                               "decision": review.decision})
            counts["reviews"] += 1

    def _receive_comments(self, uow: UnitOfWork, trail: _Trail, counts: dict[str, int]) -> None:
        db = uow.session
        for raw in self.body.get("comments", []):
            comment = Comment(id=str(raw["id"]), record_id=str(raw["record_id"]),
                              record_version=int(raw["record_version"]),
                              author=str(raw["author"]), at=str(raw["at"]),
                              text=str(raw["text"]))
            if db.get(Comment, comment.id) is not None:
                continue
            trail.require("comment", comment.id, comment_payload(comment), self.source)
            if db.get(Record, comment.record_id) is None:
                raise PackageOutOfOrderError(
                    f"{self.source}: a comment is about record {comment.record_id}, which is "
                    "not in your vault. Ask the sender for a full package (--since 0). "
                    "Nothing was imported.")
            db.add(comment)
            uow.audit("import", "comment", comment.id, version=comment.record_version,
                      payload=comment_payload(comment),
                      details={"package": self.package_id, "record": comment.record_id})
            counts["comments"] += 1

    def _receive_files(self, uow: UnitOfWork, trail: _Trail, counts: dict[str, int]) -> None:
        db = uow.session
        vault = self.session.vault
        wrapping = derive_subkey(vault.root_key(), Purpose.ATTACHMENT_WRAPPING)
        uow.flush()
        for raw in self.body.get("attachments", []):
            attachment_id = str(raw["id"])
            if db.get(Attachment, attachment_id) is not None:
                continue
            evidence_id = str(raw["evidence_id"])
            payload = {"attachment": attachment_id, "sha256": str(raw["sha256"]),
                       "size": int(raw["size"])}
            trail.require_attach(evidence_id, payload, self.source)
            evidence = db.get(Record, evidence_id)
            if evidence is None or evidence.kind != RecordKind.EVIDENCE.value:
                raise PackageOutOfOrderError(
                    f"{self.source}: evidence file {raw.get('file_name')} belongs to evidence "
                    f"record {evidence_id}, which is not in your vault. Nothing was imported.")
            counts["files"] += 1
            if self.dry_run:
                continue
            file_key = new_stream_key()
            context = f"casebook/v1/attachment/{evidence_id}/{attachment_id}".encode()
            name, digest = blobs.store_bytes(vault.paths.blobs, file_key, context,
                                             self.files[attachment_id])
            self.new_blobs.append(name)
            if digest.sha256 != payload["sha256"]:
                raise _refuse(self.source, f"evidence file {raw.get('file_name')} changed")
            db.add(Attachment(
                id=attachment_id, evidence_id=evidence_id, blob_name=name,
                wrapped_key=envelope.seal(wrapping, file_key, attachment_id.encode()).hex(),
                sha256=digest.sha256, size=digest.size, media_type=str(raw["media_type"]),
                file_name=str(raw["file_name"]), added_at=str(raw["added_at"]),
                added_by=str(raw["added_by"])))
            uow.audit("attach", RecordKind.EVIDENCE.value, evidence_id,
                      version=evidence.version, payload=payload,
                      details={"package": self.package_id, "from": self.contact.key_id})

    def _store_trail(self, uow: UnitOfWork, trail: _Trail) -> None:
        db = uow.session
        peer = db.get(PeerVault, self.sender_vault)
        if peer is None:
            db.add(PeerVault(vault_id=self.sender_vault, commit_salt=self.sender_salt.hex(),
                             first_seen_at=now_utc()))
        elif peer.commit_salt != self.sender_salt.hex():
            raise _refuse(self.source, "the sender's vault presents another commit salt than "
                                       "before")
        for entry in trail.new_entries:
            db.add(PeerAuditEntry(vault_id=self.sender_vault, seq=entry.seq, at=entry.at,
                                  actor=entry.actor, action=entry.action,
                                  object_type=entry.object_type, object_id=entry.object_id,
                                  object_version=entry.object_version,
                                  object_commit=entry.object_commit, details=entry.details,
                                  prev_hash=entry.prev_hash, entry_hash=entry.entry_hash))
        for checkpoint in trail.checkpoints:
            seen = db.exec(select(PeerCheckpoint).where(
                PeerCheckpoint.signature == checkpoint.signature)).first()
            if seen is None:
                db.add(PeerCheckpoint(vault_id=self.sender_vault, seq=checkpoint.seq,
                                      head_hash=checkpoint.head_hash, at=checkpoint.at,
                                      reason=checkpoint.reason, signer=checkpoint.signer,
                                      public_key=checkpoint.public_key,
                                      signature=checkpoint.signature))
        db.add(PackageReceived(
            package_id=self.package_id, sender_vault=self.sender_vault,
            sender_key=self.contact.key_id, created_at=str(self.body["created_at"]),
            head_seq=trail.head_seq, imported_at=now_utc(), imported_by=uow.actor,
            contents=json.dumps(self.body["contents"], sort_keys=True)))
        uow.audit("package-import", "package", self.package_id, details={
            "from": self.contact.key_id, "vault": self.sender_vault,
            "entries": [trail.new_entries[0].seq, trail.head_seq],
            "head_hash": trail.new_entries[-1].entry_hash})


def adopt_version(uow: UnitOfWork, store: RecordStore, record_id: str, kind: RecordKind,
                  mine: Version, plan: MergePlan, details: Mapping[str, Any]) -> None:
    """Their line already took in our newest version: make theirs our newest (as a new
    version of ours, saved by us), absorbing everything their line stands for. When the
    content is already the same, only the absorption is recorded."""
    db = uow.session
    their_head = plan.theirs[-1]
    number = mine.version
    if (their_head.content, their_head.tombstone) != (mine.content, mine.tombstone):
        number = mine.version + 1
        store.put_version(record_id, kind, number, json.loads(their_head.content),
                          tombstone=their_head.tombstone, saved_at=now_utc(),
                          saved_by=uow.user.id, created=None, action="merge",
                          details={**details, "adopted_version": their_head.version})
    else:
        uow.audit("merge", kind.value, record_id, details={
            **details, "adopted_version": their_head.version, "same_content": True})
    absorb(db, record_id, number, plan.their_identities)


def absorb(db: Session, record_id: str, version: int, identities: Iterable[str]) -> None:
    present = set(db.exec(select(VersionAbsorbs.absorbed).where(
        VersionAbsorbs.record_id == record_id, VersionAbsorbs.version == version)).all())
    for identity in sorted(set(identities) - present):
        db.add(VersionAbsorbs(record_id=record_id, version=version, absorbed=identity))


def _contents(raw: Mapping[str, Any]) -> PackageContents:
    return PackageContents(
        records=int(raw["records"]), versions=int(raw["versions"]),
        by_kind={str(k): int(v) for k, v in dict(raw["by_kind"]).items()},
        reviews=int(raw["reviews"]), comments=int(raw["comments"]),
        evidence_files=int(raw["evidence_files"]), evidence_bytes=int(raw["evidence_bytes"]),
        audit_entries=int(raw["audit_entries"]))


@dataclass(frozen=True, slots=True)
class _PackageEntry:
    seq: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str | None
    object_version: int | None
    object_commit: str | None
    details: str
    prev_hash: str
    entry_hash: str

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> _PackageEntry:
        version = raw["object_version"]
        return cls(int(raw["seq"]), str(raw["at"]), str(raw["actor"]), str(raw["action"]),
                   str(raw["object_type"]),
                   None if raw["object_id"] is None else str(raw["object_id"]),
                   None if version is None else int(version),
                   None if raw["object_commit"] is None else str(raw["object_commit"]),
                   canonical_json(raw["details"]).decode("utf-8"), str(raw["prev_hash"]),
                   str(raw["entry_hash"]))


class _Trail:
    """The sender's trail (what was received before, and this package's new entries):
    every item imported must be one it records."""

    def __init__(self, db: Session, vault_id: str, salt: bytes, new_entries: list[_PackageEntry],
                 checkpoints: list[Checkpoint], head_seq: int) -> None:
        self.db = db
        self.vault_id = vault_id
        self.salt = salt
        self.new_entries = new_entries
        self.checkpoints = checkpoints
        self.head_seq = head_seq
        self._commits: dict[tuple[str | None, int | None], set[str]] = defaultdict(set)
        self._attach: set[tuple[str | None, str | None]] = set()
        for entry in new_entries:
            self._note(entry)

    def _note(self, entry: Any) -> None:
        if entry.object_commit is None:
            return
        if entry.action == "attach":
            self._attach.add((entry.object_id, entry.object_commit))
        else:
            self._commits[(entry.object_id, entry.object_version)].add(entry.object_commit)

    def _stored(self, object_id: str, version: int | None) -> set[str]:
        rows = self.db.exec(select(PeerAuditEntry).where(
            PeerAuditEntry.vault_id == self.vault_id, PeerAuditEntry.object_id == object_id,
            PeerAuditEntry.object_version == version)).all()
        return {r.object_commit for r in rows if r.object_commit and r.action != "attach"}

    def _has(self, object_id: str, version: int | None, commit: str) -> bool:
        return commit in self._commits.get((object_id, version), set()) or \
            commit in self._stored(object_id, version)

    def require_version(self, record_id: str, version: Version, source: str) -> None:
        commit = commit_of(self.salt, version.content.encode("utf-8"))
        if not self._has(record_id, version.version, commit):
            raise _refuse(source, f"record {record_id} version {version.version} is not the "
                                  "one the sender's audit trail records (altered after it was "
                                  "saved)")

    def require(self, object_type: str, object_id: str, payload: Mapping[str, Any],
                source: str) -> None:
        commit = commit_of(self.salt, canonical_json(dict(payload)))
        version = payload.get("record_version")
        if not self._has(object_id, None if version is None else int(version), commit):
            raise _refuse(source, f"{object_type} {object_id} is not the one the sender's "
                                  "audit trail records")

    def require_attach(self, evidence_id: str, payload: Mapping[str, Any], source: str) -> None:
        commit = commit_of(self.salt, canonical_json(dict(payload)))
        if (evidence_id, commit) in self._attach:
            return
        rows = self.db.exec(select(PeerAuditEntry).where(
            PeerAuditEntry.vault_id == self.vault_id, PeerAuditEntry.object_id == evidence_id,
            PeerAuditEntry.action == "attach", PeerAuditEntry.object_commit == commit)).all()
        if not rows:
            raise _refuse(source, f"an evidence file of {evidence_id} is not the one the "
                                  "sender's audit trail records")

    def salt_of(self, vault_id: str, body: Mapping[str, Any]) -> bytes:
        if vault_id == self.vault_id:
            return self.salt
        salts = body.get("commit_salts", {})
        if vault_id in salts:
            return bytes.fromhex(salts[vault_id])
        peer = self.db.get(PeerVault, vault_id)
        if peer is None:
            raise PackageRefusedError("A review in the package comes from a vault whose "
                                      "commits cannot be checked. Nothing was imported.")
        return bytes.fromhex(peer.commit_salt)
