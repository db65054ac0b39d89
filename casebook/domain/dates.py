"""Partial and uncertain dates: ``2025``, ``2025-03``, ``2025-03-07``."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    APPROXIMATE = "approximate"
    RANGE = "range"


def parse_partial_date(text: str) -> str:
    """Check and return a partial ISO 8601 date; raise ValueError("not a date") otherwise."""
    match = _PARTIAL.match(text.strip())
    if not match:
        raise ValueError("not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if year < 1900 or year > 2200:
        raise ValueError("not a date (year out of range)")
    if month is not None and not 1 <= month <= 12:
        raise ValueError("not a date (month out of range)")
    if day is not None:
        assert month is not None
        try:
            date(year, month, day)
        except ValueError:
            raise ValueError("not a date (no such day)") from None
    return match.group(0)


def earliest(text: str) -> date:
    """The first day a partial date can mean (for sorting and ranges)."""
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def latest(text: str) -> date:
    """The last day a partial date can mean."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        following = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(parts[0], 12, 31)


def precision_of(text: str) -> DatePrecision:
    return {1: DatePrecision.YEAR, 2: DatePrecision.MONTH, 3: DatePrecision.DAY}[
        len(text.split("-"))
    ]
