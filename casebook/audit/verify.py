"""Checking a vault's whole audit trail (``casebook audit verify``, docs/audit.md).

The trail must be a whole hash chain; every stored record version, taxonomy version,
review and comment must be the one its audit entry committed to, and be claimed by
exactly one entry; every checkpoint must be signed by a user of the vault and lie on
the chain; every review signature must verify. The first problem in trail order is
named, so a person knows where to start looking.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from casebook.audit.chain import first_break
from casebook.audit.checkpoint import Checkpoint
from casebook.audit.review_signature import review_signature_valid
from casebook.domain.canonical import canonical_json
from casebook.storage.models import (
    Attachment,
    AuditEntry,
    Comment,
    Record,
    Review,
    TaxonomyVersion,
)

RECORD_OBJECT_TYPES = frozenset({
    "incident", "person", "involvement", "act", "unit", "statement", "evidence", "consent",
    "place", "qualification",
})


#: Entries about a record that commit to something other than a stored version.
_NOT_A_VERSION = frozenset({"attach"})
ATTACH = "attach"


@dataclass(frozen=True, order=True)
class Problem:
    seq: int | None  # the audit entry it concerns, when there is one
    what: str

    def __str__(self) -> str:
        return f"entry {self.seq}: {self.what}" if self.seq is not None else self.what


@dataclass
class VerifyReport:
    entries: int
    head_hash: str | None
    checkpoints: int
    reviews: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_problem(self) -> Problem | None:
        if not self.problems:
            return None
        located = [p for p in self.problems if p.seq is not None]
        return min(located) if located else self.problems[0]


def commit_of(salt: bytes, canonical: bytes) -> str:
    return hashlib.sha256(salt + canonical).hexdigest()


def review_payload(review: Review) -> dict[str, object]:
    """What a review's audit entry commits to (every field, signature included)."""
    return {"id": review.id, "record_id": review.record_id,
            "record_version": review.record_version, "object_commit": review.object_commit,
            "decision": review.decision, "comment": review.comment,
            "reviewer": review.reviewer, "at": review.at, "public_key": review.public_key,
            "signature": review.signature}


def attachment_payload(attachment: Attachment) -> dict[str, object]:
    """What an ``attach`` entry commits to (services/evidence.py): which file, and the
    SHA-256 and size of its plaintext taken at ingest."""
    return {"attachment": attachment.id, "sha256": attachment.sha256, "size": attachment.size}


def comment_payload(comment: Comment) -> dict[str, object]:
    return {"id": comment.id, "record_id": comment.record_id,
            "record_version": comment.record_version, "author": comment.author,
            "at": comment.at, "text": comment.text}


@dataclass
class TrailData:
    """Everything the check reads, as stored."""

    vault_id: str
    salt: bytes
    #: stored rows (ORM objects or plain result rows with the same columns)
    entries: Sequence[Any]
    versions: Iterable[Any]
    taxonomy_versions: Iterable[TaxonomyVersion]
    reviews: Iterable[Review]
    comments: Iterable[Comment]
    checkpoints: Iterable[Checkpoint]
    #: key id -> public key (hex) of every user of the vault
    user_keys: Mapping[str, str]
    #: the current-state rows: each must point at its record's latest stored version
    records: Iterable[Any] = ()
    #: evidence files: each must be the one an ``attach`` entry committed to
    attachments: Iterable[Attachment] = ()
    #: vault id -> commit salt of the vaults reviews were received from (case packages)
    peer_salts: Mapping[str, bytes] = field(default_factory=dict)
    #: key id -> public key (hex) of verified contacts, who may sign received reviews
    contact_keys: Mapping[str, str] = field(default_factory=dict)


def verify_trail(data: TrailData) -> VerifyReport:
    entries = list(data.entries)
    checkpoints = list(data.checkpoints)
    reviews = list(data.reviews)
    report = VerifyReport(len(entries), entries[-1].entry_hash if entries else None,
                          len(checkpoints), len(reviews))
    problems = report.problems
    broken = first_break(entries)
    if broken is not None:
        problems.append(Problem(broken.seq, f"the chain breaks: {broken.reason}"))
    claims = _claims(entries)
    _check_objects(data, claims, reviews, problems)
    _check_attachments(data, entries, problems)
    by_seq = {e.seq: e for e in entries}
    for checkpoint in checkpoints:
        _check_checkpoint(data, checkpoint, by_seq, problems)
    problems.sort(key=lambda p: (p.seq is None, p.seq or 0, p.what))
    return report


