"""Shared pieces of the interchange tests: a realistic casebook/v1 file and a snapshot
of everything an import could change."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, func, select

from casebook.services.vault_service import VaultSession
from casebook.storage.models import Attachment, AuditEntry, Record, RecordVersion

PHOTO = b"\x89PNG-not-really " + bytes(range(256)) * 40


def realistic_document() -> dict[str, Any]:
    """Every section, ids of every style, Arabic text, hierarchy, unknown fields."""
    return {
        "format": "casebook/v1",
        "incidents": [
            {
                "id": "INC-2025-001", "title": "قصف سوق الهال", "narrative": "Three shells "
                "hit the market at noon.\nالسوق كان مزدحماً.", "date_start": "2025-03-07",
                "date_end": "2025-03-07", "date_precision": "day", "place": "pl-market",
                "place_precision": "exact", "latitude": 36.2, "longitude": 37.15,
                "status": "submitted", "tags": ["act.shelling", "site.home"],
                "sensitivity": "sensitive", "notes": "cross-check with OSINT",
                "x_team": {"name": "north", "shift": 2},
            },
            {
                "id": "2b0c7f64-8f0e-4b8e-9d3a-52b1f6a7c001", "title": "Arrest at checkpoint",
                "date_start": "2024-11", "date_precision": "month", "place": "SY0203",
                "status": "draft", "tags": ["act.arbitrary-detention"],
            },
        ],
        "persons": [
            {
                "id": "P-1", "name_parts": {"given": "رامي", "father": "خالد",
                                            "family": "الحداد", "laqab": "أبو علي"},
                "alt_names": ["Rami al-Haddad", "Rami Haddad"], "sex": "male",
                "birth_date": "2014", "occupation": "student",
                "contact": "+963 944 000 111 (mother)", "sensitivity": "secret",
            },
            {"id": "P-2", "name": "Witness W-17", "sex": "female", "age": 34,
             "notes": "met in Gaziantep"},
            {"id": "P-3", "name": "Men of Tal Rifaat", "counting_unit": "group",
             "group_size": 12, "group_size_estimate": True},
            {"id": "P-4", "name": "Captain K.", "sex": "male"},
        ],
        "involvements": [
            {"incident": "INC-2025-001", "person": "P-1", "role": "victim"},
            {"incident": "INC-2025-001", "person": "P-2", "role": "witness"},
            {"id": "inv-3", "incident": "INC-2025-001", "person": "P-4",
             "role": "alleged-perpetrator"},
            {"incident": "2b0c7f64-8f0e-4b8e-9d3a-52b1f6a7c001", "person": "P-3",
             "role": "victim"},
        ],
        "acts": [
            {
                "id": "A-1", "incident": "INC-2025-001", "victim": "P-1",
                "act_type": "act.shelling", "method": "artillery",
                "date": "2025-03-07", "place": "pl-market", "status_at_end": "injured",
                "consequences": "lost his left hand",
                "perpetrators": [
                    {"unit": "U-2", "involvement": "fired", "confidence": "high"},
                    {"person": "P-4", "involvement": "ordered", "confidence": "low"},
                ],
            },
            {"id": "A-2", "incident": "2b0c7f64-8f0e-4b8e-9d3a-52b1f6a7c001", "victim": "P-3",
             "act_type": "act.arbitrary-detention", "status_at_end": "detained"},
        ],
        "places": [
            {"id": "pl-market", "name": "Souq al-Hal", "name_ar": "سوق الهال",
             "level": "site", "parent": "pl-city", "latitude": 36.2, "longitude": 37.15},
            {"id": "pl-city", "name": "Aleppo", "name_ar": "حلب", "level": "district",
             "parent": "pl-gov", "pcode": "SY0200"},
            {"id": "pl-gov", "name": "Aleppo Governorate", "name_ar": "محافظة حلب",
             "level": "governorate", "parent": "pl-sy", "pcode": "SY02"},
            {"id": "pl-sy", "name": "Syria", "name_ar": "سوريا", "level": "country",
             "pcode": "SY"},
        ],
        "units": [
            {"id": "U-2", "name": "2nd Artillery Battalion", "parent": "U-1",
             "affiliation": "state forces"},
            {"id": "U-1", "name": "4th Division", "affiliation": "state forces"},
        ],
        "statements": [
            {"id": "S-1", "incident": "INC-2025-001", "source": "P-2",
             "connection": "direct", "date": "2025-03-20", "interviewer": "Amal",
             "language": "ar", "interpreter": "", "reliability": "B", "credibility": "2",
             "text": "رأيت القذيفة الأولى تسقط قرب بسطة الخضار."},
        ],
        "consents": [
            {"person": "P-2", "scope": "commission-of-inquiry", "given_at": "2025-03-20",
             "method": "oral, recorded"},
            {"person": "P-1", "scope": "iiim", "given_at": "2025-03-21",
             "method": "guardian, written", "expires": "2027"},
        ],
        "evidence": [
            {"id": "E-1", "record": "INC-2025-001", "file": "files/market.png",
             "description": "Photo of the crater", "collected_by": "Amal",
             "collected_at": "2025-03-08", "source_url": ""},
            {"id": "E-2", "record": "S-1", "description": "Audio of the interview (kept "
             "offline)", "collected_at": "2025-03-20"},
        ],
    }


def write_document(folder: Path, document: dict[str, Any], name: str = "import.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "files").mkdir(exist_ok=True)
    (folder / "files" / "market.png").write_bytes(PHOTO)
    path = folder / name
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Snapshot:
    audit_entries: int
    records: int
    versions: int
    attachments: int
    blobs: tuple[str, ...]


def snapshot(session: VaultSession) -> Snapshot:
    with Session(session.vault.engine) as db:
        def count(table: type[Any]) -> int:
            return int(db.exec(select(func.count()).select_from(table)).one())

        counts = (count(AuditEntry), count(Record), count(RecordVersion), count(Attachment))
    blobs = tuple(sorted(p.name for p in session.vault.paths.blobs.iterdir()))
    return Snapshot(*counts, blobs)
