"""Importing a case package (docs/packages.md): checks, then the merge, in one
transaction, so a refused package leaves the vault as it was."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlmodel import Session, col, select

from casebook.audit.chain import GENESIS_HASH, compute_entry_hash
from casebook.audit.checkpoint import Checkpoint
from casebook.audit.review_signature import review_signature_valid
from casebook.audit.verify import (
    comment_payload,
    commit_of,
    review_payload,
)
from casebook.crypto import signing
from casebook.domain.canonical import canonical_json
from casebook.domain.errors import (
    PackageOutOfOrderError,
    ValidationError,
)
from casebook.domain.records import IncidentStatus, RecordKind
from casebook.exchange import package_format
from casebook.exchange.merge import MergePlan, Outcome, Version, plan_merge
from casebook.services.contacts import ContactInfo, ContactService
from casebook.services.evidence import EvidenceService
from casebook.services.package_types import (
    ConflictSummary,
    ImportOutcome,
    Progress,
    contents_from_json,
)
from casebook.services.records import RecordStore, _references
from casebook.services.review import Decision
from casebook.services.sender_trail import PackageEntry, SenderTrail, refuse
from casebook.services.unit_of_work import UnitOfWork
from casebook.services.vault_service import VaultSession
from casebook.storage import blobs
from casebook.storage.models import (
    Attachment,
    Comment,
    Conflict,
    Contact,
    PackageReceived,
    PeerAuditEntry,
    PeerCheckpoint,
    PeerVault,
    Record,
    RecordVersion,
    Review,
    VersionAbsorbs,
)
from casebook.storage.vault import now_utc


class _DryRunFinished(Exception):
    """Raised inside the import transaction to roll a dry run back."""


#: Actions under which a version may carry a status the sender's own review rules did
#: not set: received (a package or a casebook/v1 import) or merged from another vault.
_RECEIVED_OR_MERGED = frozenset({"import", "merge", "resolve-conflict"})
REVIEW_DECISIONS = frozenset({Decision.SUBMIT, Decision.APPROVE, Decision.REQUEST_CHANGES})


class Receiver:
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
            raise refuse(self.source, "the sender it names is not the key that signed it")
        contacts = ContactService(self.session)
        with Session(self.session.vault.engine) as db:
            row = db.get(Contact, signer_id)
        if row is None:
            raise refuse(self.source, f"it is signed by {sender.get('name', '?')!s} "
                                      f"(key {signer_id}), who is not one of your contacts. "
                                      "Import their card and verify it in person first")
        contact = contacts.get(signer_id)
        if not contact.verified:
            raise refuse(self.source, f"it is signed by {contact.name}, whose fingerprint "
                                      "you have not verified yet. Compare it with them in "
                                      f"person (casebook contact verify {contact.key_id}), "
                                      "then import the package again")
        if row.signing_key != self.signer_key.hex():
            raise refuse(self.source, "the signing key differs from the contact's card")
        vault_id = str(sender["vault_id"])
        if vault_id == self.session.vault.vault_id:
            raise refuse(self.source, "it comes from this very vault")
        salts = body.get("commit_salts", {})
        salt = bytes.fromhex(salts[vault_id])
        return contact, vault_id, salt

    def run(self) -> ImportOutcome:
        body = self.body
        try:
            contact, sender_vault, sender_salt = self._sender()
            contents = contents_from_json(body["contents"])
            package_id = str(body["package_id"])
            created_at = str(body["created_at"])
        except (KeyError, TypeError, ValueError):
            raise refuse(self.source, "its contents are damaged") from None
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
            raise refuse(self.source, "its contents are damaged") from None
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
        written: set[str] = set()
        for done, item in enumerate(records, start=1):
            summary = self._merge_record(uow, store, trail, item, counts=counts, written=written)
            if summary is not None:
                conflicts.append(summary)
            self._tick(done, total)
        store.flush_buffer()
        self._check_references(db, written)
        self._receive_reviews(uow, trail, counts)
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

    def _check_trail(self, db: Session) -> SenderTrail:
        """The sender's audit entries must continue those already received from that
        vault, hash by hash, and end at a checkpoint its sender signed."""
        entries = sorted(self.body["audit_entries"], key=lambda e: int(e["seq"]))
        if not entries:
            raise refuse(self.source, "it carries no audit trail")
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
            entry = PackageEntry.from_json(raw)
            if entry.seq != expected or entry.prev_hash != previous_hash \
                    or compute_entry_hash(entry) != entry.entry_hash:
                raise refuse(self.source, f"the sender's audit trail in it is broken at entry "
                                          f"{entry.seq}")
            if entry.seq <= stored_seq:
                stored = db.get(PeerAuditEntry, (self.sender_vault, entry.seq))
                assert stored is not None
                if stored.entry_hash != entry.entry_hash:
                    raise refuse(self.source, f"{self.contact.name}'s history was rewritten: "
                                              f"entry {entry.seq} differs from the one an "
                                              "earlier package carried. Ask them why")
            previous_hash = entry.entry_hash
            expected += 1
        head_seq = expected - 1
        if head_seq <= stored_seq:
            raise refuse(self.source, f"it is older than what you already received from "
                                      f"{self.contact.name} (their history up to entry "
                                      f"{stored_seq}; this package ends at {head_seq}): it "
                                      "was replayed or is out of date")
        new_entries = [PackageEntry.from_json(e) for e in entries if int(e["seq"]) > stored_seq]
        checkpoints = self._check_checkpoints(db, new_entries, head_seq)
        return SenderTrail(db, self.sender_vault, self.sender_salt, new_entries=new_entries,
                      checkpoints=checkpoints, head_seq=head_seq)

    def _check_checkpoints(self, db: Session, new_entries: list[PackageEntry],
                           head_seq: int) -> list[Checkpoint]:
        """Every checkpoint must verify and lie on the sender's trail; the head must be
        signed by the sender of the package."""
        by_seq_hash = {e.seq: e.entry_hash for e in new_entries}
        checkpoints = [Checkpoint(self.sender_vault, int(c["seq"]), str(c["head_hash"]),
                                  str(c["at"]), str(c["reason"]), str(c["signer"]),
                                  str(c["public_key"]), str(c["signature"]))
                       for c in self.body.get("checkpoints", [])]
        signed_head = False
        for checkpoint in checkpoints:
            if not checkpoint.signature_valid():
                raise refuse(self.source, "one of its audit checkpoints has a signature that "
                                          "does not verify")
            known = by_seq_hash.get(checkpoint.seq)
            if known is None:
                stored = db.get(PeerAuditEntry, (self.sender_vault, checkpoint.seq))
                known = None if stored is None else stored.entry_hash
            if known != checkpoint.head_hash:
                raise refuse(self.source, f"the sender's trail does not pass through their "
                                          f"own checkpoint at entry {checkpoint.seq}")
            if checkpoint.seq == head_seq and checkpoint.public_key == self.signer_key.hex():
                signed_head = True
        if not signed_head:
            raise refuse(self.source, "its audit trail does not end at a checkpoint signed "
                                      "by its sender")
        return checkpoints

    def _merge_record(self, uow: UnitOfWork, store: RecordStore, trail: SenderTrail,
                      item: Mapping[str, Any], *, counts: dict[str, int],
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
            raise refuse(self.source, f"record {record_id} arrives with an incomplete history")
        absorbs: dict[int, list[str]] = defaultdict(list)
        for row in item.get("absorbs", []):
            absorbs[int(row["version"])].append(str(row["absorbed"]))
        store.flush_buffer()
        local_rows = list(db.exec(select(RecordVersion).where(RecordVersion.record_id == record_id)
                                  .order_by(col(RecordVersion.version))))
        local = [Version(r.version, r.kind, r.content, bool(r.tombstone), r.saved_at,
                         r.saved_by) for r in local_rows]
        local_absorbs: dict[int, list[str]] = defaultdict(list)
        for row in db.exec(select(VersionAbsorbs).where(VersionAbsorbs.record_id == record_id)):
            local_absorbs[row.version].append(row.absorbed)
        plan = plan_merge(record_id, local, local_absorbs, incoming, absorbs)
        for number, identity in plan.learned:
            absorb(db, record_id, number, [identity])
        if plan.outcome is Outcome.NOTHING_NEW:
            return None
        if local and local[0].kind != kind.value:
            raise refuse(self.source, f"record {record_id} is a {local[0].kind} here but a "
                                      f"{kind.value} in the package")
        actions = {version.version: trail.require_version(record_id, version, self.source)
                   for version in (*plan.append, *plan.theirs)}
        if kind is RecordKind.INCIDENT:
            self._check_status_changes(db, record_id, incoming, actions)
        details = {"package": self.package_id, "from": self.contact.key_id}
        if plan.outcome in (Outcome.NEW_RECORD, Outcome.FAST_FORWARD):
            created = (str(item["created_at"]), str(item["created_by"]))
            for version in plan.append:
                self._put(store, record_id, kind, version, created=created, details=details)
                counts["versions"] += 1
                for absorbed in absorbs.get(version.version, ()):
                    db.add(VersionAbsorbs(record_id=record_id, version=version.version,
                                          absorbed=absorbed))
            counts["records"] += plan.outcome is Outcome.NEW_RECORD
            written.add(record_id)
            return None
        if plan.outcome is Outcome.ADOPT:
            adopt_version(uow, store, record_id, kind, mine=local[-1], plan=plan, details=details)
            counts["versions"] += 1
            written.add(record_id)
            return None
        return self._open_conflict(uow, record_id, kind, local[-1], plan)

    def _check_status_changes(self, db: Session, record_id: str, incoming: list[Version],
                              actions: Mapping[int, str]) -> None:
        """An incident's status moves only through review, in the sender's vault as
        here: a received version that moves it anywhere but back to draft must be one
        the sender's trail records as a review decision that came with its signed
        review, or one received or merged there (docs/packages.md)."""
        decisions = {(str(r["record_id"]), int(r["record_version"]), str(r["decision"]))
                     for r in self.body.get("reviews", [])}
        decisions |= {(r.record_id, r.record_version, r.decision) for r in db.exec(
            select(Review).where(Review.record_id == record_id)).all()}
        before = IncidentStatus.DRAFT.value
        for version in incoming:
            status = before if version.tombstone else str(
                json.loads(version.content).get("status", IncidentStatus.DRAFT.value))
            action = actions.get(version.version)
            if action is not None and status not in (before, IncidentStatus.DRAFT.value):
                reviewed = action in REVIEW_DECISIONS and \
                    (record_id, version.version, action) in decisions
                if not reviewed and action not in _RECEIVED_OR_MERGED:
                    raise refuse(self.source, f"incident {record_id} version "
                                              f"{version.version} is marked {status} without "
                                              "a review decision that says so")
            before = status

    def _put(self, store: RecordStore, record_id: str, kind: RecordKind, version: Version, *,
             created: tuple[str, str], details: Mapping[str, Any]) -> None:
        try:
            store.put_version(record_id, kind, version.version, json.loads(version.content),
                              tombstone=version.tombstone, saved_at=version.saved_at,
                              saved_by=version.saved_by, created=created, action="import",
                              details=details)
        except ValidationError as exc:
            raise refuse(self.source, f"{kind.value} {record_id} version {version.version} "
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

    def _receive_reviews(self, uow: UnitOfWork, trail: SenderTrail, counts: dict[str, int]) -> None:
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
                raise refuse(self.source, f"review {review.id} has a signature that does not "
                                          "verify")
            if review.origin_vault == self.session.vault.vault_id:
                # One of ours would be here already (the id check above).
                raise refuse(self.source, f"review {review.id} claims to be made in this vault "
                                          "but is not here")
            salt = trail.salt_of(review.origin_vault or "", self.body)
            here = _version_with_commit(db, review, salt)
            if here is None:
                # The version it decides on is not here (it went into a conflict): the
                # resolution will need a review of its own.
                counts["reviews_not_applicable"] += 1
                continue
            if here != review.record_version:
                review.local_version = here
            origin = str(review.origin_vault)
            if origin != self.sender_vault and db.get(PeerVault, origin) is None:
                db.add(PeerVault(vault_id=origin, commit_salt=salt.hex(),
                                 first_seen_at=now_utc()))
            db.add(review)
            uow.audit("import", "review", review.id, version=review.record_version,
                      payload=review_payload(review),
                      details={"package": self.package_id, "record": review.record_id,
                               "decision": review.decision, "version_here": here})
            counts["reviews"] += 1

    def _receive_comments(self, uow: UnitOfWork, trail: SenderTrail,
                          counts: dict[str, int]) -> None:
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

    def _receive_files(self, uow: UnitOfWork, trail: SenderTrail,
                       counts: dict[str, int]) -> None:
        db = uow.session
        evidence_files = EvidenceService(self.session)
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
            sealed = evidence_files.seal_bytes(
                evidence_id, attachment_id, self.files[attachment_id],
                media_type=str(raw["media_type"]), file_name=str(raw["file_name"]))
            self.new_blobs.append(sealed.blob_name)
            if sealed.sha256 != payload["sha256"]:
                raise refuse(self.source, f"evidence file {raw.get('file_name')} changed")
            evidence_files.add_sealed(
                uow, evidence, sealed, added=(str(raw["added_at"]), str(raw["added_by"])),
                details={"package": self.package_id, "from": self.contact.key_id})

    def _store_trail(self, uow: UnitOfWork, trail: SenderTrail) -> None:
        db = uow.session
        peer = db.get(PeerVault, self.sender_vault)
        if peer is None:
            db.add(PeerVault(vault_id=self.sender_vault, commit_salt=self.sender_salt.hex(),
                             first_seen_at=now_utc()))
        elif peer.commit_salt != self.sender_salt.hex():
            raise refuse(self.source, "the sender's vault presents another commit salt than "
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


def _version_with_commit(db: Session, review: Review, salt: bytes) -> int | None:
    """The newest local version of the review's record whose content is the one the
    review signs (its number, normally; another after a resolved conflict)."""
    rows = db.exec(select(RecordVersion).where(RecordVersion.record_id == review.record_id)
                   .order_by(col(RecordVersion.version).desc())).all()
    by_number = {row.version: row for row in rows}
    same = by_number.get(review.record_version)
    if same is not None and commit_of(salt, same.content.encode("utf-8")) == \
            review.object_commit:
        return same.version
    for row in rows:
        if commit_of(salt, row.content.encode("utf-8")) == review.object_commit:
            return row.version
    return None


def adopt_version(uow: UnitOfWork, store: RecordStore, record_id: str, kind: RecordKind, *,
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