def _claims(entries: Sequence[AuditEntry]) -> dict[tuple[str, str, int | None], AuditEntry]:
    """(object type, id, version) -> the entry committing to that stored object."""
    claims: dict[tuple[str, str, int | None], AuditEntry] = {}
    for entry in entries:
        if entry.object_commit is None or entry.object_id is None or entry.action in _NOT_A_VERSION:
            continue
        kind = ("record" if entry.object_type in RECORD_OBJECT_TYPES else entry.object_type)
        if kind in ("record", "taxonomy", "review", "comment"):
            claims.setdefault((kind, entry.object_id, entry.object_version), entry)
    return claims


def _check_objects(data: TrailData, claims: dict[tuple[str, str, int | None], AuditEntry],
                   reviews: list[Review], problems: list[Problem]) -> None:
    claimed: set[tuple[str, str, int | None]] = set()
    version_commits: dict[tuple[str, int], str] = {}
    # A review made in another vault commits to the version with that vault's salt.
    foreign = {(r.record_id, r.version_here): r.origin_vault for r in reviews
               if r.origin_vault}
    foreign_commits: dict[tuple[str, int], str] = {}
    latest: dict[str, _Head] = {}

    def check(key: tuple[str, str, int | None], stored_commit: str | None, canonical: bytes,
              described: str) -> None:
        entry = claims.get(key)
        if entry is None:
            problems.append(Problem(None, f"{described} is stored, but no audit entry "
                                          "records it (added behind Casebook's back)"))
            return
        claimed.add(key)
        actual = commit_of(data.salt, canonical)
        if stored_commit is not None and stored_commit != entry.object_commit:
            problems.append(Problem(entry.seq, f"{described}: its stored commit differs from "
                                               "the audit entry's"))
        elif actual != entry.object_commit:
            problems.append(Problem(entry.seq, f"{described} was altered: its content no "
                                               "longer matches the audit entry's commit"))

    for version in data.versions:
        version_key = (version.record_id, version.version)
        version_commits[version_key] = version.object_commit
        if version_key in foreign and foreign[version_key] in data.peer_salts:
            foreign_commits[version_key] = commit_of(data.peer_salts[foreign[version_key]],
                                             (version.content or "{}").encode("utf-8"))
        if version.record_id not in latest or version.version > latest[version.record_id].version:
            latest[version.record_id] = _Head(version.version, bool(version.tombstone))
        # Versions are stored as canonical JSON: the commit is over those very bytes, so
        # even a change that parses the same (spacing, key order) is caught.
        check(("record", version.record_id, version.version), version.object_commit,
              (version.content or "{}").encode("utf-8"), f"{version.kind} {version.record_id} "
              f"version {version.version}")
    for taxonomy in data.taxonomy_versions:
        check(("taxonomy", taxonomy.taxonomy_id, taxonomy.version), taxonomy.object_commit,
              taxonomy.content.encode("utf-8"),
              f"taxonomy {taxonomy.taxonomy_id} version {taxonomy.version}")
    for review in reviews:
        check(("review", review.id, review.record_version), None,
              canonical_json(review_payload(review)),
              f"review {review.id} of {review.record_id} version {review.record_version}")
        _check_review(data, review, foreign_commits if review.origin_vault else version_commits,
                      claims, problems)
    for comment in data.comments:
        check(("comment", comment.id, comment.record_version), None,
              canonical_json(comment_payload(comment)), f"comment {comment.id}")
    for record in data.records:
        _check_head(record, latest.get(record.id), claims, problems)
    for key, entry in claims.items():
        if key not in claimed:
            problems.append(Problem(entry.seq, f"the {key[0]} it records ({key[1]}"
                                               f"{'' if key[2] is None else f' version {key[2]}'}) "
                                               "is missing from the database"))


def _check_attachments(data: TrailData, entries: Sequence[AuditEntry],
                       problems: list[Problem]) -> None:
    """Every evidence file row matches an ``attach`` entry about its evidence record
    (the entries name the record, and commit to the file's id, hash and size)."""
    unclaimed = {(e.object_id, e.object_commit): e for e in entries
                 if e.action == ATTACH and e.object_commit is not None}
    for attachment in data.attachments:
        commit = commit_of(data.salt, canonical_json(attachment_payload(attachment)))
        if unclaimed.pop((attachment.evidence_id, commit), None) is None:
            problems.append(Problem(None, f"evidence file {attachment.id} of "
                                          f"{attachment.evidence_id} matches no audit entry "
                                          "(its hash or size was altered, or it was added "
                                          "behind Casebook's back)"))
    for (evidence_id, _commit), entry in unclaimed.items():
        problems.append(Problem(entry.seq, f"the evidence file it records for {evidence_id} "
                                           "is missing from the database or was altered"))


