"""The taxonomy file format, ``casebook-taxonomy/v1`` (docs/taxonomy.md).

A coordinator edits and distributes this JSON file; every vault of the team imports
it. Parsing checks everything before anything is used and reports the first problem
by its place in the file (``schemes[2].terms[5].parent: ...``).
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from casebook.domain.errors import NewerFormatError, ValidationError
from casebook.taxonomy.model import TAGGABLE_KINDS, Scheme, Taxonomy, Term, TermStatus

FORMAT = "casebook-taxonomy/v1"
#: Larger files are refused before parsing: no real vocabulary comes near this.
MAX_BYTES = 20 * 1024 * 1024
MAX_TERMS = 50_000

CODE_PATTERN = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:[.:-][a-z0-9]+)*$")

Text = Annotated[str, Field(max_length=2000)]
Code = Annotated[str, Field(min_length=1, max_length=120, pattern=CODE_PATTERN.pattern)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TermFile(_Strict):
    code: Code
    parent: Code | None = None
    labels: dict[Annotated[str, Field(max_length=16)], Text]
    definitions: dict[Annotated[str, Field(max_length=16)], Text] = {}
    legal_reference: Text = ""
    status: TermStatus = TermStatus.ACTIVE
    replaced_by: Code | None = None


class SchemeFile(_Strict):
    code: Annotated[str, Field(min_length=1, max_length=60, pattern=CODE_PATTERN.pattern)]
    labels: dict[Annotated[str, Field(max_length=16)], Text]
    definitions: dict[Annotated[str, Field(max_length=16)], Text] = {}
    applies_to: list[str] = []
    sources: list[Text] = []
    terms: list[TermFile] = Field(max_length=MAX_TERMS)


class TaxonomyFile(_Strict):
    format: str
    id: Annotated[str, Field(min_length=1, max_length=80, pattern=ID_PATTERN.pattern)]
    version: int = Field(ge=1)
    published: Annotated[str, Field(max_length=40)] = ""
    title: dict[Annotated[str, Field(max_length=16)], Text] = {}
    languages: list[Annotated[str, Field(max_length=16)]] = ["en", "ar"]
    schemes: list[SchemeFile] = Field(min_length=1, max_length=200)


def _fail(where: str, message: str) -> ValidationError:
    return ValidationError(f"{where}: {message}" if where else message, field=where or None)


def parse_taxonomy_bytes(raw: bytes, *, source: str = "taxonomy file") -> Taxonomy:
    if len(raw) > MAX_BYTES:
        raise ValidationError(f"{source} is larger than {MAX_BYTES // (1024 * 1024)} MiB; "
                              "it is not a taxonomy file.")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError(f"{source} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    return parse_taxonomy(data, source=source)


def parse_taxonomy(data: Any, *, source: str = "taxonomy file") -> Taxonomy:
    """Validate a decoded taxonomy file; raise ValidationError locating the first
    problem."""
    if not isinstance(data, dict):
        raise ValidationError(f"{source}: a taxonomy file is one JSON object.")
    declared = data.get("format")
    if declared != FORMAT:
        if isinstance(declared, str) and declared.startswith("casebook-taxonomy/"):
            raise NewerFormatError(
                f"{source} is in format {declared}; this Casebook reads {FORMAT}. "
                "Update Casebook to read it."
            )
        raise _fail("format", f"expected \"{FORMAT}\"; this is not a Casebook taxonomy file")
    try:
        parsed = TaxonomyFile.model_validate(data)
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        where = _location(first["loc"])
        raise _fail(where, str(first["msg"]).removeprefix("Value error, ")) from None
    _check_references(parsed)
    return Taxonomy(
        id=parsed.id, version=parsed.version, published=parsed.published,
        title=dict(parsed.title), languages=tuple(parsed.languages),
        schemes=tuple(_scheme(s, origin=parsed.id) for s in parsed.schemes),
    )


def _location(loc: tuple[int | str, ...]) -> str:
    where = ""
    for part in loc:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    return where


def _check_references(parsed: TaxonomyFile) -> None:
    codes: set[str] = set()
    scheme_codes: set[str] = set()
    for s_index, scheme in enumerate(parsed.schemes):
        here = f"schemes[{s_index}]"
        if scheme.code in scheme_codes:
            raise _fail(f"{here}.code", f"scheme {scheme.code} appears twice")
        scheme_codes.add(scheme.code)
        _need_labels(scheme.labels, f"{here}.labels", parsed.languages[:1])
        for kind in scheme.applies_to:
            if kind not in TAGGABLE_KINDS:
                raise _fail(f"{here}.applies_to",
                            f"{kind} is not one of {', '.join(TAGGABLE_KINDS)}")
        _check_codes(scheme, here, codes, parsed.languages[:1])
    for s_index, scheme in enumerate(parsed.schemes):
        by_code = {t.code: t for t in scheme.terms}
        for t_index, term in enumerate(scheme.terms):
            where = f"schemes[{s_index}].terms[{t_index}]"
            _check_links(term, scheme.code, by_code, where)


def _check_codes(scheme: SchemeFile, here: str, codes: set[str], required: list[str]) -> None:
    """Every term code starts with its scheme's code and appears once in the file."""
    for t_index, term in enumerate(scheme.terms):
        where = f"{here}.terms[{t_index}]"
        if not term.code.startswith(f"{scheme.code}."):
            raise _fail(f"{where}.code",
                        f"{term.code} must start with its scheme's code, {scheme.code}.")
        if term.code in codes:
            raise _fail(f"{where}.code", f"{term.code} appears twice")
        codes.add(term.code)
        _need_labels(term.labels, f"{where}.labels", required)


