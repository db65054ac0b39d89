"""Which fields of a record hold taxonomy codes, and the rules for changing them.

Incidents, acts, persons and statements carry ``tags`` (any scheme that applies to
the kind); an act's ``act_type`` is a term of the ``act`` scheme. Records keep the
codes only, with ``tagged_under`` naming the taxonomy version in force when their
tags last changed (docs/taxonomy.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casebook.domain.records import RecordKind
from casebook.taxonomy.model import TermIndex, TermStatus

TAGGABLE = (RecordKind.INCIDENT, RecordKind.ACT, RecordKind.PERSON, RecordKind.STATEMENT)
#: The scheme an act's act_type comes from.
ACT_TYPE_SCHEME = "act"
TAGGED_UNDER = "tagged_under"


#: Fields that hold one code of a fixed scheme.
FIELD_SCHEMES: dict[tuple[RecordKind, str], str] = {
    (RecordKind.ACT, "act_type"): ACT_TYPE_SCHEME,
    (RecordKind.QUALIFICATION, "term"): "legal",
    (RecordKind.QUALIFICATION, "proof"): "proof",
}


def tag_codes(kind: RecordKind, content: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field path, code) for every code the record carries."""
    found = [(f"tags[{i}]", str(code)) for i, code in enumerate(content.get("tags", ()) or ())]
    for (field_kind, field), _scheme in FIELD_SCHEMES.items():
        if kind is field_kind and content.get(field):
            found.append((field, str(content[field])))
    return found


def with_codes_replaced(kind: RecordKind, content: Mapping[str, Any],
                        mapping: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """``content`` with each code in ``mapping`` replaced (tags deduplicated), and the
    codes that were replaced."""
    updated = dict(content)
    replaced: list[str] = []
    if content.get("tags"):
        tags: list[str] = []
        for given in content["tags"]:
            if given in mapping:
                replaced.append(given)
            code = mapping.get(given, given)
            if code not in tags:
                tags.append(code)
        updated["tags"] = tags
    if kind is RecordKind.ACT and content.get("act_type") in mapping:
        replaced.append(str(content["act_type"]))
        updated["act_type"] = mapping[str(content["act_type"])]
    return updated, replaced


def tag_problems(index: TermIndex, kind: RecordKind, content: Mapping[str, Any],
                 previous: Mapping[str, Any] | None, where: str = "", *,
                 allow_retired: bool = False) -> list[tuple[str, str]]:
    """(field, message) for each code ``content`` adds that the taxonomy does not
    allow. Codes the previous version already had are never questioned: an update of
    the taxonomy must not make old records unsavable. ``allow_retired`` (imports)
    accepts deprecated and removed terms the vault still knows."""
    if index is None or len(index) == 0:
        return []
    kept = {code for _field, code in tag_codes(kind, previous or {})}
    prefix = f"{where}." if where else ""
    problems: list[tuple[str, str]] = []
    for field, code in tag_codes(kind, content):
        if code in kept:
            continue
        term = index.get(code)
        if term is None:
            problems.append((prefix + field, f"{code} is not a term of this vault's taxonomy"))
            continue
        fixed = FIELD_SCHEMES.get((kind, field))
        if fixed is not None:
            if term.scheme != fixed:
                problems.append((prefix + field, f"{code} is not a term of the '{fixed}' "
                                 "scheme"))
                continue
        else:
            scheme = index.schemes.get(term.scheme)
            if scheme is not None and scheme.applies_to and kind.value not in scheme.applies_to:
                problems.append((prefix + field, f"{code} belongs to scheme '{term.scheme}', "
                                 f"which does not apply to {kind.value} records"))
                continue
        if not term.usable and not allow_retired:
            hint = (f"; use {term.replaced_by} instead" if term.replaced_by
                    else "; choose an active term")
            state = "deprecated" if term.status is TermStatus.DEPRECATED else "removed"
            problems.append((prefix + field, f"{code} is {state}{hint}"))
    return problems


def stamped(kind: RecordKind, content: dict[str, Any], previous: Mapping[str, Any] | None,
            taxonomy: str | None) -> dict[str, Any]:
    """``content`` with ``tagged_under`` set: kept from ``previous`` while the codes stay
    the same, the current taxonomy version when they change, left out when the record
    has no codes. A stamp ``content`` brings that differs from the previous version's
    (an import of an export) is kept as given; one merely carried over from the
    previous version (an editor, ``tag`` or ``remap`` starting from the stored content)
    is not."""
    if kind not in TAGGABLE or taxonomy is None:
        return content
    previous_stamp = None if previous is None else previous.get(TAGGED_UNDER)
    given = content.get(TAGGED_UNDER)
    if given is not None and (previous is None or given != previous_stamp):
        return content
    codes = sorted(code for _field, code in tag_codes(kind, content))
    if not codes:
        return {k: v for k, v in content.items() if k != TAGGED_UNDER}
    before = sorted(code for _field, code in tag_codes(kind, previous or {}))
    if previous is not None and codes == before:
        if previous_stamp is None:
            return content
        return {**content, TAGGED_UNDER: previous_stamp}
    return {**content, TAGGED_UNDER: taxonomy}
