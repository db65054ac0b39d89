"""Thesauri from CSV (Uwazi's layout and a plain one) become schemes of the vault's
taxonomy; a scheme can be written back in either layout."""

from __future__ import annotations

import pytest

from casebook.domain.errors import ValidationError
from casebook.services.records import RecordService
from casebook.services.taxonomy import TaxonomyService
from casebook.services.vault_service import VaultSession
from casebook.taxonomy.model import Scheme, TermStatus
from casebook.taxonomy.shipped import default_taxonomy
from casebook.taxonomy.thesaurus_csv import (
    read_plain_csv,
    read_uwazi_csv,
    slug,
    write_plain_csv,
    write_uwazi_csv,
)
from casebook.taxonomy.update import TaxonomyUpdateRefusedError
from tests.taxonomy.helpers import audit_actions, incident, taxonomy_versions

UWAZI = """English,Arabic
Violations against journalists,انتهاكات ضد الصحفيين
- Arrest of journalists,- اعتقال الصحفيين
- Killing of journalists,- قتل الصحفيين
Attacks on media offices,الهجمات على مكاتب الإعلام
- Raid,- مداهمة
"""

PLAIN = """code,parent,label_en,label_ar,status,replaced_by
press,,Press freedom,حرية الصحافة,active,
press.arrest,press,Arrest of journalists,اعتقال الصحفيين,active,
press.jailing,press,Jailing of journalists,سجن الصحفيين,deprecated,press.arrest
"""


def _labels(scheme: Scheme) -> dict[str, tuple[dict[str, str], str | None]]:
    """English label -> (labels, parent's English label)."""
    by_code = {t.code: t for t in scheme.terms}
    return {t.labels["en"]: (dict(t.labels),
                             None if t.parent is None else by_code[t.parent].labels["en"])
            for t in scheme.terms}


def test_uwazi_csv_becomes_a_scheme_with_codes_and_parents() -> None:
    scheme = read_uwazi_csv(UWAZI, scheme="local-press", labels={"en": "Press", "ar": "صحافة"})
    assert scheme.code == "local-press"
    assert scheme.origin == "local:local-press"
    assert scheme.applies_to == ("incident",)
    assert [(t.code, t.parent) for t in scheme.terms] == [
        ("local-press.violations-against-journalists", None),
        ("local-press.arrest-of-journalists", "local-press.violations-against-journalists"),
        ("local-press.killing-of-journalists", "local-press.violations-against-journalists"),
        ("local-press.attacks-on-media-offices", None),
        ("local-press.raid", "local-press.attacks-on-media-offices"),
    ]
    assert scheme.terms[1].labels == {"en": "Arrest of journalists", "ar": "اعتقال الصحفيين"}
    assert all(t.status is TermStatus.ACTIVE for t in scheme.terms)


def test_uwazi_csv_with_semicolons_and_an_arabic_header() -> None:
    text = "\ufeffEnglish;العربية\nShelling;قصف\n- Barrel bombs;- براميل متفجرة\n"
    scheme = read_uwazi_csv(text, scheme="local-x")
    assert [(t.code, t.parent, t.labels["ar"]) for t in scheme.terms] == [
        ("local-x.shelling", None, "قصف"),
        ("local-x.barrel-bombs", "local-x.shelling", "براميل متفجرة"),
    ]


def test_uwazi_csv_in_arabic_only_gets_codes_too() -> None:
    scheme = read_uwazi_csv("Arabic\nقصف\n- براميل\nقصف\n", scheme="local-ar")
    assert [t.labels for t in scheme.terms] == [{"ar": "قصف"}, {"ar": "براميل"}, {"ar": "قصف"}]
    codes = [t.code for t in scheme.terms]
    assert len(set(codes)) == 3
    assert all(c.startswith("local-ar.") for c in codes)


