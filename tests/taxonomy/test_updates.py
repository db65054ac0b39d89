"""Updating the vault's taxonomy: the diff, tags that survive every change, the
rules for deprecated and removed terms, remapping, and the refusals."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.exc import DatabaseError
from sqlmodel import Session

from casebook.domain.errors import ValidationError
from casebook.domain.records import RecordKind
from casebook.services.records import RecordService, StoredRecord
from casebook.services.taxonomy import TaxonomyService
from casebook.services.vault_service import VaultSession
from casebook.taxonomy.format import parse_taxonomy
from casebook.taxonomy.model import TermStatus
from casebook.taxonomy.update import TaxonomyUpdateRefusedError
from tests.taxonomy.helpers import (
    ADDED,
    DEPRECATED,
    DEPRECATED_PERSON,
    DEPRECATED_PERSON_REPLACEMENT,
    DEPRECATED_REPLACEMENT,
    MOVED,
    MOVED_UNDER,
    RELABEL_EN,
    RELABELLED,
    REMOVED,
    SHIPPED_ID,
    act,
    audit_actions,
    incident,
    person,
    shipped_document,
    taxonomy_versions,
    term_of,
    version_two,
)


def _tagged(session: VaultSession) -> dict[str, StoredRecord]:
    """Records carrying the terms version 2 deprecates, removes, relabels and moves."""
    inc = incident(session, "Checkpoint arrests",
                   tags=[DEPRECATED, REMOVED, RELABELLED, MOVED, "site.checkpoint"])
    victim = person(session, "Victim", tags=[DEPRECATED_PERSON, "victim.civilian"])
    deed = act(session, inc.id, victim.id, DEPRECATED, tags=["method.beating"])
    return {"incident": inc, "person": victim, "act": deed}


def _install_v2(session: VaultSession) -> Any:
    return TaxonomyService(session).apply_update(parse_taxonomy(version_two()))


def test_diff_names_every_kind_of_change(vault_session: VaultSession) -> None:
    service = TaxonomyService(vault_session)
    records = _tagged(vault_session)
    preview = service.preview_update(parse_taxonomy(version_two()))
    diff = preview.diff
    assert preview.applicable
    assert (diff.taxonomy_id, diff.old_version, diff.new_version) == (SHIPPED_ID, 1, 2)
    assert [c.code for c in diff.added] == [ADDED]
    assert [c.code for c in diff.relabelled] == [RELABELLED]
    assert diff.relabelled[0].after.labels["en"] == RELABEL_EN  # type: ignore[union-attr]
    assert [c.code for c in diff.moved] == [MOVED]
    assert diff.moved[0].after.parent == MOVED_UNDER  # type: ignore[union-attr]
    assert sorted(c.code for c in diff.deprecated) == sorted([DEPRECATED, DEPRECATED_PERSON])
    assert [c.code for c in diff.removed] == [REMOVED]
    assert diff.reactivated == [] and diff.schemes_added == []
    # Records that keep a retired term: the incident and the act carry DEPRECATED.
    assert preview.affected == {DEPRECATED: 2, DEPRECATED_PERSON: 1, REMOVED: 1}
    assert diff.as_json()["deprecated"][0]["after"]["replaced_by"] in (
        DEPRECATED_REPLACEMENT, DEPRECATED_PERSON_REPLACEMENT)
    # A preview writes nothing.
    assert service.installed() == (SHIPPED_ID, 1)
    assert RecordService(vault_session).get(records["incident"].id) == records["incident"]


def test_update_keeps_every_tag_and_every_record_version(vault_session: VaultSession) -> None:
    records = _tagged(vault_session)
    before = {name: RecordService(vault_session).get(r.id) for name, r in records.items()}
    actions = audit_actions(vault_session)

    preview = _install_v2(vault_session)

    assert preview.applicable
    for name, record in before.items():
        after = RecordService(vault_session).get(record.id)
        assert after.version == record.version, name
        assert after.content == record.content, name
    assert before["act"].content["act_type"] == DEPRECATED
    assert audit_actions(vault_session) == [*actions, "taxonomy-update"]
    assert taxonomy_versions(vault_session) == [(SHIPPED_ID, 1), (SHIPPED_ID, 2)]

    service = TaxonomyService(vault_session)
    assert service.installed() == (SHIPPED_ID, 2)
    index = service.index()
    deprecated = index.get(DEPRECATED)
    assert deprecated is not None
    assert deprecated.status is TermStatus.DEPRECATED
    assert deprecated.replaced_by == DEPRECATED_REPLACEMENT
    assert not deprecated.usable
    removed = index.get(REMOVED)
    assert removed is not None
    assert removed.status is TermStatus.REMOVED
    assert removed.labels == term_of(shipped_document(), REMOVED)["labels"]
    assert index.get(RELABELLED).labels["en"] == RELABEL_EN  # type: ignore[union-attr]
    assert index.get(MOVED).parent == MOVED_UNDER  # type: ignore[union-attr]
    assert MOVED in index.descendants(MOVED_UNDER)
    assert index.get(ADDED).usable  # type: ignore[union-attr]
    # The export of the taxonomy leaves the removed term out, as a file would.
    exported = service.current_taxonomy()
    assert exported.version == 2
    assert REMOVED not in {t.code for t in exported.terms()}
    assert DEPRECATED in {t.code for t in exported.terms()}


def test_retired_terms_are_refused_on_new_tags_with_the_replacement(
    vault_session: VaultSession,
) -> None:
    inc = incident(vault_session, "Before the update")
    victim = person(vault_session)
    _install_v2(vault_session)
    records = RecordService(vault_session)

    with pytest.raises(ValidationError) as caught:
        records.create(RecordKind.INCIDENT, {"title": "New", "tags": ["site.road", DEPRECATED]})
    assert caught.value.field == "tags[1]"
    assert f"{DEPRECATED} is deprecated; use {DEPRECATED_REPLACEMENT} instead" in str(
        caught.value)

    with pytest.raises(ValidationError) as caught:
        records.create(RecordKind.ACT, {"incident": inc.id, "victim": victim.id,
                                        "act_type": DEPRECATED})
    assert caught.value.field == "act_type"
    assert DEPRECATED_REPLACEMENT in str(caught.value)

    with pytest.raises(ValidationError) as caught:
        records.update(victim.id, {**victim.content, "tags": [DEPRECATED_PERSON]},
                       expected_version=victim.version)
    assert caught.value.field == "tags[0]"
    assert DEPRECATED_PERSON_REPLACEMENT in str(caught.value)

    with pytest.raises(ValidationError, match=f"{REMOVED} is removed; choose an active term"):
        TaxonomyService(vault_session).tag(inc.id, [REMOVED])
    assert records.get(inc.id).version == inc.version


def test_a_record_that_already_has_a_retired_term_can_still_be_saved(
    vault_session: VaultSession,
) -> None:
    records = _tagged(vault_session)
    _install_v2(vault_session)
    service = RecordService(vault_session)
    for name, record in records.items():
        changed = {**record.content, "notes": f"edited {name} after the update"}
        saved = service.update(record.id, changed, expected_version=record.version)
        assert saved.version == record.version + 1
        assert saved.content["notes"] == f"edited {name} after the update"
        assert saved.content.get("tags") == record.content.get("tags")
    assert service.get(records["act"].id).content["act_type"] == DEPRECATED


def test_remap_replaces_deprecated_terms_and_is_audited(
    vault_session: VaultSession, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("casebook.services.taxonomy.SQL_CHUNK", 1)  # one code per query
    records = _tagged(vault_session)
    untouched = incident(vault_session, "Unrelated", tags=["act.killing"])
    _install_v2(vault_session)
    actions = audit_actions(vault_session)

    changed = TaxonomyService(vault_session).remap()

    assert changed == {DEPRECATED: 2, DEPRECATED_PERSON: 1}
    service = RecordService(vault_session)
    inc = service.get(records["incident"].id)
    assert inc.version == records["incident"].version + 1
    assert inc.content["tags"] == [DEPRECATED_REPLACEMENT, REMOVED, RELABELLED, MOVED,
                                   "site.checkpoint"]
    assert inc.content["tagged_under"] == f"{SHIPPED_ID}/2"
    deed = service.get(records["act"].id)
    assert deed.content["act_type"] == DEPRECATED_REPLACEMENT
    assert deed.version == records["act"].version + 1
    victim = service.get(records["person"].id)
    assert victim.content["tags"] == [DEPRECATED_PERSON_REPLACEMENT, "victim.civilian"]
    assert service.get(untouched.id).version == untouched.version
    assert audit_actions(vault_session) == [*actions, "tag", "tag", "tag", "taxonomy-remap"]
    # Nothing is left to remap.
    assert TaxonomyService(vault_session).remap() == {}
    assert TaxonomyService(vault_session).usage([DEPRECATED]) == {}


def test_remap_with_an_explicit_mapping_merges_duplicates(vault_session: VaultSession) -> None:
    inc = incident(vault_session, "Both", tags=["act.shooting", "act.killing"])
    changed = TaxonomyService(vault_session).remap({"act.shooting": "act.killing"})
    assert changed == {"act.shooting": 1}
    assert RecordService(vault_session).get(inc.id).content["tags"] == ["act.killing"]


def test_remap_refuses_a_target_that_is_not_active(vault_session: VaultSession) -> None:
    _tagged(vault_session)
    _install_v2(vault_session)
    actions = audit_actions(vault_session)
    service = TaxonomyService(vault_session)
    with pytest.raises(ValidationError, match="not an active term"):
        service.remap({"act.killing": DEPRECATED})
    with pytest.raises(ValidationError, match="not an active term"):
        service.remap({"act.killing": "act.nowhere"})
    with pytest.raises(ValidationError, match="not a term"):
        service.remap({"act.nowhere": "act.killing"})
    assert audit_actions(vault_session) == actions


@pytest.mark.parametrize(("change", "words"), [
    (lambda d: d.update(version=1, id=SHIPPED_ID), "but its terms differ"),
    (lambda d: d.update(id="another-network"), "this vault follows \"casebook-default\""),
    (lambda d: d.update(version=1) or term_of(d, "act.killing")["labels"].update(en="Murder"),
     "but its terms differ"),
])
def test_unrelated_or_same_version_with_other_content_is_refused(
    vault_session: VaultSession, change: Any, words: str,
) -> None:
    _tagged(vault_session)
    document = version_two()
    change(document)
    actions = audit_actions(vault_session)
    versions = taxonomy_versions(vault_session)
    index = TaxonomyService(vault_session).index()
    with pytest.raises(TaxonomyUpdateRefusedError, match=words):
        TaxonomyService(vault_session).apply_update(parse_taxonomy(document))
    assert audit_actions(vault_session) == actions
    assert taxonomy_versions(vault_session) == versions
    assert TaxonomyService(vault_session).index().all() == index.all()


def test_an_older_version_is_refused_after_an_update(vault_session: VaultSession) -> None:
    _install_v2(vault_session)
    actions = audit_actions(vault_session)
    versions = taxonomy_versions(vault_session)
    with pytest.raises(TaxonomyUpdateRefusedError, match="older than the version 2"):
        TaxonomyService(vault_session).apply_update(parse_taxonomy(shipped_document()))
    with pytest.raises(TaxonomyUpdateRefusedError):
        TaxonomyService(vault_session).preview_update(parse_taxonomy(shipped_document()))
    assert audit_actions(vault_session) == actions
    assert taxonomy_versions(vault_session) == versions
    assert TaxonomyService(vault_session).installed() == (SHIPPED_ID, 2)


def test_importing_the_installed_version_again_changes_nothing(
    vault_session: VaultSession,
) -> None:
    first = _install_v2(vault_session)
    actions = audit_actions(vault_session)
    again = _install_v2(vault_session)
    assert first.applicable and not again.applicable
    assert audit_actions(vault_session) == actions
    assert taxonomy_versions(vault_session) == [(SHIPPED_ID, 1), (SHIPPED_ID, 2)]
    shipped_again = TaxonomyService(vault_session)
    assert shipped_again.installed() == (SHIPPED_ID, 2)


def test_the_shipped_version_is_already_installed_in_a_new_vault(
    vault_session: VaultSession,
) -> None:
    actions = audit_actions(vault_session)
    preview = TaxonomyService(vault_session).apply_update(parse_taxonomy(shipped_document()))
    assert not preview.applicable
    assert audit_actions(vault_session) == actions


@pytest.mark.parametrize("statement", [
    "UPDATE taxonomy_version SET content = '{}'",
    "DELETE FROM taxonomy_version",
])
def test_installed_versions_cannot_be_changed(
    vault_session: VaultSession, statement: str,
) -> None:
    with Session(vault_session.vault.engine) as db:
        with pytest.raises(DatabaseError, match="installed taxonomy versions are immutable"):
            db.connection().exec_driver_sql(statement)
        db.rollback()
    assert taxonomy_versions(vault_session) == [(SHIPPED_ID, 1)]
