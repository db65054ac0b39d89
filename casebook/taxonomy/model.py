"""A taxonomy in memory: schemes of terms with stable codes, labels and definitions per
language, a parent hierarchy, and a lifecycle (active, deprecated, removed).

Records store codes, never labels (DESIGN.md section 3), so a term is looked up here
whenever one is shown. A term that a newer version removed is kept as ``removed`` so
that records tagged with it still show what it meant.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from casebook.domain.folding import fold


class TermStatus(StrEnum):
    ACTIVE = "active"
    DEPRECATED = "deprecated"
    REMOVED = "removed"  # gone from the taxonomy file; kept so old tags still read


#: Record kinds a scheme may apply to.
TAGGABLE_KINDS = ("incident", "act", "person", "statement", "unit", "place")


@dataclass(frozen=True)
class Term:
    code: str
    scheme: str
    parent: str | None
    labels: Mapping[str, str]
    definitions: Mapping[str, str] = field(default_factory=dict)
    legal_reference: str = ""
    status: TermStatus = TermStatus.ACTIVE
    replaced_by: str | None = None

    def label(self, language: str) -> str:
        """The label in ``language``, else English, else any label, else the code."""
        return (self.labels.get(language) or self.labels.get("en")
                or next(iter(self.labels.values()), "") or self.code)

    def definition(self, language: str) -> str:
        return self.definitions.get(language) or self.definitions.get("en") or ""

    @property
    def usable(self) -> bool:
        """Whether new tags may use this term (deprecated and removed terms are kept on
        the records that have them, but not offered for new tagging)."""
        return self.status is TermStatus.ACTIVE

    def matches(self, folded_query: str) -> bool:
        """Whether a folded query (:func:`casebook.domain.folding.fold`) occurs in the
        code or any label (all languages). The code is folded too, so a typed code
        (``act.kill``, folded to ``act kill``) finds ``act.killing``."""
        if folded_query in self.code or folded_query in fold(self.code):
            return True
        return any(folded_query in fold(label) for label in self.labels.values())


@dataclass(frozen=True)
class Scheme:
    code: str
    labels: Mapping[str, str]
    definitions: Mapping[str, str] = field(default_factory=dict)
    applies_to: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    #: The taxonomy this scheme came with ("local:<code>" for a scheme imported from
    #: a CSV thesaurus).
    origin: str = ""

    def label(self, language: str) -> str:
        return self.labels.get(language) or self.labels.get("en") or self.code


@dataclass(frozen=True)
class Taxonomy:
    """One version of a taxonomy file."""

    id: str
    version: int
    schemes: tuple[Scheme, ...]
    title: Mapping[str, str] = field(default_factory=dict)
    published: str = ""
    languages: tuple[str, ...] = ("en", "ar")

    def terms(self) -> Iterator[Term]:
        for scheme in self.schemes:
            yield from scheme.terms

    def scheme(self, code: str) -> Scheme | None:
        return next((s for s in self.schemes if s.code == code), None)

    @property
    def label(self) -> str:
        return f"{self.id} version {self.version}"


class TermIndex:
    """Every term the vault knows (all schemes, removed ones included), by code, with
    the hierarchy for descendant queries."""

    def __init__(self, schemes: tuple[Scheme, ...] | list[Scheme]) -> None:
        self.schemes = {scheme.code: scheme for scheme in schemes}
        self._terms = {term.code: term for scheme in schemes for term in scheme.terms}
        self._children: dict[str, list[str]] = {}
        for term in self._terms.values():
            if term.parent is not None:
                self._children.setdefault(term.parent, []).append(term.code)

    def __contains__(self, code: object) -> bool:
        return code in self._terms

    def __len__(self) -> int:
        return len(self._terms)

    def get(self, code: str) -> Term | None:
        return self._terms.get(code)

    def all(self) -> list[Term]:
        return list(self._terms.values())

    def children(self, code: str) -> list[Term]:
        return [self._terms[c] for c in self._children.get(code, ())]

    def roots(self, scheme: str) -> list[Term]:
        found = self.schemes.get(scheme)
        return [] if found is None else [t for t in found.terms if t.parent is None]

    def descendants(self, code: str) -> list[str]:
        """``code`` and every term below it, parents before children."""
        found: list[str] = []
        pending = [code]
        while pending:
            current = pending.pop(0)
            if current in found:
                continue  # a cycle cannot pass validation; this keeps a bad row harmless
            found.append(current)
            pending.extend(self._children.get(current, ()))
        return found

    def ancestors(self, code: str) -> list[str]:
        """The parents of ``code``, nearest first."""
        chain: list[str] = []
        term = self._terms.get(code)
        while term is not None and term.parent is not None and term.parent not in chain:
            chain.append(term.parent)
            term = self._terms.get(term.parent)
        return chain

    def label(self, code: str, language: str) -> str:
        term = self._terms.get(code)
        return code if term is None else term.label(language)

    def search(self, query: str, *, scheme: str | None = None) -> list[Term]:
        """Terms whose code or label in any language contains ``query`` (folded, so
        hamza, taa marbuta and diacritics do not matter)."""
        folded = fold(query)
        return [
            term for term in self._terms.values()
            if (scheme is None or term.scheme == scheme) and term.matches(folded)
        ]