@pytest.mark.parametrize(("text", "words"), [
    ("English,Arabic\n- Orphan,- يتيم\n", "line 2: a child value ('-') needs a parent"),
    ("English,Arabic\nParent,أب\n- Child,طفل\n", "line 3: a child value starts with '-' in "
     "every language column"),
    ("English,Klingon\nA,B\n", "column 2 (\"Klingon\"): not a language"),
    ("English,English\nA,B\n", "Two columns name the same language"),
    ("English,Arabic\n", "no rows under its header"),
])
def test_bad_uwazi_csv_is_refused_with_the_line(text: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words.replace("(", r"\(").replace(")", r"\)")):
        read_uwazi_csv(text, scheme="local-x")


def test_a_scheme_code_must_be_a_code() -> None:
    with pytest.raises(ValidationError, match="cannot be a scheme code"):
        read_uwazi_csv(UWAZI, scheme="Local Press")
    with pytest.raises(ValidationError, match="\"vehicle\" is not one of"):
        read_uwazi_csv(UWAZI, scheme="local-press", applies_to=["vehicle"])


def test_slug() -> None:
    assert slug("Arrest & detention") == "arrest-detention"
    assert slug("Éviction forcée") == "eviction-forcee"
    assert slug("قصف") == ""


def test_plain_csv_with_codes_status_and_replacement() -> None:
    scheme = read_plain_csv(PLAIN, scheme="local-press")
    assert [(t.code, t.parent, t.status, t.replaced_by) for t in scheme.terms] == [
        ("local-press.press", None, TermStatus.ACTIVE, None),
        ("local-press.press.arrest", "local-press.press", TermStatus.ACTIVE, None),
        ("local-press.press.jailing", "local-press.press", TermStatus.DEPRECATED,
         "local-press.press.arrest"),
    ]
    assert scheme.terms[1].labels == {"en": "Arrest of journalists", "ar": "اعتقال الصحفيين"}


