"""Which codes a record may carry, the ``tagged_under`` stamp, and tags in
``casebook/v1`` imports and exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casebook.domain.errors import ImportValidationError, ValidationError
from casebook.domain.records import RecordKind
from casebook.services.interchange import export_json, import_json
from casebook.services.queries import Queries
from casebook.services.records import RecordService
from casebook.services.tagging import stamped
from casebook.services.taxonomy import TaxonomyService
from casebook.services.vault_service import VaultSession
from casebook.taxonomy.format import parse_taxonomy
from tests.taxonomy.helpers import (
    SHIPPED_ID,
    act,
    audit_actions,
    incident,
    person,
    record_count,
    version_two,
)

STAMP_1 = f"{SHIPPED_ID}/1"
STAMP_2 = f"{SHIPPED_ID}/2"


def test_an_unknown_code_is_refused_with_its_location(vault_session: VaultSession) -> None:
    with pytest.raises(ValidationError) as caught:
        incident(vault_session, tags=["act.killing", "act.kiling"])
    assert caught.value.field == "tags[1]"
    assert "act.kiling is not a term of this vault's taxonomy" in str(caught.value)
    assert record_count(vault_session, RecordKind.INCIDENT) == 0


def test_a_scheme_that_does_not_apply_to_the_kind_is_refused(
    vault_session: VaultSession,
) -> None:
    with pytest.raises(ValidationError) as caught:
        incident(vault_session, tags=["victim.child"])
    assert caught.value.field == "tags[0]"
    assert "scheme 'victim', which does not apply to incident records" in str(caught.value)
    with pytest.raises(ValidationError, match="does not apply to person records"):
        person(vault_session, tags=["act.killing"])
    child = person(vault_session, tags=["victim.child", "consent.publication"])
    assert child.content["tags"] == ["victim.child", "consent.publication"]


def test_act_type_must_be_a_term_of_the_act_scheme(vault_session: VaultSession) -> None:
    inc = incident(vault_session)
    victim = person(vault_session)
    with pytest.raises(ValidationError) as caught:
        act(vault_session, inc.id, victim.id, "method.small-arms")
    assert caught.value.field == "act_type"
    assert "not a term of the 'act' scheme" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        act(vault_session, inc.id, victim.id, "act.no-such-act")
    assert caught.value.field == "act_type"
    deed = act(vault_session, inc.id, victim.id, "act.summary-execution",
               tags=["method.small-arms", "legal.cah-7-1-a"])
    assert deed.content["act_type"] == "act.summary-execution"


def test_tagged_under_follows_changes_of_the_tags(vault_session: VaultSession) -> None:
    records = RecordService(vault_session)
    untagged = incident(vault_session, "No tags yet")
    assert "tagged_under" not in untagged.content
    tagged = incident(vault_session, "Tagged", tags=["act.killing"])
    assert tagged.content["tagged_under"] == STAMP_1

    TaxonomyService(vault_session).apply_update(parse_taxonomy(version_two()))

    retitled = records.update(tagged.id, {**tagged.content, "title": "Renamed"},
                              expected_version=tagged.version)
    assert retitled.version == tagged.version + 1
    assert retitled.content["tagged_under"] == STAMP_1  # same tags: kept
    without_stamp = {k: v for k, v in retitled.content.items() if k != "tagged_under"}
    same = records.update(tagged.id, {**without_stamp, "notes": "x"},
                          expected_version=retitled.version)
    assert same.content["tagged_under"] == STAMP_1

    retagged = TaxonomyService(vault_session).tag(tagged.id, ["act.shooting"])
    assert retagged.content["tags"] == ["act.killing", "act.shooting"]
    assert retagged.content["tagged_under"] == STAMP_2

    now_tagged = TaxonomyService(vault_session).tag(untagged.id, ["site.road"])
    assert now_tagged.content["tagged_under"] == STAMP_2
    cleared = TaxonomyService(vault_session).tag(untagged.id, remove=["site.road"])
    assert cleared.content["tags"] == []


def test_stamped_rules() -> None:
    kind = RecordKind.INCIDENT
    previous = {"title": "t", "tags": ["act.killing"], "tagged_under": STAMP_1}
    # Carried over from the stored content with changed tags: the current version.
    changed = {**previous, "tags": ["act.shooting"]}
    assert stamped(kind, changed, previous, STAMP_2)["tagged_under"] == STAMP_2
    # Same tags, with or without the stamp given: the previous stamp.
    assert stamped(kind, {**previous, "title": "u"}, previous, STAMP_2)["tagged_under"] == (
        STAMP_1)
    assert stamped(kind, {"title": "u", "tags": ["act.killing"]}, previous,
                   STAMP_2)["tagged_under"] == STAMP_1
    # A stamp the content brings itself (an import of an export) is kept.
    imported = {"title": "t", "tags": ["act.shooting"], "tagged_under": "other/7"}
    assert stamped(kind, imported, previous, STAMP_2)["tagged_under"] == "other/7"
    assert stamped(kind, imported, None, STAMP_2)["tagged_under"] == "other/7"
    # No codes: no stamp (a carried-over one is dropped).
    assert "tagged_under" not in stamped(kind, {**previous, "tags": []}, previous, STAMP_2)
    # Kinds without tags, and vaults without a taxonomy, are left alone.
    place = {"name": "x", "tags": ["site.road"]}
    assert stamped(RecordKind.PLACE, place, None, STAMP_2) == place
    assert stamped(kind, changed, previous, None) == changed


def test_tag_adds_and_removes_and_is_audited(vault_session: VaultSession) -> None:
    inc = incident(vault_session, tags=["act.killing"])
    service = TaxonomyService(vault_session)
    actions = audit_actions(vault_session)
    tagged = service.tag(inc.id, ["act.shooting", "act.killing", "site.road"])
    assert tagged.content["tags"] == ["act.killing", "act.shooting", "site.road"]
    assert tagged.version == inc.version + 1
    untagged = service.tag(inc.id, remove=["act.killing", "site.road"])
    assert untagged.content["tags"] == ["act.shooting"]
    assert untagged.version == inc.version + 2
    assert audit_actions(vault_session) == [*actions, "tag", "tag"]
    with pytest.raises(ValidationError, match=r"has no tag site\.road"):
        service.tag(inc.id, remove=["site.road"])
    with pytest.raises(ValidationError, match=r"tags\[1\]: act\.nothing is not a term"):
        service.tag(inc.id, ["act.nothing"])
    assert RecordService(vault_session).get(inc.id).version == untagged.version
    assert audit_actions(vault_session) == [*actions, "tag", "tag"]


def test_records_without_tags_cannot_be_tagged(vault_session: VaultSession) -> None:
    inc = incident(vault_session)
    victim = person(vault_session)
    involvement = RecordService(vault_session).create(
        RecordKind.INVOLVEMENT, {"incident": inc.id, "person": victim.id, "role": "victim"})
    with pytest.raises(ValidationError, match="involvement record has no tags"):
        TaxonomyService(vault_session).tag(involvement.id, ["act.killing"])


def test_an_import_with_an_unknown_tag_reports_it_and_imports_nothing(
    vault_session: VaultSession, tmp_path: Path,
) -> None:
    document = {
        "format": "casebook/v1",
        "incidents": [{"id": "i-1", "title": "Raid", "tags": ["act.raid", "act.killing"]}],
        "persons": [{"id": "p-1", "name": "Someone", "tags": ["victim.child"]}],
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    actions = audit_actions(vault_session)
    with pytest.raises(ImportValidationError) as caught:
        import_json(vault_session, path)
    assert any(p.startswith("incidents[0].tags[0]: act.raid is not a term")
               for p in caught.value.problems), caught.value.problems
    assert "nothing was imported" in str(caught.value)
    assert record_count(vault_session, RecordKind.INCIDENT) == 0
    assert record_count(vault_session, RecordKind.PERSON) == 0
    assert audit_actions(vault_session) == actions


def test_an_import_of_an_export_changes_nothing(
    vault_session: VaultSession, tmp_path: Path,
) -> None:
    inc = incident(vault_session, "Tagged", tags=["act.killing", "site.road"])
    victim = person(vault_session, tags=["victim.civilian"])
    act(vault_session, inc.id, victim.id, "act.summary-execution", tags=["method.sniper"])
    TaxonomyService(vault_session).apply_update(parse_taxonomy(version_two()))
    exported = export_json(vault_session)
    [row] = [r for r in exported["incidents"] if r["id"] == inc.id]
    assert row["tags"] == ["act.killing", "site.road"]
    assert row["tagged_under"] == STAMP_1
    path = tmp_path / "export.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")

    report = import_json(vault_session, path)

    assert report.created == report.updated == 0
    assert report.unchanged == len(report.rows) > 0
    assert not report.changed_anything
    assert RecordService(vault_session).get(inc.id).version == inc.version
    assert Queries(vault_session).count_incidents() == 1
