"""The taxonomy file format: the shipped file is complete, and a bad file is refused
with the place of its first problem."""

from __future__ import annotations

import json
from typing import Any

import pytest

from casebook.domain.errors import NewerFormatError, ValidationError
from casebook.domain.records import ConsentScope
from casebook.taxonomy.format import (
    FORMAT,
    MAX_BYTES,
    parse_taxonomy,
    parse_taxonomy_bytes,
    taxonomy_to_json,
)
from casebook.taxonomy.model import TermIndex, TermStatus
from casebook.taxonomy.shipped import default_taxonomy
from tests.taxonomy.helpers import shipped_document

SHIPPED_SCHEMES = {
    "act", "method", "legal", "perpetrator", "victim", "site", "source", "reliability",
    "credibility", "date-type", "proof", "consent",
}


# --------------------------------------------------------------------------- shipped file


def test_shipped_taxonomy_has_its_twelve_schemes_in_english_and_arabic() -> None:
    taxonomy = default_taxonomy()
    assert taxonomy.id == "casebook-default"
    assert taxonomy.version >= 1
    assert {s.code for s in taxonomy.schemes} == SHIPPED_SCHEMES
    assert len(taxonomy.schemes) == 12
    for scheme in taxonomy.schemes:
        assert scheme.labels.get("en") and scheme.labels.get("ar"), scheme.code
        assert scheme.terms, scheme.code
        assert scheme.applies_to, scheme.code
        for term in scheme.terms:
            assert term.scheme == scheme.code
            assert term.status is TermStatus.ACTIVE, term.code
            for language in ("en", "ar"):
                assert term.labels.get(language), f"{term.code}: no {language} label"
                assert term.definitions.get(language), f"{term.code}: no {language} definition"
            assert term.labels["en"] != term.labels["ar"], term.code


def test_shipped_taxonomy_has_the_codes_records_rely_on() -> None:
    index = TermIndex(default_taxonomy().schemes)
    for code in ("act.killing", "act.summary-execution", "act.enforced-disappearance",
                 "act.torture", "act.forced-displacement", "legal.cah-7-1-i",
                 "victim.child", "site.checkpoint", "method.small-arms"):
        assert code in index, code
    assert index.get("act.summary-execution").parent == "act.killing"  # type: ignore[union-attr]
    assert "act.summary-execution" in index.descendants("act.killing")
    assert [f"legal.cah-7-1-{letter}" in index for letter in "abcdefghijk"] == [True] * 11
    assert index.get("legal.cah-7-1-i").legal_reference  # type: ignore[union-attr]


def test_shipped_consent_scopes_are_the_records_consent_scopes() -> None:
    consent = default_taxonomy().scheme("consent")
    assert consent is not None
    assert {t.code for t in consent.terms} == {f"consent.{s.value}" for s in ConsentScope}


def test_shipped_taxonomy_round_trips_through_its_file_form() -> None:
    taxonomy = default_taxonomy()
    again = parse_taxonomy_bytes(json.dumps(taxonomy_to_json(taxonomy)).encode())
    assert again == taxonomy


def test_search_finds_terms_by_label_in_either_language_and_by_code() -> None:
    index = TermIndex(default_taxonomy().schemes)
    by_code = {t.code for t in index.search("act.kill")}
    assert "act.killing" in by_code
    assert "act.summary-execution" not in by_code
    assert {t.code for t in index.search("act.summary-exec")} == {"act.summary-execution"}
    arabic = index.get("act.killing").labels["ar"]  # type: ignore[union-attr]
    assert "act.killing" in {t.code for t in index.search(arabic)}
    assert "act.killing" in {t.code for t in index.search("KILLING")}
    assert all(t.scheme == "act" for t in index.search("a", scheme="act"))


# --------------------------------------------------------------------------- bad files


def _refused(document: Any) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_taxonomy(document)
    return caught.value


def _small() -> dict[str, Any]:
    return {
        "format": FORMAT, "id": "team-x", "version": 1,
        "schemes": [{
            "code": "act", "labels": {"en": "Acts", "ar": "أفعال"},
            "applies_to": ["incident"],
            "terms": [
                {"code": "act.killing", "labels": {"en": "Killing", "ar": "قتل"}},
                {"code": "act.execution", "parent": "act.killing",
                 "labels": {"en": "Execution", "ar": "إعدام"}},
                {"code": "act.old", "labels": {"en": "Old", "ar": "قديم"},
                 "status": "deprecated", "replaced_by": "act.killing"},
            ],
        }],
    }


def test_a_small_valid_file_parses() -> None:
    taxonomy = parse_taxonomy(_small())
    index = TermIndex(taxonomy.schemes)
    assert index.get("act.old").replaced_by == "act.killing"  # type: ignore[union-attr]
    assert index.descendants("act.killing") == ["act.killing", "act.execution"]


