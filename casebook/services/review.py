"""Review: documenters submit incidents, supervisors approve them or ask for changes,
everyone comments (DESIGN.md section 5, docs/audit.md).

Each decision is a new version of the incident (its status) and a review row signed
by the person deciding, over that version's commit. An approval therefore names one
exact version: after any later edit it no longer covers the record, and the edit
sends the incident back to draft, to be submitted and reviewed again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from casebook.audit.review_signature import review_message, review_signature_valid
from casebook.audit.verify import comment_payload, commit_of, review_payload
from casebook.crypto.signing import key_id
from casebook.domain.errors import PermissionDeniedError, ValidationError
from casebook.domain.records import IncidentStatus, RecordKind
from casebook.domain.users import Role
from casebook.services.records import (
    FieldChange,
    RecordService,
    RecordStore,
    StaleVersionError,
    StoredRecord,
    diff_contents,
)
from casebook.services.vault_service import VaultSession
from casebook.storage.models import (
    Comment,
    Contact,
    IncidentView,
    PeerVault,
    RecordVersion,
    Review,
)
from casebook.storage.vault import now_utc


class Decision:
    SUBMIT = "submit"
    APPROVE = "approve"
    REQUEST_CHANGES = "request-changes"


#: status before -> decision -> status after
TRANSITIONS: dict[str, dict[str, IncidentStatus]] = {
    Decision.SUBMIT: {IncidentStatus.DRAFT.value: IncidentStatus.SUBMITTED,
                      IncidentStatus.NEEDS_CHANGES.value: IncidentStatus.SUBMITTED},
    Decision.APPROVE: {IncidentStatus.SUBMITTED.value: IncidentStatus.APPROVED},
    Decision.REQUEST_CHANGES: {IncidentStatus.SUBMITTED.value: IncidentStatus.NEEDS_CHANGES},
}
MAX_COMMENT = 20_000


@dataclass(frozen=True)
class ThreadItem:
    """A comment or a review decision, in the record's thread."""

    id: str
    at: str
    author: str  # key id
    author_name: str
    record_version: int
    decision: str | None  # None for a plain comment
    text: str


@dataclass(frozen=True)
class ApprovalCheck:
    approved_version: int | None
    reviewer_name: str
    valid: bool
    reason: str


@dataclass(frozen=True)
class QueueRow:
    id: str
    title: str
    status: str
    updated_at: str


