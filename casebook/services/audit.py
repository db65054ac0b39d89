"""Audit use cases: verify the trail, keep checkpoints, read and report the log."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Table, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from casebook.audit.checkpoint import Checkpoint, parse_checkpoint_file
from casebook.audit.store import stored_checkpoints
from casebook.audit.verify import Problem, TrailData, VerifyReport, extends, verify_trail
from casebook.crypto.signing import key_id
from casebook.domain.errors import CasebookError, DamagedDataError, UsageError, ValidationError
from casebook.domain.spreadsheet import safe_cell
from casebook.services.unit_of_work import COMMIT_SALT_KEY
from casebook.services.vault_service import VaultSession
from casebook.storage.atomic import atomic_write_bytes
from casebook.storage.models import (
    Attachment,
    AuditEntry,
    Comment,
    Contact,
    PeerVault,
    Record,
    RecordVersion,
    Review,
    TaxonomyVersion,
    VaultMeta,
)


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


class AuditVerificationError(DamagedDataError):
    """The trail does not verify; ``report`` says where."""

    def __init__(self, message: str, report: VerifyReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class AuditFilter:
    user: str | None = None  # a user name or key id
    action: str | None = None
    record: str | None = None
    date_from: str | None = None  # ISO date or date-time, inclusive
    date_to: str | None = None


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str
    actor: str  # key id
    actor_name: str
    action: str
    object_type: str
    object_id: str | None
    object_version: int | None
    details: dict[str, object]

    def as_json(self) -> dict[str, object]:
        return {"seq": self.seq, "at": self.at, "actor": self.actor,
                "actor_name": self.actor_name, "action": self.action,
                "object_type": self.object_type, "object_id": self.object_id,
                "object_version": self.object_version, "details": self.details}


REPORT_COLUMNS = ("seq", "at", "actor_name", "actor", "action", "object_type", "object_id",
                  "object_version", "details")


class AuditService:
    def __init__(self, session: VaultSession) -> None:
        self.session = session

    def _user_names(self) -> dict[str, str]:
        return {key_id(u.public_key): u.name for u in self.session.vault.users}

    def _user_keys(self) -> dict[str, str]:
        return {key_id(u.public_key): u.public_key.hex() for u in self.session.vault.users}

    # ---- verification

    def verify(self, against: Checkpoint | None = None) -> VerifyReport:
        """Recompute the whole trail; with ``against`` (a checkpoint kept outside the
        vault) also prove the trail still passes through it. Does not raise: the
        report lists every problem, first in trail order first."""
        vault_id = self.session.vault.vault_id
        with Session(self.session.vault.engine) as db:
            salt_row = db.get(VaultMeta, COMMIT_SALT_KEY)
            # Plain result rows, not ORM objects: a trail has hundreds of thousands of
            # entries and versions, and building objects for them was most of the time.
            connection = db.connection()
            entries = list(connection.execute(
                sa_select(_table(AuditEntry)).order_by(_table(AuditEntry).c.seq)))
            data = TrailData(
                vault_id=vault_id,
                salt=bytes.fromhex(salt_row.value) if salt_row is not None else b"",
                entries=entries,
                versions=connection.execute(sa_select(_table(RecordVersion))),
                taxonomy_versions=db.exec(select(TaxonomyVersion)).all(),
                reviews=db.exec(select(Review)).all(),
                comments=db.exec(select(Comment)).all(),
                checkpoints=stored_checkpoints(db, vault_id),
                user_keys=self._user_keys(),
                records=list(connection.execute(sa_select(_table(Record)))),
                attachments=db.exec(select(Attachment)).all(),
                peer_salts={p.vault_id: bytes.fromhex(p.commit_salt)
                            for p in db.exec(select(PeerVault)).all()},
                contact_keys={c.key_id: c.signing_key for c in db.exec(select(Contact)).all()
                              if c.verified_at is not None},
            )
            report = verify_trail(data)
        if salt_row is None:
            report.problems.insert(0, Problem(None, "the vault's commit salt is missing"))
        if against is not None:
            if against.vault_id != vault_id:
                report.problems.append(Problem(None, "the checkpoint file belongs to another "
                                                     "vault"))
            else:
                if self._user_keys().get(against.signer) != against.public_key:
                    report.problems.append(Problem(
                        None, f"the checkpoint file is signed by {against.fingerprint}, a key "
                              "that is not a user of this vault, so it proves nothing"))
                problem = extends(entries, against)
                if problem is not None:
                    report.problems.append(problem)
            report.problems.sort(key=lambda p: (p.seq is None, p.seq or 0, p.what))
        return report

    def verify_or_raise(self, against: Checkpoint | None = None) -> VerifyReport:
        report = self.verify(against)
        first = report.first_problem
        if first is not None:
            raise AuditVerificationError(
                f"The audit trail does not verify. First problem: {first}. "
                f"({len(report.problems)} problem(s) in all.) Keep this vault as it is and "
                "compare it with a backup or a checkpoint kept elsewhere.", report)
        return report

    # ---- checkpoints

    def checkpoint(self, reason: str = "request") -> Checkpoint:
        made = self.session.checkpoint(reason)
        if made is None:
            raise UsageError("The audit trail is empty; there is nothing to checkpoint.")
        return made

    def write_checkpoint(self, path: Path, *, overwrite: bool = False) -> Checkpoint:
        """Sign the current head and write it to ``path`` for safekeeping elsewhere."""
        check_target(path, overwrite=overwrite)
        made = self.checkpoint("request")
        write_file(path, made.to_file(), mode=0o644)
        return made

    @staticmethod
    def read_checkpoint(path: Path) -> Checkpoint:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise UsageError(f"There is no file {path}.") from None
        except OSError as exc:
            raise CasebookError(f"Could not read {path}: {exc.strerror}.", path=path) from None
        return parse_checkpoint_file(raw, source=path.name)

    def write_report_csv(self, path: Path, where: AuditFilter = AuditFilter(), *,
                         overwrite: bool = False) -> int:
        """The trail (filtered) as CSV in ``path``; returns how many entries."""
        check_target(path, overwrite=overwrite)
        rows = self.log(where)
        write_file(path, report_csv(rows).encode("utf-8"))
        return len(rows)

    # ---- the log

    def log(self, where: AuditFilter = AuditFilter(), *, limit: int | None = None,
            offset: int = 0, newest_first: bool = False) -> list[AuditRow]:
        names = self._user_names()
        statement = select(AuditEntry)
        if where.user:
            wanted = where.user.casefold()
            actors = [k for k, n in names.items() if n.casefold() == wanted or k == wanted]
            statement = statement.where(col(AuditEntry.actor).in_(actors or [where.user]))
        if where.action:
            statement = statement.where(AuditEntry.action == where.action)
        if where.record:
            # Reviews and comments are objects of their own; their entries name the
            # record in their details.
            statement = statement.where(or_(
                col(AuditEntry.object_id) == where.record,
                func.json_extract(AuditEntry.details, "$.record") == where.record))
        if where.date_from:
            statement = statement.where(
                col(AuditEntry.at) >= time_bound(where.date_from, "date_from", end=False))
        if where.date_to:
            statement = statement.where(
                col(AuditEntry.at) <= time_bound(where.date_to, "date_to", end=True))
        order = col(AuditEntry.seq).desc() if newest_first else col(AuditEntry.seq)
        statement = statement.order_by(order).offset(offset)
        if limit is not None:
            statement = statement.limit(limit)
        with Session(self.session.vault.engine) as db:
            rows = db.exec(statement).all()
        return [AuditRow(e.seq, e.at, e.actor, names.get(e.actor, e.actor), e.action,
                         e.object_type, e.object_id, e.object_version, json.loads(e.details))
                for e in rows]

    def actions(self) -> list[str]:
        with Session(self.session.vault.engine) as db:
            found = db.exec(select(AuditEntry.action).distinct()).all()
        return sorted(found)


def time_bound(text: str, field: str, *, end: bool) -> str:
    """A filter bound comparable with the trail's times (UTC ISO 8601, microseconds).
    A bare date covers its whole day; a time without a zone is taken as UTC."""
    text = text.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text).isoformat()
            return day + ("T99" if end else "")
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{text!r} is not a date (YYYY-MM-DD) or a date and time "
                              "(YYYY-MM-DDTHH:MM, optionally with a zone).",
                              field=field) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def check_target(path: Path, *, overwrite: bool) -> None:
    """Refuse a folder, a missing folder, or (unless ``overwrite``) an existing file."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name.")
    if path.exists() and not overwrite:
        raise UsageError(f"{path} already exists; use --force to replace it.")
    if not path.parent.is_dir():
        raise UsageError(f"The folder {path.parent} does not exist.")


def write_file(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    try:
        atomic_write_bytes(path, data, mode=mode)
    except OSError as exc:
        raise CasebookError(f"Could not write {path}: {exc.strerror}.", path=path) from None


def report_csv(rows: list[AuditRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for row in rows:
        writer.writerow([row.seq, row.at, safe_cell(row.actor_name), row.actor, row.action,
                         row.object_type, safe_cell(row.object_id or ""),
                         "" if row.object_version is None else row.object_version,
                         safe_cell(json.dumps(row.details, ensure_ascii=False, sort_keys=True))])
    return out.getvalue()