def _check_links(term: TermFile, scheme: str, by_code: dict[str, TermFile], where: str) -> None:
    """The term's parent and replacement exist in its scheme, its status fits, and it
    is not its own ancestor."""
    if term.parent is not None and term.parent not in by_code:
        raise _fail(f"{where}.parent", f"{term.parent} is not a term of scheme {scheme}")
    if term.status is TermStatus.REMOVED:
        raise _fail(f"{where}.status", "a file lists active and deprecated terms; "
                    "leave a removed term out")
    if term.status is TermStatus.ACTIVE and term.replaced_by:
        raise _fail(f"{where}.replaced_by", "only a deprecated term has a replacement")
    if term.replaced_by is not None:
        target = by_code.get(term.replaced_by)
        if target is None:
            raise _fail(f"{where}.replaced_by",
                        f"{term.replaced_by} is not a term of scheme {scheme}")
        if target.status is not TermStatus.ACTIVE:
            raise _fail(f"{where}.replaced_by",
                        f"{term.replaced_by} is not active; point at an active term")
    seen = {term.code}
    parent = term.parent
    while parent is not None:
        if parent in seen:
            raise _fail(f"{where}.parent", f"{term.code} is its own ancestor")
        seen.add(parent)
        above = by_code.get(parent)  # a missing parent is reported at its own term
        parent = None if above is None else above.parent


def _need_labels(labels: dict[str, str], where: str, required: list[str]) -> None:
    for language in required or ["en"]:
        if not labels.get(language):
            raise _fail(where, f"a label in '{language}' is required")


def _scheme(scheme: SchemeFile, *, origin: str) -> Scheme:
    return Scheme(
        code=scheme.code, labels=dict(scheme.labels), definitions=dict(scheme.definitions),
        applies_to=tuple(scheme.applies_to), sources=tuple(scheme.sources), origin=origin,
        terms=tuple(
            Term(code=t.code, scheme=scheme.code, parent=t.parent, labels=dict(t.labels),
                 definitions=dict(t.definitions), legal_reference=t.legal_reference,
                 status=t.status, replaced_by=t.replaced_by)
            for t in scheme.terms
        ),
    )


def taxonomy_to_json(taxonomy: Taxonomy) -> dict[str, Any]:
    """The file form of ``taxonomy`` (what :func:`parse_taxonomy` reads back)."""
    return {
        "format": FORMAT, "id": taxonomy.id, "version": taxonomy.version,
        "published": taxonomy.published, "title": dict(taxonomy.title),
        "languages": list(taxonomy.languages),
        "schemes": [scheme_to_json(s) for s in taxonomy.schemes],
    }


def scheme_to_json(scheme: Scheme) -> dict[str, Any]:
    return {
        "code": scheme.code, "labels": dict(scheme.labels),
        "definitions": dict(scheme.definitions), "applies_to": list(scheme.applies_to),
        "sources": list(scheme.sources),
        "terms": [term_to_json(t) for t in scheme.terms],
    }


def term_to_json(term: Term) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": term.code, "parent": term.parent, "labels": dict(term.labels),
        "definitions": dict(term.definitions), "legal_reference": term.legal_reference,
        "status": term.status.value,
    }
    if term.replaced_by is not None:
        data["replaced_by"] = term.replaced_by
    return data
