"""The sender's audit trail, as case packages carry it (services/package_import.py):
what was received before from that vault, plus a package's new entries. Every item
imported must be one it records, committed with the sender's salt."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from casebook.audit.checkpoint import Checkpoint
from casebook.audit.verify import commit_of
from casebook.domain.canonical import canonical_json
from casebook.domain.errors import PackageRefusedError
from casebook.exchange.merge import Version
from casebook.storage.models import PeerAuditEntry, PeerVault


def refuse(source: str, why: str) -> PackageRefusedError:
    return PackageRefusedError(f"{source} was refused: {why}. Nothing was imported.")


@dataclass(frozen=True, slots=True)
class PackageEntry:
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
    def from_json(cls, raw: Mapping[str, Any]) -> PackageEntry:
        version = raw["object_version"]
        return cls(int(raw["seq"]), str(raw["at"]), str(raw["actor"]), str(raw["action"]),
                   str(raw["object_type"]),
                   None if raw["object_id"] is None else str(raw["object_id"]),
                   None if version is None else int(version),
                   None if raw["object_commit"] is None else str(raw["object_commit"]),
                   canonical_json(raw["details"]).decode("utf-8"), str(raw["prev_hash"]),
                   str(raw["entry_hash"]))


class SenderTrail:
    """The sender's trail (what was received before, and this package's new entries):
    every item imported must be one it records."""

    def __init__(self, db: Session, vault_id: str, salt: bytes, *,
                 new_entries: list[PackageEntry], checkpoints: list[Checkpoint],
                 head_seq: int) -> None:
        self.db = db
        self.vault_id = vault_id
        self.salt = salt
        self.new_entries = new_entries
        self.checkpoints = checkpoints
        self.head_seq = head_seq
        #: (object id, version) -> commit -> the action of the entry recording it
        self._commits: dict[tuple[str | None, int | None], dict[str, str]] = defaultdict(dict)
        self._attach: set[tuple[str | None, str | None]] = set()
        for entry in new_entries:
            self._note(entry)

    def _note(self, entry: Any) -> None:
        if entry.object_commit is None:
            return
        if entry.action == "attach":
            self._attach.add((entry.object_id, entry.object_commit))
        else:
            self._commits[(entry.object_id, entry.object_version)].setdefault(
                entry.object_commit, entry.action)

    def _stored(self, object_id: str, version: int | None) -> dict[str, str]:
        rows = self.db.exec(select(PeerAuditEntry).where(
            PeerAuditEntry.vault_id == self.vault_id, PeerAuditEntry.object_id == object_id,
            PeerAuditEntry.object_version == version).order_by(col(PeerAuditEntry.seq))).all()
        found: dict[str, str] = {}
        for row in rows:
            if row.object_commit and row.action != "attach":
                found.setdefault(row.object_commit, row.action)
        return found

    def _action(self, object_id: str, version: int | None, commit: str) -> str | None:
        """The action of the sender's entry recording ``commit``; None: no such entry."""
        action = self._commits.get((object_id, version), {}).get(commit)
        return action if action is not None else self._stored(object_id, version).get(commit)

    def require_version(self, record_id: str, version: Version, source: str) -> str:
        """Check the version against the sender's trail; return the action that made it."""
        commit = commit_of(self.salt, version.content.encode("utf-8"))
        action = self._action(record_id, version.version, commit)
        if action is None:
            raise refuse(source, f"record {record_id} version {version.version} is not the "
                                 "one the sender's audit trail records (altered after it was "
                                 "saved)")
        return action

    def require(self, object_type: str, object_id: str, payload: Mapping[str, Any],
                source: str) -> None:
        commit = commit_of(self.salt, canonical_json(dict(payload)))
        version = payload.get("record_version")
        if self._action(object_id, None if version is None else int(version), commit) is None:
            raise refuse(source, f"{object_type} {object_id} is not the one the sender's "
                                 "audit trail records")

    def require_attach(self, evidence_id: str, payload: Mapping[str, Any], source: str) -> None:
        commit = commit_of(self.salt, canonical_json(dict(payload)))
        if (evidence_id, commit) in self._attach:
            return
        rows = self.db.exec(select(PeerAuditEntry).where(
            PeerAuditEntry.vault_id == self.vault_id, PeerAuditEntry.object_id == evidence_id,
            PeerAuditEntry.action == "attach", PeerAuditEntry.object_commit == commit)).all()
        if not rows:
            raise refuse(source, f"an evidence file of {evidence_id} is not the one the "
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
