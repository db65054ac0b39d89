"""What case-package use cases return (services/packages.py, services/package_import.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casebook.services.contacts import ContactInfo

Progress = Callable[[int, int], None]

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

    @property
    def nothing_but_trail(self) -> bool:
        return not (self.records or self.reviews or self.comments or self.evidence_files)

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
        """Nothing but audit entries (the last export's own, say) to send: those go
        with the next package that carries something."""
        return self.contents.nothing_but_trail


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


def contents_from_json(raw: Mapping[str, Any]) -> PackageContents:
    return PackageContents(
        records=int(raw["records"]), versions=int(raw["versions"]),
        by_kind={str(k): int(v) for k, v in dict(raw["by_kind"]).items()},
        reviews=int(raw["reviews"]), comments=int(raw["comments"]),
        evidence_files=int(raw["evidence_files"]), evidence_bytes=int(raw["evidence_bytes"]),
        audit_entries=int(raw["audit_entries"]))
