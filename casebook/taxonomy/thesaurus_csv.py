"""Thesauri as CSV: Uwazi's layout and a plain one, in and out.

Uwazi (HURIDOCS) imports a thesaurus from a CSV with one column per language, the
header naming the language ("English", "Arabic"...), one row per value, and a child
value written under its parent with a leading ``-``. It has no codes, so codes are
made from the English label. The plain layout has explicit codes:
``code,parent,label_en,label_ar[,definition_en,...,status,replaced_by,legal_reference]``.
Either becomes one scheme of the vault's taxonomy (docs/taxonomy.md).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable

from casebook.domain.errors import ValidationError
from casebook.taxonomy.format import CODE_PATTERN, MAX_TERMS
from casebook.taxonomy.model import TAGGABLE_KINDS, Scheme, Term, TermStatus

#: Header names Uwazi and spreadsheet users write for a language, folded to lower case.
LANGUAGE_NAMES = {
    "english": "en", "arabic": "ar", "العربية": "ar", "عربي": "ar", "عربى": "ar",
    "french": "fr", "français": "fr", "francais": "fr", "spanish": "es", "español": "es",
    "espanol": "es", "kurdish": "ku", "kurdî": "ku", "turkish": "tr", "türkçe": "tr",
    "russian": "ru", "русский": "ru", "persian": "fa", "فارسی": "fa",
    "german": "de", "deutsch": "de",
}
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
MAX_CSV_BYTES = 5 * 1024 * 1024


def _language(header: str, column: int) -> str:
    name = header.strip().casefold()
    if name in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[name]
    if _LANGUAGE_CODE.match(name):
        return name
    raise ValidationError(
        f"column {column + 1} (\"{header.strip()}\"): not a language Casebook knows. "
        "Name each column after its language (English, Arabic...) or a two-letter code "
        "(en, ar)."
    )


def _rows(text: str) -> list[list[str]]:
    if len(text.encode("utf-8")) > MAX_CSV_BYTES:
        raise ValidationError("The CSV file is larger than 5 MiB; it is not a thesaurus.")
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if len(rows) < 2:
        raise ValidationError("The CSV file has no rows under its header.")
    if len(rows) > MAX_TERMS:
        raise ValidationError(f"The CSV file has more than {MAX_TERMS} rows.")
    return rows


def slug(text: str) -> str:
    """An ASCII code part from a label: ``Arrest & detention`` -> ``arrest-detention``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:60].strip("-")


def _scheme(code: str, labels: dict[str, str], applies_to: Iterable[str],
            terms: list[Term]) -> Scheme:
    if not CODE_PATTERN.match(code) or len(code) > 60:
        raise ValidationError(
            f"\"{code}\" cannot be a scheme code: use lower-case letters, digits and hyphens."
        )
    kinds = tuple(applies_to)
    for kind in kinds:
        if kind not in TAGGABLE_KINDS:
            raise ValidationError(f"\"{kind}\" is not one of {', '.join(TAGGABLE_KINDS)}.")
    return Scheme(code=code, labels=labels or {"en": code}, applies_to=kinds,
                  terms=tuple(terms), origin=f"local:{code}")


def read_uwazi_csv(text: str, *, scheme: str, labels: dict[str, str] | None = None,
                   applies_to: Iterable[str] = ("incident",)) -> Scheme:
    rows = _rows(text)
    header = rows[0]
    languages = [_language(name, i) for i, name in enumerate(header) if name.strip()]
    if len(set(languages)) != len(languages):
        raise ValidationError("Two columns name the same language.")
    primary = 0 if "en" not in languages else languages.index("en")
    terms: list[Term] = []
    used: set[str] = set()
    parent: str | None = None
    for line, row in enumerate(rows[1:], start=2):
        cells = [(row[i] if i < len(row) else "").strip() for i in range(len(languages))]
        if not any(cells):
            continue
        nested = [c.startswith("-") for c in cells if c]
        if any(nested) and not all(nested):
            raise ValidationError(
                f"line {line}: a child value starts with '-' in every language column."
            )
        is_child = bool(nested) and nested[0]
        values = {lang: cell.removeprefix("-").strip()
                  for lang, cell in zip(languages, cells, strict=True)}
        labels_here = {lang: value for lang, value in values.items() if value}
        if is_child and parent is None:
            raise ValidationError(f"line {line}: a child value ('-') needs a parent row above it.")
        name = values[languages[primary]] or next(iter(labels_here.values()))
        code = _unique(f"{scheme}.{slug(name) or f'term-{line - 1}'}", used)
        terms.append(Term(code=code, scheme=scheme, parent=parent if is_child else None,
                          labels=labels_here))
        if not is_child:
            parent = code
    return _scheme(scheme, labels or {}, applies_to, terms)


def _unique(code: str, used: set[str]) -> str:
    candidate, n = code, 2
    while candidate in used:
        candidate = f"{code}-{n}"
        n += 1
    used.add(candidate)
    return candidate


