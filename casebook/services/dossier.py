"""Dossier use cases: the readiness check and the export (docs/dossiers.md).

The export gathers the chosen incidents with everything linked to them, computes
the redacted content (casebook.export.dossier_model), renders the PDF through the
renderer the interface passes in (Qt paints it; the services do not import Qt),
writes the tables, re-encodes released images, records the export in the audit
trail, signs a checkpoint, signs the manifest, and writes the zip atomically.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from casebook.crypto.subkeys import Purpose, derive_subkey
from casebook.domain.errors import PermissionDeniedError, UsageError, ValidationError
from casebook.domain.records import RecordKind
from casebook.domain.spreadsheet import safe_cell
from casebook.domain.users import Role
from casebook.export.dossier_model import Attachment, Dossier, Snapshot, build_dossier
from casebook.export.images import reencode_image
from casebook.export.manifest import MANIFEST, manifest_body, signed_manifest
from casebook.export.profiles import Profile, shipped_profile
from casebook.export.readiness import ReadinessItem, check_readiness
from casebook.services.evidence import EvidenceService
from casebook.services.places import load_gazetteer
from casebook.services.queries import IncidentFilter, Queries
from casebook.services.vault_service import VaultSession
from casebook.storage.atomic import atomic_write_bytes
from casebook.storage.models import Attachment as AttachmentRow
from casebook.storage.models import Record, RecordIncident, RecordVersion
from casebook.storage.taxonomy_rows import load_term_index

#: Renders the dossier data (and its redaction report) into PDF bytes.
PdfRenderer = Callable[[dict[str, Any], dict[str, Any]], bytes]


@dataclass
class DossierSummary:
    path: Path
    dossier_id: str
    incidents: int
    files: int
    released_evidence: int
    withheld: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""


def select_incidents(session: VaultSession, incident_ids: Iterable[str] = (),
                     tag: str | None = None) -> list[str]:
    ids = list(dict.fromkeys(incident_ids))
    queries = Queries(session)
    if tag:
        found: list[str] = []
        while True:
            page = queries.incident_ids(IncidentFilter(tag=tag), offset=len(found))
            if not page:
                break
            found += page
        ids += [i for i in found if i not in ids]
    if not ids and not tag:
        raise UsageError("Choose the incidents: give --incident ID (repeatable) or --tag CODE.")
    if not ids:
        raise ValidationError(f"No incident carries {tag}; nothing to export.")
    return ids


def snapshot(session: VaultSession, incident_ids: list[str]) -> Snapshot:
    """The chosen incidents and every live record linked to them, as stored."""
    with Session(session.vault.engine) as db:
        def content_of(record_ids: Iterable[str]) -> dict[str, tuple[str, dict[str, Any]]]:
            """Live records by id, in the order they were created (so a dossier lists
            acts, statements and evidence in the order they were entered)."""
            wanted = list(dict.fromkeys(record_ids))
            rows: list[tuple[str, str, str, str]] = []
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                rows += db.exec(
                    select(Record.id, Record.kind, RecordVersion.content, Record.created_at)
                    .join(RecordVersion, (col(RecordVersion.record_id) == col(Record.id))
                          & (col(RecordVersion.version) == col(Record.version)))
                    .where(col(Record.id).in_(chunk), col(Record.deleted).is_(False))
                ).all()
            rows.sort(key=lambda row: (row[3], row[0]))
            return {record_id: (kind, json.loads(content))
                    for record_id, kind, content, _created in rows}

        incidents = content_of(incident_ids)
        missing = [i for i in incident_ids if incidents.get(i, ("",))[0]
                   != RecordKind.INCIDENT.value]
        if missing:
            raise ValidationError(f"{missing[0]} is not an incident of this vault.")
        linked_ids = db.exec(select(RecordIncident.record_id).where(
            col(RecordIncident.incident_id).in_(incident_ids))).all()
        linked = content_of(linked_ids)
        by_kind: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for record_id, (kind, content) in linked.items():
            by_kind.setdefault(kind, []).append((record_id, content))
        involvements = [c for _i, c in by_kind.get(RecordKind.INVOLVEMENT.value, [])]
        acts = by_kind.get(RecordKind.ACT.value, [])
        statements = by_kind.get(RecordKind.STATEMENT.value, [])
        person_ids = {str(i["person"]) for i in involvements}
        person_ids |= {str(a["victim"]) for _i, a in acts}
        person_ids |= {str(p["person"]) for _i, a in acts for p in a.get("perpetrators", ())
                       if p.get("person")}
        person_ids |= {str(s["source"]) for _i, s in statements if s.get("source")}
        unit_ids = {str(p["unit"]) for _i, a in acts for p in a.get("perpetrators", ())
                    if p.get("unit")}
        persons = {pid: c for pid, (kind, c) in content_of(person_ids).items()
                   if kind == RecordKind.PERSON.value}
        units = {uid: c for uid, (kind, c) in content_of(unit_ids).items()}
        consent_rows = db.exec(
            select(Record.id, RecordVersion.content)
            .join(RecordVersion, (col(RecordVersion.record_id) == col(Record.id))
                  & (col(RecordVersion.version) == col(Record.version)))
            .where(Record.kind == RecordKind.CONSENT.value, col(Record.deleted).is_(False))
            .order_by(col(Record.created_at), col(Record.id))
        ).all()
        consents = [c for c in (json.loads(content) for _id, content in consent_rows)
                    if str(c.get("person")) in persons]
        evidence = by_kind.get(RecordKind.EVIDENCE.value, [])
        attachments: dict[str, list[Attachment]] = {}
        if evidence:
            rows = db.exec(select(AttachmentRow).where(col(AttachmentRow.evidence_id).in_(
                [e for e, _c in evidence])).order_by(col(AttachmentRow.added_at))).all()
            for row in rows:
                attachments.setdefault(row.evidence_id, []).append(Attachment(
                    row.id, row.file_name, row.media_type, row.size, row.sha256))
        terms = load_term_index(db)
        gazetteer = load_gazetteer(db)
    ordered = [(i, incidents[i][1]) for i in incident_ids]
    return Snapshot(
        incidents=ordered, persons=persons, involvements=involvements, acts=acts,
        statements=statements, consents=consents, evidence=evidence, attachments=attachments,
        qualifications=by_kind.get(RecordKind.QUALIFICATION.value, []), units=units,
        gazetteer=gazetteer, terms=terms,
        approved={i: c.get("status") == "approved" for i, c in ordered},
    )


def readiness(session: VaultSession, profile_name: str, incident_ids: Iterable[str] = (),
              tag: str | None = None) -> list[ReadinessItem]:
    profile = shipped_profile(profile_name)
    ids = select_incidents(session, incident_ids, tag)
    return check_readiness(snapshot(session, ids), profile, date.today())


def _tables(data: dict[str, Any]) -> dict[str, str]:
    """CSV tables of the same redacted data."""
    def table(header: list[str], rows: list[list[Any]]) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else safe_cell(str(v)) for v in row])
        return out.getvalue()

    incidents, victims, acts, sources, evidence = [], [], [], [], []
    for inc in data["incidents"]:
        ref = inc["ref"]
        incidents.append([ref, inc["title"], inc["date_start"], inc["date_end"], inc["place"],
                          inc["review_status"], "; ".join(inc["tags"]), inc["narrative"]])
        for v in inc["victims"]:
            victims.append([ref, v["name"], v["sex"], v.get("age"), v.get("is_child"),
                            v["counting_unit"], v.get("group_size"),
                            "; ".join(v["characteristics"])])
        for a in inc["acts"]:
            acts.append([ref, a["act_type"], a["victim"], a["date"], a["method"],
                         a["status_at_end"], "; ".join(p["name"] for p in
                                                       a["alleged_perpetrators"]),
                         "; ".join(f"{q['violation']} ({q['standard_of_proof']})"
                                   for q in a["legal_qualifications"])])
        for s in inc["sources"]:
            sources.append([ref, s["source"], s["connection"], s["date"], s["reliability"],
                            s["credibility"], s.get("text", "")])
        for e in inc["evidence"]:
            evidence.append([ref, e["ref"], e["media_type"], e["size"],
                             e["sha256_at_ingest"], e["released"], e["file"],
                             e["description"]])
    return {
        "tables/incidents.csv": table(["incident", "title", "date_start", "date_end", "place",
                                       "review_status", "tags", "narrative"], incidents),
        "tables/victims.csv": table(["incident", "name", "sex", "age", "is_child",
                                     "counting_unit", "group_size", "characteristics"],
                                    victims),
        "tables/acts.csv": table(["incident", "act_type", "victim", "date", "method",
                                  "status_at_end", "alleged_perpetrators",
                                  "legal_qualifications"], acts),
        "tables/sources.csv": table(["incident", "source", "connection", "date",
                                     "reliability", "credibility", "text"], sources),
        "tables/evidence.csv": table(["incident", "evidence", "media_type", "size",
                                      "sha256_at_ingest", "released", "file",
                                      "description"], evidence),
    }


def export_dossier(
    session: VaultSession, profile_name: str, out: Path, render_pdf: PdfRenderer, *,
    incident_ids: Iterable[str] = (), tag: str | None = None, language: str = "en",
    allow_unapproved: bool = False, overwrite: bool = False,
    profile: Profile | None = None,
) -> DossierSummary:
    """Build and write a signed dossier. Unapproved incidents need ``allow_unapproved``
    (the readiness check lists them)."""
    if language not in ("en", "ar"):
        raise UsageError("The dossier language is en or ar.")
    if session.user.role is not Role.SUPERVISOR:
        raise PermissionDeniedError(
            "Only a supervisor can export a dossier: it leaves the organisation. "
            "Ask your supervisor to export it."
        )
    _check_target(out, overwrite)
    chosen = profile or shipped_profile(profile_name)
    ids = select_incidents(session, incident_ids, tag)
    snap = snapshot(session, ids)
    unapproved = [i for i, ok in snap.approved.items() if not ok]
    if unapproved and not allow_unapproved:
        raise ValidationError(
            f"{len(unapproved)} of the chosen incidents are not approved. Have them reviewed, "
            "or confirm that they may go out unapproved (--allow-unapproved)."
        )
    dossier_id = str(uuid.uuid4())
    pseudonym_key = derive_subkey(session.vault.root_key(), Purpose.PSEUDONYM)
    key = hmac.new(pseudonym_key, dossier_id.encode(), hashlib.sha256).digest()
    generated_at = datetime.now(UTC).isoformat(timespec="seconds")
    dossier = build_dossier(snap, chosen, language, key, date.today(),
                            dossier_id=dossier_id, generated_at=generated_at)
    files = _contents(session, dossier, render_pdf)
    overrides = [{"rule": o.rule, "reason": o.reason} for o in chosen.overrides]
    with session.unit_of_work() as uow:
        uow.audit("export", "dossier", dossier_id, details={
            "profile": chosen.name, "language": language, "incidents": ids,
            "unapproved": len(unapproved), "overrides": overrides,
            "released_evidence": len(dossier.files), "file": out.name,
        })
    checkpoint = session.checkpoint("export")
    assert checkpoint is not None
    body = manifest_body(files, public_key=session.user.public_key,
                         checkpoint=f"seq={checkpoint.seq} head={checkpoint.head_hash} "
                                    f"at={checkpoint.at}")
    files[MANIFEST] = signed_manifest(body, session.vault.sign(body))
    _write_zip(out, files)
    return DossierSummary(out, dossier_id, len(ids), len(files), len(dossier.files),
                          dossier.report, checkpoint.fingerprint)


def _contents(session: VaultSession, dossier: Dossier, render_pdf: PdfRenderer
              ) -> dict[str, bytes]:
    files: dict[str, bytes] = {
        "dossier.json": (json.dumps(dossier.data, ensure_ascii=False, indent=2) + "\n").encode(),
        "redaction-report.json": (json.dumps(dossier.report, ensure_ascii=False, indent=2)
                                  + "\n").encode(),
    }
    for name, text in _tables(dossier.data).items():
        files[name] = text.encode("utf-8")
    evidence = EvidenceService(session)
    for released in dossier.files:
        original = evidence.read_into_memory(released.attachment_id)
        files[released.path] = reencode_image(original, released.media_type)
    files["dossier.pdf"] = render_pdf(dossier.data, dossier.report)
    return files


def _check_target(out: Path, overwrite: bool) -> None:
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give a file name ending in .zip.")
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist.")
    if out.exists() and not overwrite:
        raise UsageError(f"{out} already exists; choose another name (or --force).")


def _write_zip(out: Path, files: dict[str, bytes]) -> None:
    """Built in memory (every part is there already), then written beside the target
    and renamed into place: never a half-written dossier under the final name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    atomic_write_bytes(out, buffer.getvalue())
