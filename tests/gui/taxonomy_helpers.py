"""Taxonomy files and tagged incidents for the taxonomy page tests and screenshots."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from casebook.domain.records import RecordKind
from casebook.gui.controller import App
from casebook.gui.taxonomy_page import TaxonomyPage
from casebook.services.records import RecordService, StoredRecord
from casebook.taxonomy.format import taxonomy_to_json
from casebook.taxonomy.model import Taxonomy, TermStatus
from casebook.taxonomy.shipped import default_taxonomy

DEPRECATED = "act.shooting"
REPLACEMENT = "act.injury"
RELABELLED = "act.killing"
DROPPED = "act.summary-execution"
ADDED = "act.sniping"


def version_two() -> Taxonomy:
    """Version 2 of the default taxonomy: one term deprecated (with a replacement),
    one relabelled, one dropped, one added."""
    base = default_taxonomy()
    act = base.scheme("act")
    assert act is not None
    terms = []
    for term in act.terms:
        if term.code == DEPRECATED:
            terms.append(dataclasses.replace(term, status=TermStatus.DEPRECATED,
                                             replaced_by=REPLACEMENT))
        elif term.code == RELABELLED:
            terms.append(dataclasses.replace(term, labels={"en": "Killing (any means)",
                                                           "ar": "القتل بأي وسيلة"}))
        elif term.code != DROPPED:
            terms.append(term)
    terms.append(dataclasses.replace(
        act.terms[0], code=ADDED, parent=None, definitions={},
        labels={"en": "Sniper fire", "ar": "إطلاق نار من قناص"},
    ))
    schemes = tuple(dataclasses.replace(s, terms=tuple(terms)) if s.code == "act" else s
                    for s in base.schemes)
    return dataclasses.replace(base, version=2, schemes=schemes)


def write_taxonomy(path: Path, taxonomy: Taxonomy) -> Path:
    path.write_text(json.dumps(taxonomy_to_json(taxonomy), ensure_ascii=False),
                    encoding="utf-8")
    return path


def tag_incidents(app: App) -> tuple[StoredRecord, StoredRecord, StoredRecord]:
    """Three incidents: killing + shooting, a summary execution, a killing."""
    assert app.session is not None
    records = RecordService(app.session)
    first = records.create(RecordKind.INCIDENT, {
        "title": "Shots at the bakery", "tags": [RELABELLED, DEPRECATED]})
    second = records.create(RecordKind.INCIDENT, {
        "title": "Execution near the bridge", "tags": [DROPPED]})
    third = records.create(RecordKind.INCIDENT, {
        "title": "Body found by the river", "tags": [RELABELLED]})
    return first, second, third


def loaded(qtbot: QtBot, page: TaxonomyPage) -> TaxonomyPage:
    qtbot.waitUntil(lambda: not page.busy and page.snapshot is not None, timeout=20_000)
    return page