def read_plain_csv(text: str, *, scheme: str, labels: dict[str, str] | None = None,
                   applies_to: Iterable[str] = ("incident",)) -> Scheme:
    rows = _rows(text)
    header = [h.strip().casefold() for h in rows[0]]
    if "code" not in header:
        raise ValidationError("The CSV needs a 'code' column (and 'parent', 'label_en'...).")
    label_columns = {h.removeprefix("label_"): i for i, h in enumerate(header)
                     if h.startswith("label_")}
    if not label_columns:
        raise ValidationError("The CSV needs at least one label column, e.g. 'label_en'.")
    definition_columns = {h.removeprefix("definition_"): i for i, h in enumerate(header)
                          if h.startswith("definition_")}

    def cell(row: list[str], name: str) -> str:
        index = header.index(name) if name in header else -1
        return row[index].strip() if 0 <= index < len(row) else ""

    def qualified(code: str) -> str:
        return code if code.startswith(f"{scheme}.") else f"{scheme}.{code}"

    terms: list[Term] = []
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        raw_code = cell(row, "code")
        if not raw_code:
            raise ValidationError(f"line {line}: the code is empty.")
        code = qualified(raw_code.lower())
        if not CODE_PATTERN.match(code):
            raise ValidationError(f"line {line}: \"{raw_code}\" is not a valid code "
                                  "(lower-case letters, digits, '.' and '-').")
        if code in seen:
            raise ValidationError(f"line {line}: code \"{raw_code}\" appears twice.")
        seen.add(code)
        labels_here = {lang: row[i].strip() for lang, i in label_columns.items()
                       if i < len(row) and row[i].strip()}
        if not labels_here:
            raise ValidationError(f"line {line}: the term has no label.")
        status_text = cell(row, "status") or "active"
        try:
            status = TermStatus(status_text)
        except ValueError:
            raise ValidationError(f"line {line}: status \"{status_text}\" is not "
                                  "active or deprecated.") from None
        parent = cell(row, "parent")
        replaced_by = cell(row, "replaced_by")
        terms.append(Term(
            code=code, scheme=scheme, parent=qualified(parent.lower()) if parent else None,
            labels=labels_here,
            definitions={lang: row[i].strip() for lang, i in definition_columns.items()
                         if i < len(row) and row[i].strip()},
            legal_reference=cell(row, "legal_reference"), status=status,
            replaced_by=qualified(replaced_by.lower()) if replaced_by else None,
        ))
    for index, term in enumerate(terms):
        if term.parent is not None and term.parent not in seen:
            raise ValidationError(f"term {index + 1} ({term.code}): parent {term.parent} "
                                  "is not in the file.")
        if term.replaced_by is not None and term.replaced_by not in seen:
            raise ValidationError(f"term {index + 1} ({term.code}): replacement "
                                  f"{term.replaced_by} is not in the file.")
    _check_no_cycles(terms)
    return _scheme(scheme, labels or {}, applies_to, terms)


def _check_no_cycles(terms: list[Term]) -> None:
    parents = {t.code: t.parent for t in terms}
    for term in terms:
        seen = {term.code}
        parent = term.parent
        while parent is not None:
            if parent in seen:
                raise ValidationError(f"{term.code} is its own ancestor.")
            seen.add(parent)
            parent = parents.get(parent)


def _ordered(scheme: Scheme, *, include_removed: bool = False) -> list[tuple[Term, int]]:
    """Terms depth-first (parents before children) with their depth."""
    terms = [t for t in scheme.terms if include_removed or t.status is not TermStatus.REMOVED]
    codes = {t.code for t in terms}
    children: dict[str | None, list[Term]] = {}
    for term in terms:
        key = term.parent if term.parent in codes else None
        children.setdefault(key, []).append(term)
    ordered: list[tuple[Term, int]] = []

    def walk(parent: str | None, depth: int) -> None:
        for term in children.get(parent, ()):
            ordered.append((term, depth))
            walk(term.code, depth + 1)

    walk(None, 0)
    return ordered


def write_uwazi_csv(scheme: Scheme, languages: Iterable[str] = ("en", "ar")) -> str:
    """Uwazi has one level of nesting: deeper terms are listed under their top-level
    ancestor (docs/taxonomy.md)."""
    names = {"en": "English", "ar": "Arabic", "fr": "French", "es": "Spanish"}
    langs = list(languages)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([names.get(lang, lang) for lang in langs])
    for term, depth in _ordered(scheme):
        prefix = "- " if depth else ""
        writer.writerow([prefix + term.labels.get(lang, "") for lang in langs])
    return out.getvalue()


def write_plain_csv(scheme: Scheme, languages: Iterable[str] = ("en", "ar")) -> str:
    langs = list(languages)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "parent", *(f"label_{lang}" for lang in langs),
                     *(f"definition_{lang}" for lang in langs), "status", "replaced_by",
                     "legal_reference"])
    for term, _depth in _ordered(scheme):
        writer.writerow([
            term.code, term.parent or "", *(term.labels.get(lang, "") for lang in langs),
            *(term.definitions.get(lang, "") for lang in langs), term.status.value,
            term.replaced_by or "", term.legal_reference,
        ])
    return out.getvalue()