class ReviewService:
    def __init__(self, session: VaultSession) -> None:
        self.session = session

    def _names(self) -> dict[str, str]:
        with Session(self.session.vault.engine) as db:
            names = {c.key_id: c.name for c in db.exec(select(Contact)).all()}
        return names | {key_id(u.public_key): u.name for u in self.session.vault.users}

    def _supervisors(self, db: Session) -> set[str]:
        """Key ids whose approval counts: this vault's supervisors, and verified contacts
        who are supervisors (their approvals arrive in case packages)."""
        local = {key_id(u.public_key) for u in self.session.vault.users
                 if u.role is Role.SUPERVISOR}
        contacts = db.exec(select(Contact).where(Contact.role == Role.SUPERVISOR.value,
                                                 col(Contact.verified_at).is_not(None))).all()
        return local | {c.key_id for c in contacts}

    def _commit_signed(self, db: Session, review: Review, version: RecordVersion) -> str | None:
        """The commit the review should name for ``version``: a review made in another
        vault names it with that vault's commit salt."""
        if review.origin_vault is None:
            return version.object_commit
        peer = db.get(PeerVault, review.origin_vault)
        if peer is None:
            return None
        return commit_of(bytes.fromhex(peer.commit_salt), version.content.encode("utf-8"))

    # ---- decisions

    def submit(self, record_id: str, comment: str = "", *,
               expected_version: int | None = None) -> StoredRecord:
        return self._decide(record_id, Decision.SUBMIT, comment, expected_version)

    def approve(self, record_id: str, comment: str = "", *,
                expected_version: int | None = None) -> StoredRecord:
        """Approve the incident. Give ``expected_version`` (the version the reviewer
        read) so that an edit made meanwhile is not approved unseen."""
        return self._decide(record_id, Decision.APPROVE, comment, expected_version)

    def request_changes(self, record_id: str, comment: str, *,
                        expected_version: int | None = None) -> StoredRecord:
        if not comment.strip():
            raise ValidationError("Say what needs to change: a comment is required when "
                                  "asking for changes.", field="comment")
        return self._decide(record_id, Decision.REQUEST_CHANGES, comment, expected_version)

    def _decide(self, record_id: str, decision: str, comment: str,
                expected_version: int | None) -> StoredRecord:
        comment = comment.strip()
        if len(comment) > MAX_COMMENT:
            raise ValidationError(f"The comment is longer than {MAX_COMMENT} characters.",
                                  field="comment")
        if decision != Decision.SUBMIT and self.session.user.role is not Role.SUPERVISOR:
            raise PermissionDeniedError(
                "Only a supervisor can approve a record or ask for changes. "
                "Submit it for review instead."
            )
        current = RecordService(self.session).get(record_id)
        if current.kind is not RecordKind.INCIDENT:
            raise ValidationError(f"Record {current.id} is a {current.kind.value}; reviews "
                                  "are made on incidents (with everything linked to them).")
        if expected_version is not None and current.version != expected_version:
            raise StaleVersionError(
                f"This incident was changed (now version {current.version}) since you "
                f"opened version {expected_version}. Reopen it and review what changed; "
                "nothing was decided.")
        status = str(current.content.get("status", IncidentStatus.DRAFT.value))
        after = TRANSITIONS[decision].get(status)
        if after is None:
            raise ValidationError(_refusal(decision, status))
        user = self.session.user
        with self.session.unit_of_work() as uow:
            store = RecordStore(uow, user.id)
            saved = store.update(current.id, {**current.content, "status": after.value},
                                 expected_version=current.version, action=decision)
            version = uow.session.get(RecordVersion, (saved.id, saved.version))
            assert version is not None
            review = Review(
                id=str(uuid.uuid4()), record_id=saved.id, record_version=saved.version,
                object_commit=version.object_commit, decision=decision, comment=comment,
                reviewer=key_id(user.public_key), at=now_utc(),
                public_key=user.public_key.hex(), signature="",
            )
            review.signature = self.session.vault.sign(
                review_message(self.session.vault.vault_id, review)).hex()
            uow.session.add(review)
            uow.audit("review", "review", review.id, version=review.record_version,
                      payload=review_payload(review), details={"decision": decision,
                                                               "record": saved.id})
        return saved

    # ---- comments

    def comment(self, record_id: str, text: str) -> ThreadItem:
        text = text.strip()
        if not text:
            raise ValidationError("The comment is empty.", field="comment")
        if len(text) > MAX_COMMENT:
            raise ValidationError(f"The comment is longer than {MAX_COMMENT} characters.",
                                  field="comment")
        current = RecordService(self.session).get(record_id)
        user = self.session.user
        with self.session.unit_of_work() as uow:
            row = Comment(id=str(uuid.uuid4()), record_id=current.id,
                          record_version=current.version, author=key_id(user.public_key),
                          at=now_utc(), text=text)
            uow.session.add(row)
            uow.audit("comment", "comment", row.id, version=row.record_version,
                      payload=comment_payload(row), details={"record": current.id})
        return ThreadItem(row.id, row.at, row.author, user.name, row.record_version, None, text)

    def thread(self, record_id: str) -> list[ThreadItem]:
        names = self._names()
        with Session(self.session.vault.engine) as db:
            comments = db.exec(select(Comment).where(Comment.record_id == record_id)).all()
            reviews = db.exec(select(Review).where(Review.record_id == record_id)).all()
        items = [ThreadItem(c.id, c.at, c.author, names.get(c.author, c.author),
                            c.record_version, None, c.text) for c in comments]
        items += [ThreadItem(r.id, r.at, r.reviewer, names.get(r.reviewer, r.reviewer),
                             r.record_version, r.decision, r.comment) for r in reviews]
        return sorted(items, key=lambda i: (i.at, i.id))

    # ---- reading

    def queue(self, status: IncidentStatus = IncidentStatus.SUBMITTED) -> list[QueueRow]:
        """Incidents waiting in ``status``, oldest change first (a supervisor's queue is
        the submitted ones; a documenter's, those needing changes)."""
        with Session(self.session.vault.engine) as db:
            rows = db.exec(select(IncidentView).where(IncidentView.status == status.value)
                           .order_by(col(IncidentView.updated_at))).all()
        return [QueueRow(r.id, r.title, r.status, r.updated_at) for r in rows]

    def approval(self, record_id: str) -> ApprovalCheck:
        """Whether the record's current version is the one a supervisor approved, with
        a signature that verifies."""
        names = self._names()
        current = RecordService(self.session).get(record_id)
        with Session(self.session.vault.engine) as db:
            review = _latest_approval(db, current.id)
            version = (None if review is None
                       else db.get(RecordVersion, (current.id, review.version_here)))
            supervisors = self._supervisors(db)
            signed_commit = (None if review is None or version is None
                             else self._commit_signed(db, review, version))
        if review is None:
            return ApprovalCheck(None, "", False, "never approved")
        name = names.get(review.reviewer, review.reviewer)
        if not review_signature_valid(review.origin_vault or self.session.vault.vault_id,
                                      review):
            return ApprovalCheck(review.version_here, name, False,
                                 "the approval's signature does not verify")
        if review.reviewer not in supervisors:
            return ApprovalCheck(review.version_here, name, False,
                                 "the approval is not signed by a supervisor of this vault")
        if signed_commit is None or signed_commit != review.object_commit:
            return ApprovalCheck(review.version_here, name, False,
                                 "the approved version is not the one stored")
        if current.version != review.version_here:
            return ApprovalCheck(review.version_here, name, False,
                                 f"the record changed after approval (now version "
                                 f"{current.version}, approved version {review.version_here})")
        return ApprovalCheck(review.version_here, name, True, "approved version, signature "
                                                                "verifies")

    def changes_since_approval(self, record_id: str) -> tuple[int | None, list[FieldChange]]:
        """The last approved version (None: never approved) and what changed since
        (everything, when never approved: the reviewer has seen none of it)."""
        records = RecordService(self.session)
        current = records.get(record_id)
        with Session(self.session.vault.engine) as db:
            latest = _latest_approval(db, current.id)
            approved = None if latest is None else latest.version_here
        before: dict[str, Any] = ({} if approved is None
                                  else records.version_content(current.id, approved))
        return approved, diff_contents(before, current.content)


def _latest_approval(db: Session, record_id: str) -> Review | None:
    """The approval of the newest version here (a received one may name the version by
    its number in the vault it was made in: ``Review.version_here``)."""
    approvals = db.exec(select(Review).where(Review.record_id == record_id,
                                             Review.decision == Decision.APPROVE)).all()
    return max(approvals, key=lambda r: (r.version_here, r.at), default=None)


def _refusal(decision: str, status: str) -> str:
    if decision == Decision.SUBMIT:
        return (f"This incident is {status}; only a draft or one needing changes can be "
                "submitted.")
    return f"This incident is {status}, not submitted; there is nothing to review yet."