@pytest.mark.parametrize(("text", "words"), [
    ("label_en\nX\n", "needs a 'code' column"),
    ("code,parent\nx,\n", "at least one label column"),
    ("code,label_en\nx,X\nx,Y\n", "line 3: code \"x\" appears twice"),
    ("code,label_en\n,X\n", "line 2: the code is empty"),
    ("code,label_en\nBad Code,X\n", "line 2: \"Bad Code\" is not a valid code"),
    ("code,label_en\nx,\n", "line 2: the term has no label"),
    ("code,label_en,status\nx,X,retired\n", "line 2: status \"retired\""),
    ("code,parent,label_en\nx,y,X\n", "parent local-x.y is not in the file"),
    ("code,label_en,replaced_by\nx,X,z\n", "replacement local-x.z is not in the file"),
    ("code,parent,label_en\nx,y,X\ny,x,Y\n", "its own ancestor"),
])
def test_bad_plain_csv_is_refused(text: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        read_plain_csv(text, scheme="local-x")
    assert words in str(caught.value)


def test_plain_csv_round_trip_keeps_every_term() -> None:
    act = default_taxonomy().scheme("act")
    assert act is not None
    again = read_plain_csv(write_plain_csv(act), scheme="act")
    assert [(t.code, t.parent, dict(t.labels), dict(t.definitions), t.status, t.replaced_by,
             t.legal_reference) for t in again.terms] == [
        (t.code, t.parent, dict(t.labels), dict(t.definitions), t.status, t.replaced_by,
         t.legal_reference) for t in act.terms]
    local = read_plain_csv(PLAIN, scheme="local-press")
    assert read_plain_csv(write_plain_csv(local), scheme="local-press").terms == local.terms


def test_uwazi_csv_round_trip_keeps_labels_and_hierarchy() -> None:
    local = read_uwazi_csv(UWAZI, scheme="local-press")
    again = read_uwazi_csv(write_uwazi_csv(local), scheme="local-press")
    assert again.terms == local.terms
    act = default_taxonomy().scheme("act")
    assert act is not None
    exported = write_uwazi_csv(act)
    assert exported.splitlines()[0] == "English,Arabic"
    assert _labels(read_uwazi_csv(exported, scheme="act")) == _labels(act)


def test_import_scheme_adds_a_scheme_that_records_can_use(vault_session: VaultSession) -> None:
    service = TaxonomyService(vault_session)
    preview = service.import_scheme(read_uwazi_csv(UWAZI, scheme="local-press",
                                                   labels={"en": "Press"}))
    assert preview.applicable
    assert preview.diff.old_version is None
    assert len(preview.diff.added) == 5
    assert taxonomy_versions(vault_session)[-1] == ("local:local-press", 1)
    assert service.installed() == ("casebook-default", 1)  # the shared one is unchanged
    scheme = service.scheme("local-press")
    assert scheme.origin == "local:local-press"
    assert audit_actions(vault_session)[-1] == "taxonomy-install"
    tagged = incident(vault_session, tags=["local-press.raid", "act.killing"])
    assert tagged.content["tags"] == ["local-press.raid", "act.killing"]


def test_dry_run_import_writes_nothing(vault_session: VaultSession) -> None:
    actions = audit_actions(vault_session)
    preview = TaxonomyService(vault_session).import_scheme(
        read_uwazi_csv(UWAZI, scheme="local-press"), dry_run=True)
    assert preview.applicable and len(preview.diff.added) == 5
    assert audit_actions(vault_session) == actions
    assert "local-press" not in TaxonomyService(vault_session).index().schemes


def test_importing_a_changed_csv_again_updates_the_scheme_and_keeps_tags(
    vault_session: VaultSession,
) -> None:
    service = TaxonomyService(vault_session)
    service.import_scheme(read_plain_csv(PLAIN, scheme="local-press"))
    tagged = incident(vault_session, tags=["local-press.press.arrest",
                                           "local-press.press"])
    changed = (
        "code,parent,label_en,label_ar,status,replaced_by\n"
        "press,,Press freedom,حرية الصحافة والإعلام,active,\n"  # relabelled
        "press.jailing,press,Jailing of journalists,سجن الصحفيين,deprecated,press.detention\n"
        "press.detention,press,Detention of journalists,احتجاز الصحفيين,active,\n"  # added
    )  # press.arrest is left out
    again = service.import_scheme(read_plain_csv(changed, scheme="local-press"))

    diff = again.diff
    assert again.applicable
    assert (diff.old_version, diff.new_version) == (1, 2)
    assert [c.code for c in diff.added] == ["local-press.press.detention"]
    assert [c.code for c in diff.relabelled] == ["local-press.press"]
    assert [c.code for c in diff.removed] == ["local-press.press.arrest"]
    assert [c.code for c in diff.deprecated] == ["local-press.press.jailing"]
    assert again.affected == {"local-press.press.arrest": 1}
    assert audit_actions(vault_session)[-1] == "taxonomy-update"
    current = RecordService(vault_session).get(tagged.id)
    assert current.version == tagged.version
    assert current.content["tags"] == ["local-press.press.arrest", "local-press.press"]
    removed = service.index().get("local-press.press.arrest")
    assert removed is not None and removed.status is TermStatus.REMOVED
    assert removed.labels["en"] == "Arrest of journalists"
    # Exporting the scheme leaves the removed term out.
    assert "press.arrest," not in write_plain_csv(service.scheme("local-press"))
    # The same file a third time changes nothing.
    actions = audit_actions(vault_session)
    third = service.import_scheme(read_plain_csv(changed, scheme="local-press"))
    assert not third.applicable
    assert audit_actions(vault_session) == actions


def test_a_csv_scheme_cannot_replace_a_shipped_scheme(vault_session: VaultSession) -> None:
    actions = audit_actions(vault_session)
    versions = taxonomy_versions(vault_session)
    with pytest.raises(TaxonomyUpdateRefusedError, match="\"act\" is part of casebook-default"):
        TaxonomyService(vault_session).import_scheme(read_uwazi_csv(UWAZI, scheme="act"))
    assert audit_actions(vault_session) == actions
    assert taxonomy_versions(vault_session) == versions
    assert TaxonomyService(vault_session).index().get("act.raid") is None
    assert TaxonomyService(vault_session).scheme("act").origin == "casebook-default"
