"""The review workflow: who may decide what, when; signed decisions that can be
checked outside Casebook; edits after approval; threads, queue and diffs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlmodel import Session, select

from casebook.audit.review_signature import review_message
from casebook.domain.errors import PermissionDeniedError, ValidationError
from casebook.domain.records import IncidentStatus, RecordKind
from casebook.services.audit import AuditFilter, AuditService
from casebook.services.records import FieldChange, RecordService, StaleVersionError
from casebook.services.review import ReviewService
from casebook.services.taxonomy import TaxonomyService
from casebook.services.vault_service import VaultSession
from casebook.storage.models import RecordVersion, Review
from tests.audit.helpers import DOCUMENTER, SUPERVISOR, TwoUsers


@pytest.fixture
def documenter(two_users: TwoUsers) -> Iterator[VaultSession]:
    session = two_users.documenter()
    yield session
    session.lock()


@pytest.fixture
def supervisor(two_users: TwoUsers) -> Iterator[VaultSession]:
    """The supervisor, unlocked alongside the documenter (two windows on one vault)."""
    session = two_users.supervisor()
    yield session
    session.lock()


def _incident(session: VaultSession, **content: object) -> str:
    return RecordService(session).create(
        RecordKind.INCIDENT, {"title": "Detention at the checkpoint", **content}).id


def _status(session: VaultSession, record_id: str) -> str:
    return str(RecordService(session).get(record_id).content["status"])


def test_a_documenter_cannot_decide(documenter: VaultSession) -> None:
    incident = _incident(documenter)
    ReviewService(documenter).submit(incident)
    service = ReviewService(documenter)
    with pytest.raises(PermissionDeniedError, match="Only a supervisor"):
        service.approve(incident, "fine")
    with pytest.raises(PermissionDeniedError, match="Only a supervisor"):
        service.request_changes(incident, "more detail")
    assert _status(documenter, incident) == IncidentStatus.SUBMITTED.value
    assert AuditService(documenter).log(AuditFilter(action="approve")) == []


def test_request_changes_needs_a_comment(documenter: VaultSession,
                                         supervisor: VaultSession) -> None:
    incident = _incident(documenter)
    ReviewService(documenter).submit(incident)
    for empty in ("", "   \n"):
        with pytest.raises(ValidationError, match="a comment is required") as caught:
            ReviewService(supervisor).request_changes(incident, empty)
        assert caught.value.field == "comment"
    assert _status(supervisor, incident) == IncidentStatus.SUBMITTED.value


def test_decisions_only_from_their_states(documenter: VaultSession,
                                          supervisor: VaultSession) -> None:
    incident = _incident(documenter)
    review = ReviewService(supervisor)
    with pytest.raises(ValidationError, match="is draft, not submitted"):
        review.approve(incident)
    with pytest.raises(ValidationError, match="is draft, not submitted"):
        review.request_changes(incident, "why")
    ReviewService(documenter).submit(incident)
    with pytest.raises(ValidationError, match="is submitted; only a draft or one needing "
                                              "changes can be submitted"):
        ReviewService(documenter).submit(incident)
    review.request_changes(incident, "Add the date.")
    assert _status(supervisor, incident) == IncidentStatus.NEEDS_CHANGES.value
    with pytest.raises(ValidationError, match="is needs-changes, not submitted"):
        review.approve(incident)
    ReviewService(documenter).submit(incident)  # from needs-changes
    review.approve(incident)
    assert _status(supervisor, incident) == IncidentStatus.APPROVED.value
    for decide in (review.approve, ReviewService(documenter).submit):
        with pytest.raises(ValidationError, match="is approved"):
            decide(incident)


def test_only_incidents_are_reviewed(documenter: VaultSession) -> None:
    person = RecordService(documenter).create(RecordKind.PERSON, {"name": "Witness"})
    with pytest.raises(ValidationError, match="reviews are made on incidents"):
        ReviewService(documenter).submit(person.id)


def test_status_changes_only_through_review(documenter: VaultSession) -> None:
    records = RecordService(documenter)
    with pytest.raises(ValidationError, match="status changes through review") as caught:
        records.create(RecordKind.INCIDENT, {"title": "Self-approved", "status": "approved"})
    assert caught.value.field == "status"
    created = records.get(_incident(documenter))
    for status in ("submitted", "approved", "needs-changes"):
        with pytest.raises(ValidationError, match="status") as caught:
            records.update(created.id, {**created.content, "status": status},
                           expected_version=created.version)
        assert caught.value.field == "status"
    assert records.get(created.id).version == created.version


def test_editing_an_approved_incident_needs_review_again(documenter: VaultSession,
                                                         supervisor: VaultSession) -> None:
    incident = _incident(documenter, narrative="Two men taken at noon.")
    ReviewService(documenter).submit(incident)
    approved = ReviewService(supervisor).approve(incident, "Consistent with statements.")
    review = ReviewService(documenter)
    check = review.approval(incident)
    assert (check.valid, check.approved_version, check.reviewer_name) == (
        True, approved.version, SUPERVISOR)
    assert review.changes_since_approval(incident) == (approved.version, [])

    records = RecordService(documenter)
    edited = records.update(incident, {**approved.content,
                                       "narrative": "Three men taken at noon."},
                            expected_version=approved.version)
    assert edited.version == approved.version + 1
    assert edited.content["status"] == IncidentStatus.DRAFT.value
    assert records.version_content(incident, approved.version)["status"] == "approved"
    check = review.approval(incident)
    assert not check.valid
    assert check.approved_version == approved.version
    assert "changed after approval" in check.reason
    assert review.changes_since_approval(incident) == (approved.version, [
        FieldChange("narrative", "Two men taken at noon.", "Three men taken at noon."),
        FieldChange("status", "approved", "draft"),
    ])
    # Tagging is an edit too.
    ReviewService(documenter).submit(incident)
    again = ReviewService(supervisor).approve(incident)
    tagged = TaxonomyService(documenter).tag(incident, add=["act.killing"])
    assert tagged.version == again.version + 1
    assert tagged.content["status"] == IncidentStatus.DRAFT.value
    assert not review.approval(incident).valid
    assert AuditService(documenter).verify().ok


def test_never_approved_diff_shows_everything(documenter: VaultSession) -> None:
    incident = _incident(documenter, narrative="At dawn.")
    review = ReviewService(documenter)
    assert review.approval(incident).reason == "never approved"
    approved, changes = review.changes_since_approval(incident)
    assert approved is None
    assert FieldChange("narrative", None, "At dawn.") in changes
    ReviewService(documenter).submit(incident)
    # Submitting changes only the status; a reviewer still sees the whole record.
    approved, after_submit = review.changes_since_approval(incident)
    assert approved is None
    assert FieldChange("narrative", None, "At dawn.") in after_submit
    assert FieldChange("status", None, "submitted") in after_submit


def test_approval_signature_verifies_outside_casebook(documenter: VaultSession,
                                                      supervisor: VaultSession) -> None:
    incident = _incident(documenter)
    ReviewService(documenter).submit(incident)
    approved = ReviewService(supervisor).approve(incident, "Signed off.")
    with Session(supervisor.vault.engine) as db:
        review = db.exec(select(Review).where(Review.record_id == incident,
                                              Review.decision == "approve")).one()
        version = db.get(RecordVersion, (incident, approved.version))
    assert version is not None
    assert review.record_version == approved.version
    assert review.object_commit == version.object_commit
    assert review.comment == "Signed off."
    public_key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(review.public_key))
    assert bytes.fromhex(review.public_key) == supervisor.user.public_key
    signed = review_message(supervisor.vault.vault_id, review)
    public_key.verify(bytes.fromhex(review.signature), signed)  # raises if it does not hold
    with pytest.raises(InvalidSignature):
        public_key.verify(bytes.fromhex(review.signature),
                          signed.replace(review.object_commit.encode(), b"0" * 64))
    with pytest.raises(InvalidSignature):
        public_key.verify(bytes.fromhex(review.signature),
                          signed.replace(b'"approve"', b'"request-changes"'))


def test_thread_lists_comments_and_decisions_in_order(documenter: VaultSession,
                                                      supervisor: VaultSession) -> None:
    incident = _incident(documenter)
    ReviewService(documenter).comment(incident, "Source is the brother.")
    ReviewService(documenter).submit(incident, "Please review.")
    ReviewService(supervisor).comment(incident, "Is there a second source?")
    ReviewService(supervisor).request_changes(incident, "Add a second source.")
    ReviewService(documenter).submit(incident)
    ReviewService(supervisor).approve(incident, "Good.")
    thread = ReviewService(documenter).thread(incident)
    assert [(i.author_name, i.decision, i.text) for i in thread] == [
        (DOCUMENTER, None, "Source is the brother."),
        (DOCUMENTER, "submit", "Please review."),
        (SUPERVISOR, None, "Is there a second source?"),
        (SUPERVISOR, "request-changes", "Add a second source."),
        (DOCUMENTER, "submit", ""),
        (SUPERVISOR, "approve", "Good."),
    ]
    versions = [i.record_version for i in thread]
    assert versions == sorted(versions)
    assert [i.at for i in thread] == sorted(i.at for i in thread)
    with pytest.raises(ValidationError, match="empty"):
        ReviewService(documenter).comment(incident, "  ")
    with pytest.raises(ValidationError, match="longer than"):
        ReviewService(documenter).comment(incident, "x" * 20_001)
    entries = AuditService(documenter).log(AuditFilter(action="comment"))
    assert [e.details for e in entries] == [{"record": incident}, {"record": incident}]


def test_queue_lists_submitted_incidents(documenter: VaultSession,
                                         supervisor: VaultSession) -> None:
    first, second, kept_back = (_incident(documenter, title=t) for t in ("One", "Two", "Three"))
    ReviewService(documenter).submit(first)
    ReviewService(documenter).submit(second)
    queue = ReviewService(supervisor).queue()
    assert [(r.id, r.title, r.status) for r in queue] == [
        (first, "One", "submitted"), (second, "Two", "submitted")]
    ReviewService(supervisor).request_changes(first, "Which day?")
    assert [r.id for r in ReviewService(supervisor).queue()] == [second]
    waiting = ReviewService(documenter).queue(IncidentStatus.NEEDS_CHANGES)
    assert [r.id for r in waiting] == [first]
    assert [r.id for r in ReviewService(supervisor).queue(IncidentStatus.DRAFT)] == [kept_back]


def test_decision_on_a_version_the_reviewer_did_not_see_is_refused(
        documenter: VaultSession, supervisor: VaultSession) -> None:
    incident = _incident(documenter)
    submitted = ReviewService(documenter).submit(incident)
    seen = RecordService(supervisor).get(incident)
    assert seen.version == submitted.version
    RecordService(documenter).update(incident, {**submitted.content, "narrative": "late"},
                                     expected_version=submitted.version)
    with pytest.raises(StaleVersionError):
        ReviewService(supervisor).approve(incident, "ok", expected_version=seen.version)
    assert _status(supervisor, incident) == IncidentStatus.SUBMITTED.value
    approved = ReviewService(supervisor).approve(incident, "ok",
                                                 expected_version=seen.version + 1)
    assert approved.content["narrative"] == "late"
