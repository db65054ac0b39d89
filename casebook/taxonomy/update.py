"""Updating a vault's taxonomy to a newer version of the same file.

An update never invalidates a tag: a term the new version deprecates keeps its code
(and shows its replacement); a term the new version leaves out is kept as
``removed``, so records tagged with it still say what it meant. Only a newer version
of the same taxonomy is accepted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from casebook.domain.errors import CasebookError
from casebook.taxonomy.model import Scheme, Taxonomy, Term, TermStatus


class TaxonomyUpdateRefusedError(CasebookError):
    """A taxonomy file that is unrelated to the vault's, or not newer than it."""


@dataclass(frozen=True)
class TermChange:
    before: Term | None
    after: Term | None

    @property
    def code(self) -> str:
        term = self.after or self.before
        assert term is not None
        return term.code


@dataclass
class TaxonomyDiff:
    """What an update changes, term by term."""

    taxonomy_id: str
    old_version: int | None
    new_version: int
    added: list[TermChange] = field(default_factory=list)
    relabelled: list[TermChange] = field(default_factory=list)  # labels or definitions
    moved: list[TermChange] = field(default_factory=list)  # another parent
    deprecated: list[TermChange] = field(default_factory=list)
    reactivated: list[TermChange] = field(default_factory=list)
    removed: list[TermChange] = field(default_factory=list)
    schemes_added: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any((self.added, self.relabelled, self.moved, self.deprecated,
                        self.reactivated, self.removed, self.schemes_added))

    def sections(self) -> list[tuple[str, list[TermChange]]]:
        return [
            ("added", self.added), ("relabelled", self.relabelled), ("moved", self.moved),
            ("deprecated", self.deprecated), ("reactivated", self.reactivated),
            ("removed", self.removed),
        ]

    def as_json(self) -> dict[str, object]:
        def change(c: TermChange) -> dict[str, object]:
            data: dict[str, object] = {"code": c.code}
            if c.before is not None:
                data["before"] = {"labels": dict(c.before.labels), "parent": c.before.parent,
                                  "status": c.before.status.value}
            if c.after is not None:
                data["after"] = {"labels": dict(c.after.labels), "parent": c.after.parent,
                                 "status": c.after.status.value,
                                 "replaced_by": c.after.replaced_by}
            return data

        return {
            "taxonomy": self.taxonomy_id, "from_version": self.old_version,
            "to_version": self.new_version, "schemes_added": self.schemes_added,
            **{name: [change(c) for c in changes] for name, changes in self.sections()},
        }


def check_update(installed: Taxonomy | None, new: Taxonomy) -> bool:
    """Raise if ``new`` may not replace ``installed``; return False when it is the
    version already installed (nothing to do)."""
    if installed is None:
        return True
    if new.id != installed.id:
        raise TaxonomyUpdateRefusedError(
            f"This file is taxonomy \"{new.id}\", but this vault follows \"{installed.id}\". "
            "Ask your coordinator for an update of the vault's own taxonomy; "
            "a separate vocabulary can be added as a new scheme from a CSV file."
        )
    if new.version < installed.version:
        raise TaxonomyUpdateRefusedError(
            f"This file is version {new.version} of \"{new.id}\", older than the version "
            f"{installed.version} this vault already uses. Nothing was changed."
        )
    if new.version == installed.version:
        if _comparable(new) != _comparable(installed):
            raise TaxonomyUpdateRefusedError(
                f"This file says it is version {new.version} of \"{new.id}\", which this vault "
                "already has, but its terms differ. Ask the coordinator to give the changed "
                "file a new version number."
            )
        return False
    return True


def _comparable(taxonomy: Taxonomy) -> list[tuple[str, list[Term]]]:
    return [(s.code, list(s.terms)) for s in taxonomy.schemes]


def diff_taxonomies(installed: list[Scheme], new: Taxonomy,
                    old_version: int | None) -> TaxonomyDiff:
    """Changes from the vault's current schemes of this taxonomy to ``new``."""
    result = TaxonomyDiff(new.id, old_version, new.version)
    old_terms = {t.code: t for s in installed for t in s.terms}
    new_terms = {t.code: t for s in new.schemes for t in s.terms}
    old_schemes = {s.code for s in installed}
    result.schemes_added = [s.code for s in new.schemes if s.code not in old_schemes]
    for code, after in new_terms.items():
        before = old_terms.get(code)
        if before is None or before.status is TermStatus.REMOVED:
            result.added.append(TermChange(before, after))
            continue
        change = TermChange(before, after)
        if after.status is TermStatus.DEPRECATED and (
            before.status is not TermStatus.DEPRECATED or before.replaced_by != after.replaced_by
        ):
            result.deprecated.append(change)
        elif after.status is TermStatus.ACTIVE and before.status is TermStatus.DEPRECATED:
            result.reactivated.append(change)
        if dict(before.labels) != dict(after.labels) or (
            dict(before.definitions) != dict(after.definitions)
        ):
            result.relabelled.append(change)
        if before.parent != after.parent:
            result.moved.append(change)
    for code, before in old_terms.items():
        if code not in new_terms and before.status is not TermStatus.REMOVED:
            result.removed.append(TermChange(before, None))
    return result


def merged_schemes(installed: list[Scheme], new: Taxonomy) -> list[Scheme]:
    """The schemes of ``new``, plus every term (and scheme) of the installed version
    that ``new`` leaves out, kept as ``removed`` so no tag loses its meaning."""
    new_codes = {t.code for s in new.schemes for t in s.terms}
    kept_by_scheme: dict[str, list[Term]] = {}
    for scheme in installed:
        for term in scheme.terms:
            if term.code not in new_codes:
                kept_by_scheme.setdefault(scheme.code, []).append(
                    replace(term, status=TermStatus.REMOVED, replaced_by=None)
                )
    merged = []
    for scheme in new.schemes:
        extra = kept_by_scheme.pop(scheme.code, [])
        merged.append(replace(scheme, terms=scheme.terms + tuple(sorted(extra, key=_code))))
    for scheme in installed:
        if scheme.code in kept_by_scheme:
            merged.append(replace(scheme, terms=tuple(kept_by_scheme[scheme.code]),
                                  origin=new.id))
    return merged


def _code(term: Term) -> str:
    return term.code
