"""Shared vocabularies (act types, legal qualifications...). Filled by the taxonomy issue."""