class _Head(NamedTuple):
    """The newest stored version of a record (kept light: one per record)."""

    version: int
    tombstone: bool


def _check_head(record: Record, newest: _Head | None,
                claims: dict[tuple[str, str, int | None], AuditEntry],
                problems: list[Problem]) -> None:
    """A record's current state is its latest version: pointing it back at an earlier
    one would hide the versions after it (an approved text shown for an edited one)."""
    if newest is None:
        problems.append(Problem(None, f"{record.kind} {record.id} has no stored version "
                                      "(added behind Casebook's back)"))
        return
    entry = claims.get(("record", record.id, newest.version))
    if entry is None:
        return  # the newest version was added behind Casebook's back: reported already
    if record.version == newest.version and bool(record.deleted) == bool(newest.tombstone):
        return
    problems.append(Problem(entry.seq,
                            f"{record.kind} {record.id}: the version shown as current "
                            f"({record.version}{', deleted' if record.deleted else ''}) is "
                            f"not its latest version ({newest.version}"
                            f"{', deleted' if newest.tombstone else ''})"))


def _check_review(data: TrailData, review: Review, version_commits: dict[tuple[str, int], str],
                  claims: dict[tuple[str, str, int | None], AuditEntry],
                  problems: list[Problem]) -> None:
    entry = claims.get(("review", review.id, review.record_version))
    seq = None if entry is None else entry.seq
    if not review_signature_valid(review.origin_vault or data.vault_id, review):
        problems.append(Problem(seq, f"review {review.id}: the reviewer's signature does "
                                     "not verify"))
    elif review.origin_vault is None and data.user_keys.get(review.reviewer) != review.public_key:
        problems.append(Problem(seq, f"review {review.id} is signed by a key that is not a "
                                     "user of this vault"))
    elif review.origin_vault is not None and \
            data.contact_keys.get(review.reviewer) != review.public_key:
        problems.append(Problem(seq, f"review {review.id}, received in a case package, is "
                                     "signed by a key that is not a verified contact"))
    if version_commits.get((review.record_id, review.version_here)) != review.object_commit:
        problems.append(Problem(seq, f"review {review.id}: the version it signs "
                                     f"({review.record_id} version {review.version_here}) "
                                     "is not the one stored"))


def _check_checkpoint(data: TrailData, checkpoint: Checkpoint, by_seq: Mapping[int, AuditEntry],
                      problems: list[Problem]) -> None:
    if checkpoint.vault_id != data.vault_id:
        problems.append(Problem(None, f"checkpoint at entry {checkpoint.seq} belongs to "
                                      "another vault"))
        return
    if not checkpoint.signature_valid():
        problems.append(Problem(checkpoint.seq, f"the checkpoint of {checkpoint.at} at this "
                                                "entry has a signature that does not verify"))
        return
    if data.user_keys.get(checkpoint.signer) != checkpoint.public_key:
        problems.append(Problem(checkpoint.seq, f"the checkpoint of {checkpoint.at} is signed "
                                                "by a key that is not a user of this vault"))
        return
    entry = by_seq.get(checkpoint.seq)
    if entry is None:
        problems.append(Problem(checkpoint.seq, f"the trail is shorter than the checkpoint of "
                                                f"{checkpoint.at} says (rolled back or "
                                                "truncated)"))
    elif entry.entry_hash != checkpoint.head_hash:
        problems.append(Problem(checkpoint.seq, f"the trail was rewritten: this entry is not "
                                                f"the one signed in the checkpoint of "
                                                f"{checkpoint.at}"))


def extends(entries: Sequence[Any], checkpoint: Checkpoint) -> Problem | None:
    """None when the trail passes through ``checkpoint`` (it extends that history)."""
    by_seq = {e.seq: e for e in entries}
    entry = by_seq.get(checkpoint.seq)
    if entry is None:
        return Problem(checkpoint.seq, f"the trail has only {len(entries)} entries; the "
                                       f"checkpoint of {checkpoint.at} has {checkpoint.seq} "
                                       "(rolled back or truncated)")
    if entry.entry_hash != checkpoint.head_hash:
        return Problem(checkpoint.seq, "the trail was rewritten since the checkpoint of "
                                       f"{checkpoint.at}: this entry is not the one it signed")
    return None
