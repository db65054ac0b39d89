"""Shared pieces of the taxonomy and gazetteer tests: the shipped taxonomy as a file,
a version 2 of it with one change of every kind, and small record builders."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, func, select

from casebook.domain.records import RecordKind
from casebook.services.records import RecordService, StoredRecord
from casebook.services.vault_service import VaultSession
from casebook.storage.models import AuditEntry, Record, TaxonomyVersion
from casebook.taxonomy.format import taxonomy_to_json
from casebook.taxonomy.shipped import default_taxonomy

SHIPPED_ID = "casebook-default"

#: What version 2 changes (see :func:`version_two`).
DEPRECATED = "act.arbitrary-detention"  # -> replaced by its parent
DEPRECATED_REPLACEMENT = "act.arrest-detention"
DEPRECATED_PERSON = "victim.refugee"  # -> victim.displaced-person
DEPRECATED_PERSON_REPLACEMENT = "victim.displaced-person"
RELABELLED = "act.injury"
RELABEL_EN = "Injury (non-fatal)"
MOVED = "act.hostage-taking"  # top level -> under act.abduction
MOVED_UNDER = "act.abduction"
REMOVED = "act.extortion"
ADDED = "act.sniper-fire"  # new, under act.shooting


@cache
def _shipped_file() -> str:
    return json.dumps(taxonomy_to_json(default_taxonomy()), ensure_ascii=False)


def shipped_document() -> dict[str, Any]:
    """The shipped taxonomy in file form (a fresh copy each call)."""
    loaded: dict[str, Any] = json.loads(_shipped_file())
    return loaded


def scheme_of(document: dict[str, Any], code: str) -> dict[str, Any]:
    return next(s for s in document["schemes"] if s["code"] == code)


def term_of(document: dict[str, Any], code: str) -> dict[str, Any]:
    scheme = scheme_of(document, code.split(".", 1)[0])
    return next(t for t in scheme["terms"] if t["code"] == code)


def version_two() -> dict[str, Any]:
    """Version 2 of the shipped taxonomy: two deprecated terms (with replacements), a
    relabelled term, a moved term, a removed term and an added term."""
    document = shipped_document()
    document["version"] = 2
    for code, replacement in ((DEPRECATED, DEPRECATED_REPLACEMENT),
                              (DEPRECATED_PERSON, DEPRECATED_PERSON_REPLACEMENT)):
        term = term_of(document, code)
        term["status"] = "deprecated"
        term["replaced_by"] = replacement
    term_of(document, RELABELLED)["labels"]["en"] = RELABEL_EN
    term_of(document, MOVED)["parent"] = MOVED_UNDER
    act = scheme_of(document, "act")
    act["terms"] = [t for t in act["terms"] if t["code"] != REMOVED]
    act["terms"].append({
        "code": ADDED, "parent": "act.shooting",
        "labels": {"en": "Sniper fire", "ar": "إطلاق نار من قناص"},
        "definitions": {"en": "Shots fired by a sniper.", "ar": "إطلاق نار من قناص."},
    })
    return document


def write_json(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def modified(document: dict[str, Any], **changes: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    changed.update(changes)
    return changed


# --------------------------------------------------------------------------- records


def incident(session: VaultSession, title: str = "Incident", **content: Any) -> StoredRecord:
    return RecordService(session).create(RecordKind.INCIDENT, {"title": title, **content})


def person(session: VaultSession, name: str = "Person", **content: Any) -> StoredRecord:
    return RecordService(session).create(RecordKind.PERSON, {"name": name, **content})


def act(session: VaultSession, incident_id: str, victim_id: str, act_type: str,
        **content: Any) -> StoredRecord:
    return RecordService(session).create(RecordKind.ACT, {
        "incident": incident_id, "victim": victim_id, "act_type": act_type, **content})


# --------------------------------------------------------------------------- vault state


def audit_actions(session: VaultSession) -> list[str]:
    with Session(session.vault.engine) as db:
        return [e.action for e in db.exec(select(AuditEntry).order_by(col(AuditEntry.seq))).all()]


def taxonomy_versions(session: VaultSession) -> list[tuple[str, int]]:
    with Session(session.vault.engine) as db:
        return sorted((v.taxonomy_id, v.version)
                      for v in db.exec(select(TaxonomyVersion)).all())


def record_count(session: VaultSession, kind: RecordKind | None = None) -> int:
    statement = select(func.count()).select_from(Record)
    if kind is not None:
        statement = statement.where(Record.kind == kind.value)
    with Session(session.vault.engine) as db:
        return int(db.exec(statement).one())