def test_wrong_format_string_is_refused_at_format() -> None:
    error = _refused({**_small(), "format": "uwazi/thesaurus"})
    assert error.field == "format"
    assert str(error).startswith("format: ")


def test_newer_format_asks_for_a_newer_casebook() -> None:
    with pytest.raises(NewerFormatError, match="casebook-taxonomy/v2"):
        parse_taxonomy({**_small(), "format": "casebook-taxonomy/v2"})


def test_not_an_object_is_refused() -> None:
    with pytest.raises(ValidationError, match="one JSON object"):
        parse_taxonomy([_small()])


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda d: d["schemes"][0]["terms"].append(dict(d["schemes"][0]["terms"][0])),
     "schemes[0].terms[3].code", "act.killing appears twice"),
    (lambda d: d["schemes"][0]["terms"][1].update(parent="act.nothing"),
     "schemes[0].terms[1].parent", "act.nothing is not a term of scheme act"),
    (lambda d: (d["schemes"][0]["terms"][0].update(parent="act.execution")),
     "schemes[0].terms[0].parent", "its own ancestor"),
    (lambda d: d["schemes"][0]["terms"][1].update(code="method.execution", parent=None),
     "schemes[0].terms[1].code", "must start with its scheme's code"),
    (lambda d: d["schemes"][0]["terms"][2].update(replaced_by="act.missing"),
     "schemes[0].terms[2].replaced_by", "act.missing is not a term of scheme act"),
    (lambda d: (d["schemes"][0]["terms"][1].update(status="deprecated",
                                                    replaced_by="act.killing"),
                d["schemes"][0]["terms"][2].update(replaced_by="act.execution")),
     "schemes[0].terms[2].replaced_by", "is not active"),
    (lambda d: d["schemes"][0]["terms"][0].update(replaced_by="act.execution"),
     "schemes[0].terms[0].replaced_by", "only a deprecated term has a replacement"),
    (lambda d: d["schemes"][0]["terms"][1]["labels"].pop("en"),
     "schemes[0].terms[1].labels", "a label in 'en' is required"),
    (lambda d: d["schemes"][0]["terms"][1].update(status="removed"),
     "schemes[0].terms[1].status", "leave a removed term out"),
    (lambda d: d["schemes"][0].update(applies_to=["vehicle"]),
     "schemes[0].applies_to", "vehicle is not one of"),
    (lambda d: d["schemes"].append(dict(d["schemes"][0])),
     "schemes[1].code", "scheme act appears twice"),
    (lambda d: d["schemes"][0]["terms"][1].update(code="act.Execution"),
     "schemes[0].terms[1].code", "pattern"),
    (lambda d: d["schemes"][0]["terms"][1].update(colour="red"),
     "schemes[0].terms[1].colour", "Extra inputs are not permitted"),
    (lambda d: d.update(version=0), "version", "greater than or equal to 1"),
])
def test_bad_file_is_refused_with_the_location(change: Any, field: str, words: str) -> None:
    document = _small()
    change(document)
    error = _refused(document)
    assert error.field == field
    assert str(error).startswith(f"{field}: ")
    assert words in str(error)


def test_missing_parent_of_an_ancestor_is_reported_at_its_own_term() -> None:
    document = _small()
    document["schemes"][0]["terms"][0]["parent"] = "act.execution"
    document["schemes"][0]["terms"][1]["parent"] = "act.gone"
    error = _refused(document)
    assert error.field == "schemes[0].terms[1].parent"


def test_the_shipped_file_with_one_bad_parent_names_that_term() -> None:
    document = shipped_document()
    document["schemes"][0]["terms"][1]["parent"] = "act.no-such-term"
    error = _refused(document)
    assert error.field == "schemes[0].terms[1].parent"


def test_not_json_is_refused_with_line_and_column() -> None:
    raw = b'{"format": "casebook-taxonomy/v1",\n  "id": "x",, "version": 1}'
    with pytest.raises(ValidationError, match=r"not valid JSON \(line 2, column 13"):
        parse_taxonomy_bytes(raw, source="team.json")


def test_not_utf8_is_refused() -> None:
    with pytest.raises(ValidationError, match="not UTF-8"):
        parse_taxonomy_bytes(b'{"id": "\xff"}')


def test_oversize_file_is_refused_before_parsing() -> None:
    with pytest.raises(ValidationError, match="larger than 20 MiB") as caught:
        parse_taxonomy_bytes(b" " * (MAX_BYTES + 1), source="huge.json")
    assert "huge.json" in str(caught.value)
