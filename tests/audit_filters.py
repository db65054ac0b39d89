"""Tests of the audit trail look at what a person did; every new vault also installs
the shipped taxonomy and gazetteer (one entry for the taxonomy, one per place), which
these helpers leave out. tests/core/test_reference_data.py checks those entries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from casebook.gazetteer.shipped import shipped_gazetteer

#: Audit entries a new vault's reference data adds.
REFERENCE_ENTRIES = 1 + len(shipped_gazetteer().places)


def is_reference_data(entry: Any) -> bool:
    return bool(entry.action == "taxonomy-install"
                or (entry.action == "import" and entry.object_type == "place"))


def without_reference_data(entries: Iterable[Any]) -> list[Any]:
    return [e for e in entries if not is_reference_data(e)]
