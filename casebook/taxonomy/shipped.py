"""The taxonomy Casebook ships (``data/casebook-default.json``), written for Casebook
from the treaty texts; see docs/taxonomy.md for the schemes and their sources."""

from __future__ import annotations

from importlib import resources

from casebook.taxonomy.format import parse_taxonomy_bytes
from casebook.taxonomy.model import Taxonomy

DEFAULT_TAXONOMY_FILE = "casebook-default.json"


def default_taxonomy() -> Taxonomy:
    raw = resources.files("casebook.taxonomy").joinpath(f"data/{DEFAULT_TAXONOMY_FILE}")
    return parse_taxonomy_bytes(raw.read_bytes(), source=DEFAULT_TAXONOMY_FILE)
